package org.mcpkit.jsonrpc;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * A JSON-RPC error object.
 *
 * @param code the error code, see {@link JsonRpcErrorCodes}
 * @param message one concise sentence
 * @param data optional structured detail (a record, map, list or scalar); null when absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JsonRpcError(
    @JsonProperty("code") int code,
    @JsonProperty("message") String message,
    @JsonProperty("data") Object data) {

  /** Creates an error. */
  public JsonRpcError {
    Objects.requireNonNull(message, "message");
  }

  /** Returns an error without data. */
  public static JsonRpcError of(int code, String message) {
    return new JsonRpcError(code, message, null);
  }

  /** Returns a copy carrying the given data. */
  public JsonRpcError withData(Object data) {
    return new JsonRpcError(code, message, data);
  }
}
