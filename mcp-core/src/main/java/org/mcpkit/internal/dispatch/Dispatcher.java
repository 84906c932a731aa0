package org.mcpkit.internal.dispatch;

import java.util.Optional;
import org.mcpkit.internal.json.JsonRpcCodec;
import org.mcpkit.jsonrpc.JsonRpcError;
import org.mcpkit.jsonrpc.JsonRpcNotification;
import org.mcpkit.jsonrpc.JsonRpcRequest;
import org.mcpkit.protocol.Tool;

/**
 * What a transport (stdio, the HTTP endpoint) needs from the server. Every transport decodes
 * messages with {@link #codec()}, runs {@link #admit} on each request, maps an admission error to
 * its own status (on HTTP: -32601 → 404, -32602/-32021/-32022 → 400), then {@link #dispatch}es.
 *
 * <p>Thread-safe. Never blocks the caller: handlers run on the server's executor.
 */
public interface Dispatcher {
  /** Whether this server serves 2025-era clients (any legacy revision enabled). */
  boolean servesLegacy();

  /** The codec for this server's limits. */
  JsonRpcCodec codec();

  /**
   * Admission checks for a modern (2026-07-28) request, in the spec's order: required {@code
   * _meta} fields (-32602), protocol version supported (-32022), method known and advertised
   * (-32601), client capabilities the request needs (-32021). Empty when the request may run.
   */
  Optional<JsonRpcError> admit(JsonRpcRequest request);

  /** Looks up a registered tool (for {@code Mcp-Param-*} header validation). */
  Optional<Tool> tool(String name);

  /**
   * Runs a request. Output goes to {@code sink}; the response always arrives, even for admission
   * failures, bad params or a full server (then as an error response).
   *
   * @param request the request
   * @param context per-request facts from the transport
   * @param sink where notifications and the response go
   * @return a handle to cancel the call
   */
  Call dispatch(JsonRpcRequest request, TransportContext context, ResponseSink sink);

  /**
   * Like {@link #dispatch}, for a caller whose thread may block: the handler runs on the calling
   * thread when that thread runs work from {@link #handoff} or the server runs handlers on
   * transport threads, and on the server's executor otherwise.
   */
  default Call dispatchHere(JsonRpcRequest request, TransportContext context, ResponseSink sink) {
    return dispatch(request, context, sink);
  }

  /**
   * For a transport leaving a non-blocking I/O thread to decode and dispatch one request: an
   * executor that runs one task on one of the server's own handler threads that is idle now, so
   * that {@link #dispatchHere} then runs the handler on that thread without a second handoff.
   * Null when the server does not own its handler threads (a user executor, handlers on
   * transport threads) or none is idle: the transport continues on its own worker threads.
   */
  default java.util.concurrent.Executor handoff() {
    return null;
  }

  /**
   * Handles an inbound notification (e.g. {@code notifications/cancelled} on stdio). Unknown
   * notifications are ignored.
   */
  void notification(JsonRpcNotification notification, TransportContext context);

  /**
   * Legacy era: a client's answer to a server-to-client request of this connection's session.
   * Returns false when no such request is waiting (unknown, answered or timed out).
   */
  boolean clientResponse(org.mcpkit.jsonrpc.JsonRpcResponse response, TransportContext context);

  /**
   * Rebuilds a legacy session this instance has not seen (from a shared session store) on the
   * given connection, as {@code initialize} would have left it.
   */
  LegacySession restoreSession(
      TransportContext context,
      String id,
      org.mcpkit.protocol.ProtocolVersion version,
      org.mcpkit.protocol.ClientCapabilities capabilities,
      org.mcpkit.protocol.Implementation clientInfo,
      String principal,
      org.mcpkit.protocol.LoggingLevel logLevel,
      java.util.Set<String> subscriptions,
      boolean initialized);

  /** Ends a connection's legacy session (stdio EOF, HTTP DELETE or expiry). */
  void endSession(TransportContext context);
}
