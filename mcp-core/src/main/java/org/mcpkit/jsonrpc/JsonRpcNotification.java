package org.mcpkit.jsonrpc;

import java.util.Map;
import java.util.Objects;

/**
 * A notification: a message without an id that is never answered.
 *
 * @param method the method name
 * @param params the parameters object; empty when the message had none
 */
public record JsonRpcNotification(String method, Map<String, Object> params)
    implements JsonRpcMessage {

  /** Creates a notification; {@code params} is copied. */
  public JsonRpcNotification {
    Objects.requireNonNull(method, "method");
    params = params == null ? Map.of() : JsonValues.copyObject(params);
  }
}
