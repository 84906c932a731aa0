package org.mcpkit.internal.uri;

import java.util.Objects;

/**
 * Literal text between expressions, as written in the template (percent-encoded triplets kept).
 * Immutable.
 *
 * @param text the literal characters
 */
public record Literal(String text) implements TemplatePart {

  /** Creates a literal. */
  public Literal {
    Objects.requireNonNull(text, "text");
  }
}
