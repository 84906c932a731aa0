package org.mcpkit.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * One message of a rendered prompt.
 *
 * @param role the speaker
 * @param content the content
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PromptMessage(
    @JsonProperty("role") Role role,
    @JsonProperty("content") Content content) {

  /** Validates and copies the components. */
  public PromptMessage {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(content, "content");
  }

  /** A user message. */
  public static PromptMessage user(Content content) {
    return new PromptMessage(Role.USER, content);
  }

  /** An assistant message. */
  public static PromptMessage assistant(Content content) {
    return new PromptMessage(Role.ASSISTANT, content);
  }
}
