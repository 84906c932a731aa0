package org.mcpkit.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A prompt template the server offers.
 *
 * @param name the name
 * @param title a display name; null when absent
 * @param description a description; null when absent
 * @param arguments the arguments; empty when absent
 * @param icons icons; empty when absent
 * @param meta reserved metadata; null when absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Prompt(
    @JsonProperty("name") String name,
    @JsonProperty("title") String title,
    @JsonProperty("description") String description,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) @JsonProperty("arguments") List<PromptArgument> arguments,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) @JsonProperty("icons") List<Icon> icons,
    @JsonProperty("_meta") Map<String, Object> meta) {

  /** Validates and copies the components. */
  public Prompt {
    Objects.requireNonNull(name, "name");
    arguments = arguments == null ? List.of() : List.copyOf(arguments);
    icons = icons == null ? List.of() : List.copyOf(icons);
    meta = meta == null ? null : Wire.copy(meta);
  }
}
