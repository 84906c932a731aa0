package org.mcpkit.server.observe;

import java.util.List;

/**
 * Hears what a server does, for metrics, traces and log context; attached with {@code
 * McpServer.Builder.observer}. Every method has an empty default, so an observer implements what it
 * needs. Requests are reported on every transport; streams, sessions, keep-alives, refusals and
 * store failures by the HTTP endpoint serving the server (and refusals by stdio).
 *
 * <p>Implementations must be thread-safe, fast and non-blocking: they are called on I/O-adjacent,
 * timer and handler threads. An exception thrown by an observer is logged and otherwise ignored.
 */
public interface ServerObserver {
  /** An observer that hears nothing; what a server has when none is attached. */
  static ServerObserver none() {
    return Noop.OBSERVER;
  }

  /**
   * One observer calling each of {@code observers} in order (scopes are closed in reverse order);
   * {@link #none()} for none, the observer itself for one.
   */
  static ServerObserver composite(List<ServerObserver> observers) {
    List<ServerObserver> all = List.copyOf(observers).stream().filter(o -> o != Noop.OBSERVER).toList();
    return switch (all.size()) {
      case 0 -> none();
      case 1 -> all.get(0);
      default -> new CompositeObserver(all);
    };
  }

  /** {@link #composite(List)} of the given observers. */
  static ServerObserver composite(ServerObserver... observers) {
    return composite(List.of(observers));
  }

  /**
   * Sets the SLF4J MDC while a request is handled, on whichever thread handles it, and restores it
   * afterwards: {@value MdcKeys#METHOD}, {@value MdcKeys#REQUEST_ID}, {@value MdcKeys#TOOL_NAME}
   * or {@value MdcKeys#PROMPT_NAME} (registered names only), and {@value MdcKeys#SESSION_HASH} (a
   * hash, never the session id). Tokens and {@code requestState} never
   * go into it.
   */
  static ServerObserver mdc() {
    return MdcObserver.INSTANCE;
  }

  /** A request started; the returned observation hears its handler run and its end. */
  default RequestObservation requestStarted(RequestStart start) {
    return RequestObservation.none();
  }

  /** An SSE stream opened. */
  default void streamOpened(StreamKind kind) {}

  /** An SSE stream ended; called exactly once for every stream opened. */
  default void streamClosed(StreamKind kind, StreamCloseReason reason) {}

  /** A keep-alive comment was written on an idle stream. */
  default void keepAliveSent(StreamKind kind) {}

  /** A 2025-era session opened on this instance. */
  default void sessionOpened(SessionOpened session) {}

  /** A 2025-era session ended by this instance. */
  default void sessionClosed(SessionClosed session) {}

  /** A request's credentials were refused. */
  default void authFailed(AuthFailure failure) {}

  /** A message was refused before reaching a handler. */
  default void rejected(Rejection rejection) {}

  /** A shared store or bus failed where the engine goes on without it. */
  default void storeFailed(StoreFailure failure) {}
}
