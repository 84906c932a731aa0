package org.mcpkit.internal.http;

import java.util.Optional;
import org.mcpkit.internal.dispatch.Admission;
import org.mcpkit.internal.dispatch.Dispatcher;
import org.mcpkit.internal.dispatch.TransportContext;
import org.mcpkit.jsonrpc.JsonRpcError;
import org.mcpkit.jsonrpc.JsonRpcErrorCodes;
import org.mcpkit.jsonrpc.JsonRpcMessage;
import org.mcpkit.jsonrpc.JsonRpcNotification;
import org.mcpkit.jsonrpc.JsonRpcRequest;
import org.mcpkit.jsonrpc.JsonRpcResponse;
import org.mcpkit.protocol.McpMethods;
import org.mcpkit.server.http.McpHeaders;
import org.mcpkit.server.observe.Transport;

/**
 * POSTs of 2026-07-28 clients: stateless requests whose {@code _meta} carries version and
 * capabilities. Checked in order: the {@code MCP-Protocol-Version} header is present and matches
 * {@code _meta} (-32020), the standard and {@code Mcp-Param-*} headers match the body (-32020),
 * admission (once; its refusal is 404 for an unknown method, else 400); then the call is answered
 * by a {@link Responder} and cancelled if the client goes away. Thread-safe.
 */
final class ModernRequests {
  private final EndpointCore core;
  private final Dispatcher dispatcher;

  ModernRequests(EndpointCore core) {
    this.core = core;
    this.dispatcher = core.dispatcher;
  }

  /**
   * Serves one message.
   *
   * @param declaredVersion the version the body's {@code _meta} declares, or null
   */
  void message(Exchange exchange, JsonRpcMessage message, String declaredVersion) {
    if (message instanceof JsonRpcResponse) {
      core.responses.fail(exchange, HttpFailure.RESPONSE_NOT_EXPECTED);
      return;
    }
    if (message instanceof JsonRpcNotification n) {
      dispatcher.notification(n, TransportContext.anonymous());
      core.responses.accepted(exchange);
      return;
    }
    JsonRpcRequest request = (JsonRpcRequest) message;
    TransportContext context = exchange.principal().isPresent()
        ? new TransportContext(exchange.principal().get(), new org.mcpkit.internal.dispatch.Connection())
        : TransportContext.anonymous();
    if (McpMethods.INITIALIZE.equals(request.method()) && declaredVersion == null) {
      // a 2025-era client at a modern-only server: -32022 naming our versions, not a header error
      refuse(exchange, dispatcher.admit(request, context));
      return;
    }
    Optional<String> header = exchange.trimmed(McpHeaders.PROTOCOL_VERSION);
    if (header.isEmpty()) {
      core.responses.fail(exchange, HttpFailure.PROTOCOL_VERSION_HEADER_REQUIRED, request.id());
      return;
    }
    if (declaredVersion != null && !declaredVersion.equals(header.get())) {
      core.responses.fail(exchange, HttpFailure.PROTOCOL_VERSION_MISMATCH, request.id());
      return;
    }
    Optional<String> mismatch = HeaderChecks.check(request, exchange::headers, dispatcher::tool);
    if (mismatch.isPresent()) {
      core.responses.fail(exchange, HttpFailure.HEADER_MISMATCH, request.id(),
          JsonRpcError.of(JsonRpcErrorCodes.HEADER_MISMATCH, mismatch.get()));
      return;
    }
    Admission admission = dispatcher.admit(request, context);
    if (admission.refusal().isPresent()) {
      refuse(exchange, admission);
      return;
    }
    if (McpMethods.SUBSCRIPTIONS_LISTEN.equals(request.method()) && !dispatcher.eventsAvailable()) {
      core.storeUnavailable(exchange); // a listen stream on a bus that cannot reach the others would miss events
      return;
    }
    Responder responder = Responder.modern(core, exchange, McpMethods.SUBSCRIPTIONS_LISTEN.equals(request.method()));
    responder.attach(dispatcher.dispatch(admission, context, responder, true, core.origin(exchange, Transport.STREAMABLE_HTTP)));
  }

  private void refuse(Exchange exchange, Admission admission) {
    core.responses.fail(exchange, HttpFailure.NOT_ADMITTED, admission.request().id(), admission.refusal().orElseThrow());
  }
}
