package org.mcpkit.internal.dispatch;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.mcpkit.jsonrpc.JsonRpcError;
import org.mcpkit.jsonrpc.JsonRpcErrorCodes;
import org.mcpkit.jsonrpc.JsonRpcFailure;
import org.mcpkit.jsonrpc.JsonRpcMessage;
import org.mcpkit.jsonrpc.JsonRpcRequest;
import org.mcpkit.jsonrpc.JsonRpcResponse;
import org.mcpkit.jsonrpc.JsonRpcSuccess;
import org.mcpkit.jsonrpc.RequestId;
import org.mcpkit.protocol.McpMethods;
import org.mcpkit.server.McpException;

/**
 * Server-to-client requests of a 2025-era session: ids, the wait for the answer, and the lifecycle
 * rule that only {@code ping} may go out before the client sent {@code notifications/initialized}.
 */
public final class ServerRequests {
  private ServerRequests() {}

  /** Throws unless {@code method} may be sent to the session now. */
  static void checkLifecycle(LegacySession session, String method) {
    if (!McpMethods.PING.equals(method) && !session.initialized()) {
      throw new McpException(
          JsonRpcError.of(
              JsonRpcErrorCodes.INTERNAL_ERROR,
              "Cannot send " + method + " before the client sent notifications/initialized"));
    }
  }

  /** A fresh id for a server-to-client request of the session. */
  static RequestId nextId(LegacySession session) {
    return session.nextRequestId();
  }

  /**
   * Sends a request on the connection's session-wide channel (the Streamable HTTP GET stream, the
   * HTTP+SSE stream, stdout) without blocking; the future completes with the client's result, or
   * fails with {@link McpException} when there is no session or open channel, the client answers
   * with an error, the session ends, or no answer arrives within {@code timeout}.
   */
  public static CompletableFuture<Object> send(
      TransportContext context, String method, Map<String, Object> params, Duration timeout) {
    return send(context.session(), context.connection().outbound(), method, params, timeout);
  }

  /**
   * Sends a request to the session through {@code out} (null: no open channel), as {@link
   * #send(TransportContext, String, Map, Duration)} does.
   */
  public static CompletableFuture<Object> send(
      LegacySession session, Consumer<JsonRpcMessage> out, String method, Map<String, Object> params, Duration timeout) {
    if (session == null) {
      return failed("No 2025-era session to send " + method + " to");
    }
    try {
      checkLifecycle(session, method);
    } catch (McpException e) {
      return CompletableFuture.failedFuture(e);
    }
    if (out == null) {
      return failed("The session has no open stream to send " + method + " on");
    }
    RequestId id = nextId(session);
    CompletableFuture<JsonRpcResponse> answer = new CompletableFuture<>();
    session.awaitAnswer(id, answer);
    try {
      out.accept(new JsonRpcRequest(id, method, params));
    } catch (RuntimeException e) {
      session.takeAnswer(id);
      return failed("Cannot send " + method + " to this client");
    }
    return answer
        .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .handle(
            (response, error) -> {
              session.takeAnswer(id);
              Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
              if (cause instanceof TimeoutException) {
                throw mcp("No answer to " + method + " within " + timeout.toMillis() + " ms");
              }
              if (cause != null) {
                throw mcp("Session ended before " + method + " was answered");
              }
              if (response instanceof JsonRpcFailure f) {
                throw mcp("The client answered " + method + " with error " + f.error().code());
              }
              return ((JsonRpcSuccess) response).result();
            });
  }

  private static McpException mcp(String message) {
    return new McpException(JsonRpcError.of(JsonRpcErrorCodes.INTERNAL_ERROR, message));
  }

  private static <T> CompletableFuture<T> failed(String message) {
    return CompletableFuture.failedFuture(mcp(message));
  }
}
