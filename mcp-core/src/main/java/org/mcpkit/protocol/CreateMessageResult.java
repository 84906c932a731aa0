package org.mcpkit.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import java.util.Objects;

/**
 * The client's answer to a sampling request.
 *
 * @param role the speaker
 * @param content the generated content
 * @param model the model used
 * @param stopReason why generation stopped; null when absent
 * @param meta reserved metadata; null when absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CreateMessageResult(
    @JsonProperty("role") Role role,
    @JsonProperty("content") Content content,
    @JsonProperty("model") String model,
    @JsonProperty("stopReason") String stopReason,
    @JsonProperty("_meta") Map<String, Object> meta) {

  /** Validates and copies the components. */
  public CreateMessageResult {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(model, "model");
    meta = meta == null ? null : Wire.copy(meta);
  }
}
