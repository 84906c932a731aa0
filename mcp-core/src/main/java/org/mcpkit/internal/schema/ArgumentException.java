package org.mcpkit.internal.schema;

import java.util.List;

/** Tool arguments that do not fit the argument record; lists every problem. */
public final class ArgumentException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final List<String> problems;

  /** Creates the exception. */
  public ArgumentException(List<String> problems) {
    super(String.join("; ", problems), null, false, false);
    this.problems = List.copyOf(problems);
  }

  /** The problems, in argument order. */
  public List<String> problems() {
    return problems;
  }
}
