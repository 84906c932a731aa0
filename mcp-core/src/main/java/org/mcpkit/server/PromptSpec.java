package org.mcpkit.server;

import java.util.Objects;
import org.mcpkit.protocol.Prompt;

/**
 * A prompt, the code that renders it, and an optional completion handler for its arguments.
 * Immutable.
 *
 * @param prompt the prompt as listed to clients
 * @param handler the code
 * @param completion completes the prompt's arguments, or null
 */
public record PromptSpec(Prompt prompt, PromptHandler handler, CompletionHandler completion) {
  /** Creates a spec. */
  public PromptSpec {
    Objects.requireNonNull(prompt, "prompt");
    Objects.requireNonNull(handler, "handler");
  }

  /** Creates a spec without completion. */
  public static PromptSpec of(Prompt prompt, PromptHandler handler) {
    return new PromptSpec(prompt, handler, null);
  }

  /** A copy that completes arguments with the given handler. */
  public PromptSpec withCompletion(CompletionHandler completion) {
    return new PromptSpec(prompt, handler, Objects.requireNonNull(completion, "completion"));
  }
}
