package org.mcpkit.protocol;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import java.util.Objects;

/**
 * The user's answer to an elicitation.
 *
 * @param action accept, decline or cancel
 * @param content the submitted form values when accepted; null when absent
 * @param meta reserved metadata; null when absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ElicitResult(
    @JsonProperty("action") String action,
    @JsonProperty("content") Map<String, Object> content,
    @JsonProperty("_meta") Map<String, Object> meta) {

  /** Validates and copies the components. */
  public ElicitResult {
    Objects.requireNonNull(action, "action");
    content = content == null ? null : Wire.copy(content);
    meta = meta == null ? null : Wire.copy(meta);
  }

  /** Whether the user accepted. */
  @JsonIgnore
  public boolean accepted() {
    return "accept".equals(action);
  }
}
