package org.mcpkit.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The result of {@code prompts/get}.
 *
 * @param description a description; null when absent
 * @param messages the messages
 * @param meta reserved metadata; null when absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GetPromptResult(
    @JsonProperty("description") String description,
    @JsonProperty("messages") List<PromptMessage> messages,
    @JsonProperty("_meta") Map<String, Object> meta) {

  /** Validates and copies the components. */
  public GetPromptResult {
    messages = List.copyOf(Objects.requireNonNull(messages, "messages"));
    meta = meta == null ? null : Wire.copy(meta);
  }
}
