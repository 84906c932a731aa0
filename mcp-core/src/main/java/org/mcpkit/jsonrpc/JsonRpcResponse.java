package org.mcpkit.jsonrpc;

import java.util.Optional;

/** A response: either {@link JsonRpcSuccess} or {@link JsonRpcFailure}. */
public sealed interface JsonRpcResponse extends JsonRpcMessage
    permits JsonRpcSuccess, JsonRpcFailure {

  /** The id of the request answered; empty only for failures whose request id could not be read. */
  Optional<RequestId> requestId();
}
