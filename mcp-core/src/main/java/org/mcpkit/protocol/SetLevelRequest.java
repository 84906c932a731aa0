package org.mcpkit.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import java.util.Objects;

/**
 * Parameters of the legacy {@code logging/setLevel}.
 *
 * @param level the minimum level
 * @param meta reserved metadata; null when absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SetLevelRequest(
    @JsonProperty("level") LoggingLevel level,
    @JsonProperty("_meta") Map<String, Object> meta) {

  /** Validates and copies the components. */
  public SetLevelRequest {
    Objects.requireNonNull(level, "level");
    meta = meta == null ? null : Wire.copy(meta);
  }
}
