package org.mcpkit.internal.dispatch;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.mcpkit.jsonrpc.JsonRpcError;
import org.mcpkit.jsonrpc.JsonRpcErrorCodes;
import org.mcpkit.jsonrpc.JsonRpcFailure;
import org.mcpkit.jsonrpc.JsonRpcNotification;
import org.mcpkit.jsonrpc.JsonRpcRequest;
import org.mcpkit.jsonrpc.JsonRpcResponse;
import org.mcpkit.jsonrpc.JsonRpcSuccess;
import org.mcpkit.jsonrpc.RequestId;
import org.mcpkit.protocol.McpMethods;
import org.mcpkit.server.McpException;

/**
 * Legacy era: sends a real server-to-client request on the call's stream and blocks the handler
 * (on its executor thread) until the client answers, the call is cancelled, or the timeout ends.
 */
final class LegacyChannel implements SessionChannel {
  private final LegacySession session;
  private final GuardedSink sink;
  private final ObjectMapper mapper;
  private final Duration timeout;

  LegacyChannel(LegacySession session, GuardedSink sink, ObjectMapper mapper, Duration timeout) {
    this.session = session;
    this.sink = sink;
    this.mapper = mapper;
    this.timeout = timeout;
  }

  @Override
  public LegacySession session() {
    return session;
  }

  @Override
  @SuppressWarnings("unchecked")
  public Object request(String method, Object params) throws InterruptedException {
    ServerRequests.checkLifecycle(session, method);
    RequestId id = ServerRequests.nextId(session);
    CompletableFuture<JsonRpcResponse> answer = new CompletableFuture<>();
    session.awaitAnswer(id, answer);
    try {
      Map<String, Object> p = params == null ? Map.of() : mapper.convertValue(params, Map.class);
      if (!sink.request(new JsonRpcRequest(id, method, p))) {
        throw new McpException(
            JsonRpcError.of(
                JsonRpcErrorCodes.INTERNAL_ERROR, "Cannot send " + method + " to this client"));
      }
      JsonRpcResponse response;
      try {
        response = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        sink.notification(
            new JsonRpcNotification(
                McpMethods.NOTIFICATIONS_CANCELLED,
                Map.of("requestId", id.wireValue(), "reason", "timed out")));
        throw new McpException(
            JsonRpcError.of(
                JsonRpcErrorCodes.INTERNAL_ERROR,
                "No answer to " + method + " within " + timeout.toMillis() + " ms"));
      } catch (ExecutionException | java.util.concurrent.CancellationException e) {
        throw new McpException(
            JsonRpcError.of(JsonRpcErrorCodes.INTERNAL_ERROR, "Session ended before " + method + " was answered"));
      }
      if (response instanceof JsonRpcFailure failure) {
        throw new McpException(
            JsonRpcError.of(
                JsonRpcErrorCodes.INTERNAL_ERROR,
                "The client answered " + method + " with error " + failure.error().code()));
      }
      return ((JsonRpcSuccess) response).result();
    } finally {
      session.takeAnswer(id);
    }
  }
}
