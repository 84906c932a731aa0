package org.mcpkit.internal.dispatch;

import java.util.Optional;
import org.mcpkit.internal.json.JsonRpcCodec;
import org.mcpkit.jsonrpc.JsonRpcErrorCodes;
import org.mcpkit.jsonrpc.JsonRpcRequest;
import org.mcpkit.jsonrpc.JsonRpcResponse;
import org.mcpkit.protocol.McpMethods;

/**
 * What every transport applies to the items of a JSON-RPC batch (2025-03-26 and 2024-11-05
 * sessions), so stdio, Streamable HTTP and HTTP+SSE refuse the same things the same way.
 */
public final class BatchRules {
  /** The error message for an {@code initialize} request inside a batch. */
  public static final String INITIALIZE_IN_BATCH = "Invalid request: initialize must not be part of a batch";

  private BatchRules() {}

  /**
   * The answer for a batch item that must not run, or empty when it may be dispatched. {@code
   * initialize} is refused: it must be the first message of a session on its own, and inside a
   * batch it would replace the session the batch was sent under.
   */
  public static Optional<JsonRpcResponse> refusal(JsonRpcRequest request) {
    if (McpMethods.INITIALIZE.equals(request.method())) {
      return Optional.of(JsonRpcCodec.failure(request.id(), JsonRpcErrorCodes.INVALID_REQUEST, INITIALIZE_IN_BATCH));
    }
    return Optional.empty();
  }
}
