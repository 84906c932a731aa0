package org.mcpkit.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * Refers to a prompt, for completion.
 *
 * @param name the prompt name
 * @param title a display name; null when absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PromptReference(
    @JsonProperty("name") String name,
    @JsonProperty("title") String title) implements CompletionReference {

  /** Validates and copies the components. */
  public PromptReference {
    Objects.requireNonNull(name, "name");
  }

  @Override
  @JsonProperty("type")
  public String type() {
    return "ref/prompt";
  }
}
