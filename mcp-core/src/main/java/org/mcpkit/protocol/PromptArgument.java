package org.mcpkit.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * An argument a prompt accepts.
 *
 * @param name the name
 * @param title a display name; null when absent
 * @param description a description; null when absent
 * @param required whether the argument must be given; null when absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PromptArgument(
    @JsonProperty("name") String name,
    @JsonProperty("title") String title,
    @JsonProperty("description") String description,
    @JsonProperty("required") Boolean required) {

  /** Validates and copies the components. */
  public PromptArgument {
    Objects.requireNonNull(name, "name");
  }
}
