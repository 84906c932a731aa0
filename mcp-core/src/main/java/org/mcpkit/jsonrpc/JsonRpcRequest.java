package org.mcpkit.jsonrpc;

import java.util.Map;
import java.util.Objects;

/**
 * A request that expects a response.
 *
 * @param id the request id
 * @param method the method name
 * @param params the parameters object; empty when the message had none
 */
public record JsonRpcRequest(RequestId id, String method, Map<String, Object> params)
    implements JsonRpcMessage {

  /** Creates a request; {@code params} is copied. */
  public JsonRpcRequest {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(method, "method");
    params = params == null ? Map.of() : JsonValues.copyObject(params);
  }
}
