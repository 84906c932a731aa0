package org.mcpkit.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import java.util.Objects;

/**
 * Parameters of {@code notifications/message}.
 *
 * @param level the severity
 * @param logger the logger name; null when absent
 * @param data the message; null when absent
 * @param meta reserved metadata; null when absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LoggingMessageNotification(
    @JsonProperty("level") LoggingLevel level,
    @JsonProperty("logger") String logger,
    @JsonProperty("data") Object data,
    @JsonProperty("_meta") Map<String, Object> meta) {

  /** Validates and copies the components. */
  public LoggingMessageNotification {
    Objects.requireNonNull(level, "level");
    meta = meta == null ? null : Wire.copy(meta);
  }
}
