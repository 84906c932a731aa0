package org.mcpkit.internal.dispatch;

import java.util.Optional;
import java.util.concurrent.Executor;
import org.mcpkit.internal.json.JsonRpcCodec;
import org.mcpkit.jsonrpc.JsonRpcNotification;
import org.mcpkit.jsonrpc.JsonRpcRequest;
import org.mcpkit.jsonrpc.JsonRpcResponse;
import org.mcpkit.protocol.Tool;
import org.mcpkit.server.observe.ServerObserver;

/**
 * What a transport (stdio, the HTTP endpoint) needs from the server. Every transport decodes
 * messages with {@link #codec()} and hands each to {@link Inbound}; a request is admitted once
 * ({@link #admit}) and the admission dispatched ({@link #dispatch(Admission, TransportContext,
 * ResponseSink, boolean)}). A transport that maps refusals to its own status codes (the HTTP
 * endpoint: -32601 → 404, others → 400, through its failure table) checks the admission first.
 *
 * <p>Thread-safe. Never blocks the caller unless it lets the handler run on its thread.
 */
public interface Dispatcher {
  /** Whether this server serves 2025-era clients (any legacy revision enabled). */
  boolean servesLegacy();

  /** Whether the server's notification bus reaches every instance now (never waits). */
  default boolean eventsAvailable() {
    return true;
  }

  /** The codec for this server's limits. */
  JsonRpcCodec codec();

  /**
   * Decides, once, whether and how a request runs: {@code initialize} and requests of the
   * connection's 2025-era session, or a 2026-07-28 request checked in the spec's order (required
   * {@code _meta} fields -32602, version -32022, method known and advertised -32601, client
   * capabilities -32021).
   */
  Admission admit(JsonRpcRequest request, TransportContext context);

  /**
   * The scopes a request of {@code method} on {@code target} (the tool or prompt name, the resource
   * URI, or null) needs, as declared at registration; empty when none. Only an endpoint with a
   * resource server asks.
   */
  default java.util.Set<String> requiredScopes(String method, String target) {
    return java.util.Set.of();
  }

  /** Looks up a registered tool (for {@code Mcp-Param-*} header validation). */
  Optional<Tool> tool(String name);

  /**
   * Runs an admitted request (a refused one is answered with its error). Output goes to {@code
   * sink}; the response always arrives unless the call is cancelled, also for bad params or a full
   * server (then as an error response).
   *
   * @param mayRunHere the caller's thread may block: the handler runs on it when that thread runs
   *     work from {@link #handoff()} or the server runs handlers on transport threads
   * @return a handle to cancel the call
   */
  Call dispatch(Admission admission, TransportContext context, ResponseSink sink, boolean mayRunHere, RequestOrigin origin);

  /** {@link #dispatch(Admission, TransportContext, ResponseSink, boolean, RequestOrigin)} of a request from stdio. */
  default Call dispatch(Admission admission, TransportContext context, ResponseSink sink, boolean mayRunHere) {
    return dispatch(admission, context, sink, mayRunHere, RequestOrigin.STDIO);
  }

  /** Admits and runs a request on the server's executor. */
  default Call dispatch(JsonRpcRequest request, TransportContext context, RequestOrigin origin, ResponseSink sink) {
    return dispatch(admit(request, context), context, sink, false, origin);
  }

  /** Admits and runs a request from stdio on the server's executor. */
  default Call dispatch(JsonRpcRequest request, TransportContext context, ResponseSink sink) {
    return dispatch(request, context, RequestOrigin.STDIO, sink);
  }

  /**
   * The observer attached to the server (guarded: it never throws), or {@link
   * ServerObserver#none()}, which transports check once to skip all observation work.
   */
  ServerObserver observer();

  /**
   * For a transport leaving a non-blocking I/O thread to decode and dispatch one request: an
   * executor that runs one task on one of the server's own handler threads that is idle now, so
   * that {@link #dispatch} with {@code mayRunHere} then runs the handler on that thread without a
   * second handoff. Null when the server does not own its handler threads (a user executor,
   * handlers on transport threads) or none is idle: the transport continues on its own workers.
   */
  Executor handoff();

  /**
   * Handles an inbound notification ({@code notifications/cancelled}, {@code
   * notifications/initialized}). Unknown notifications are ignored.
   */
  void notification(JsonRpcNotification notification, TransportContext context);

  /**
   * Legacy era: a client's answer to a server-to-client request of this connection's session.
   * Returns false when no such request is waiting (unknown, answered or timed out).
   */
  boolean clientResponse(JsonRpcResponse response, TransportContext context);

  /**
   * Rebuilds a legacy session this instance has not seen (from a shared session store) on the
   * given connection, as {@code initialize} and the client's later requests left it.
   */
  LegacySession restoreSession(TransportContext context, String id, SessionState state);

  /** Ends a connection's legacy session (stdio EOF, HTTP DELETE or expiry). */
  void endSession(TransportContext context);
}
