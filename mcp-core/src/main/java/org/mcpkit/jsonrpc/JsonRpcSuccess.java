package org.mcpkit.jsonrpc;

import java.util.Objects;
import java.util.Optional;

/**
 * A successful response.
 *
 * @param id the id of the request answered
 * @param result the result: a protocol record, a {@code Map<String, Object>} or another value the
 *     codec can write as a JSON object
 */
public record JsonRpcSuccess(RequestId id, Object result) implements JsonRpcResponse {

  /** Creates a success response. */
  public JsonRpcSuccess {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(result, "result");
  }

  @Override
  public Optional<RequestId> requestId() {
    return Optional.of(id);
  }
}
