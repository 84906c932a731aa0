package org.mcpkit.jsonrpc;

import java.util.Objects;
import java.util.Optional;

/**
 * An error response.
 *
 * @param id the id of the request answered, or null when it could not be read (wire record)
 * @param error the error
 */
public record JsonRpcFailure(RequestId id, JsonRpcError error) implements JsonRpcResponse {

  /** Creates an error response. */
  public JsonRpcFailure {
    Objects.requireNonNull(error, "error");
  }

  @Override
  public Optional<RequestId> requestId() {
    return Optional.ofNullable(id);
  }
}
