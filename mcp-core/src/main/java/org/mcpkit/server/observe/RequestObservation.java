package org.mcpkit.server.observe;

/**
 * The observation of one request, from {@link ServerObserver#requestStarted}. The engine {@link
 * #enter()}s it on the thread that runs the handler (a pool, virtual or transport thread), around
 * the handler and the delivery of its answer, and on a stream writer's thread around the log lines
 * it writes for the request; it may be entered on several threads, also at once, and each scope is
 * closed on the thread that opened it. {@link #end} is called exactly once, on any thread, before
 * the answer is handed to the transport. Implementations must be thread-safe and should not block.
 */
public interface RequestObservation {
  /** An observation that does nothing. */
  static RequestObservation none() {
    return Noop.OBSERVATION;
  }

  /**
   * Makes the request's context current on this thread (a tracing context, log context) until the
   * returned scope is closed.
   */
  default RequestScope enter() {
    return RequestScope.none();
  }

  /** The request ended with {@code outcome}. */
  void end(RequestOutcome outcome);
}
