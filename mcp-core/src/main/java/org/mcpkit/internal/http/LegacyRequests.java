package org.mcpkit.internal.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntSupplier;
import com.fasterxml.jackson.databind.JsonNode;
import org.mcpkit.internal.dispatch.Connection;
import org.mcpkit.internal.dispatch.Dispatcher;
import org.mcpkit.internal.dispatch.Inbound;
import org.mcpkit.internal.dispatch.LegacySession;
import org.mcpkit.internal.dispatch.ResponseSink;
import org.mcpkit.internal.dispatch.TransportContext;
import org.mcpkit.jsonrpc.JsonRpcFailure;
import org.mcpkit.jsonrpc.JsonRpcMessage;
import org.mcpkit.jsonrpc.JsonRpcNotification;
import org.mcpkit.jsonrpc.JsonRpcRequest;
import org.mcpkit.jsonrpc.JsonRpcResponse;
import org.mcpkit.protocol.ClientCapabilities;
import org.mcpkit.protocol.ProtocolVersion;
import org.mcpkit.server.http.McpHeaders;
import org.mcpkit.server.observe.Transport;

/**
 * POSTs of 2025-era clients over Streamable HTTP: {@code initialize} opens a session (and answers
 * with its {@code Mcp-Session-Id}); a session's requests, notifications, answers and batches take
 * the shared inbound path under that session; with {@code acceptUnknownSessionIds}, requests under
 * an id this deployment never issued are served without session state. Thread-safe.
 */
final class LegacyRequests {
  private final EndpointCore core;
  private final Dispatcher dispatcher;
  private final LegacySessions sessions;
  private final SessionReplication replication;
  private final IntSupplier liveSessions;

  LegacyRequests(EndpointCore core, LegacySessions sessions, SessionReplication replication, IntSupplier liveSessions) {
    this.core = core;
    this.dispatcher = core.dispatcher;
    this.sessions = sessions;
    this.replication = replication;
    this.liveSessions = liveSessions;
  }

  /** {@code initialize}: a new session, within the session cap. */
  void initialize(Exchange exchange, JsonRpcRequest request) {
    if (liveSessions.getAsInt() >= core.options.maxSessions()) {
      core.responses.fail(exchange, HttpFailure.TOO_MANY_SESSIONS, request.id());
      return;
    }
    Connection connection = core.newConnection();
    TransportContext context = new TransportContext(exchange.principal().orElse(null), connection);
    CompletableFuture<JsonRpcResponse> answer = new CompletableFuture<>();
    dispatcher.dispatch(request, context, origin(exchange), new ResponseSink() {
      @Override
      public void notification(JsonRpcNotification notification) {}

      @Override
      public void response(JsonRpcResponse response) {
        answer.complete(response);
      }
    });
    JsonRpcResponse response = answer.getNow(null); // initialize is answered at once
    LegacySession session = connection.session();
    Map<String, String> headers = new LinkedHashMap<>();
    if (session != null && response != null && !(response instanceof JsonRpcFailure)) {
      sessions.open(session, context);
      headers.put(McpHeaders.SESSION_ID, session.id());
    }
    if (response == null) {
      core.responses.json(exchange, HttpFailure.INTERNAL.status(), headers,
          new JsonRpcFailure(request.id(), HttpFailure.INTERNAL.error()));
    } else {
      core.responses.json(exchange, 200, headers, response);
    }
  }

  /** One message under a session id. */
  void message(Exchange exchange, String sessionId, JsonRpcMessage message) {
    if (core.options.acceptUnknownSessionIds()
        && core.options.sessionStore().find(sessionId).isEmpty()
        && message instanceof JsonRpcRequest request) {
      sessionless(exchange, request);
      return;
    }
    SessionEntry entry = sessions.lookup(exchange, sessionId, message instanceof JsonRpcRequest r ? r.id() : null);
    if (entry == null) {
      return;
    }
    Inbound.message(dispatcher, entry.context, message, replication.peer(sessionId, r -> run(exchange, sessionId, entry, r)));
    if (!(message instanceof JsonRpcRequest)) {
      core.responses.accepted(exchange);
    }
  }

  /** A session's request: answered on its POST, as JSON or as a resumable SSE stream. */
  private void run(Exchange exchange, String sessionId, SessionEntry entry, JsonRpcRequest request) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(McpHeaders.SESSION_ID, sessionId);
    LegacySession session = entry.session();
    Responder responder =
        Responder.legacy(core, exchange, headers, StreamIds.next(sessionId),
            session != null && session.version() == ProtocolVersion.V2025_11_25);
    responder.attach(
        dispatcher.dispatch(dispatcher.admit(request, entry.context), entry.context, responder, true, origin(exchange)));
  }

  /** A 2025-era request under a session id issued elsewhere: served without session state. */
  private void sessionless(Exchange exchange, JsonRpcRequest request) {
    ProtocolVersion version =
        exchange.trimmed(McpHeaders.PROTOCOL_VERSION).flatMap(ProtocolVersion::parse)
            .filter(ProtocolVersion::isLegacy).orElse(ProtocolVersion.V2025_03_26);
    Connection connection = core.newConnection();
    TransportContext context = new TransportContext(exchange.principal().orElse(null), connection);
    dispatcher.restoreSession(context, "sessionless",
        new org.mcpkit.internal.dispatch.SessionState(version.id(), null, ClientCapabilities.none(), null, null,
            java.util.Set.of(), core.clock.millis(), true));
    Responder responder = Responder.legacy(core, exchange, Map.of(), null, false);
    responder.attach(dispatcher.dispatch(request, context, origin(exchange), new ResponseSink() {
      @Override
      public void notification(JsonRpcNotification notification) {
        responder.notification(notification);
      }

      @Override
      public void response(JsonRpcResponse response) {
        responder.response(response);
        dispatcher.endSession(context);
      }
    }));
  }

  /**
   * A batch goes through the same session checks as a single message (store lookup, principal,
   * MCP-Protocol-Version, touch); only sessions that negotiated a batching revision take one.
   */
  void batch(Exchange exchange, Optional<String> sessionId, List<JsonNode> items) {
    if (sessionId.isEmpty() || !dispatcher.servesLegacy()) {
      core.responses.fail(exchange, HttpFailure.BATCH_NOT_SUPPORTED);
      return;
    }
    SessionEntry entry = sessions.lookup(exchange, sessionId.get(), null);
    if (entry == null) {
      return;
    }
    Optional<Inbound.BatchRefusal> refused = Inbound.batchRefusal(entry.session(), items);
    if (refused.isPresent()) {
      core.responses.fail(exchange, failure(refused.get()));
      return;
    }
    Inbound.Peer peer = replication.peer(sessionId.get(), r -> {});
    org.mcpkit.internal.dispatch.RequestOrigin origin = origin(exchange);
    Optional<CompletableFuture<byte[]>> answers =
        Inbound.batch(dispatcher, entry.context, items, peer, (r, answer) ->
            dispatcher.dispatch(r, entry.context, origin, new ResponseSink() {
              @Override
              public void notification(JsonRpcNotification notification) {}

              @Override
              public void cancelled() {
                answer.accept(null); // no answer in the array; the rest still go out
              }

              @Override
              public void response(JsonRpcResponse response) {
                answer.accept(response);
              }
            }));
    if (answers.isEmpty()) {
      core.responses.accepted(exchange);
      return;
    }
    answers.get().thenAccept(bytes -> core.responses.body(exchange, 200, Map.of(McpHeaders.SESSION_ID, sessionId.get()), bytes));
  }

  private org.mcpkit.internal.dispatch.RequestOrigin origin(Exchange exchange) {
    return core.origin(exchange, Transport.STREAMABLE_HTTP);
  }

  /** The failure-table entry of a batch refusal. */
  static HttpFailure failure(Inbound.BatchRefusal refusal) {
    return refusal == Inbound.BatchRefusal.EMPTY ? HttpFailure.EMPTY_BATCH : HttpFailure.BATCH_NOT_SUPPORTED;
  }
}
