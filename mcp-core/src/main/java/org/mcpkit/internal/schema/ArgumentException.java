package org.mcpkit.internal.schema;

import java.util.List;
import java.util.Objects;

/**
 * Tool arguments did not fit the argument record or schema. Carries the problems found (the first
 * {@value SchemaValidator#MAX_PROBLEMS} and a count of the rest), each a human-readable sentence
 * such as {@code missing required argument 'city'}; the message joins them with {@code "; "}.
 */
public final class ArgumentException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The problems; an immutable list, serializable as {@code List.copyOf} lists are. */
  private final List<String> problems;

  /**
   * Creates the exception.
   *
   * @param problems the problems, at least one
   */
  public ArgumentException(List<String> problems) {
    this(problems, null);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param problems the problems, at least one
   * @param cause the underlying failure, may be null
   */
  public ArgumentException(List<String> problems, Throwable cause) {
    super(String.join("; ", SchemaValidator.capped(checked(problems))), cause);
    this.problems = SchemaValidator.capped(problems);
  }

  private static List<String> checked(List<String> problems) {
    Objects.requireNonNull(problems, "problems");
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("problems must not be empty");
    }
    return problems;
  }

  /**
   * The problems found, in the order found.
   *
   * @return an immutable, non-empty list
   */
  public List<String> problems() {
    return problems;
  }
}
