package org.mcpkit.internal.uri;

import java.util.Optional;

/**
 * An expression operator and its expansion behaviour, as tabled in RFC 6570 appendix A. Immutable.
 */
public enum Operator {
  /** No operator: simple string expansion. */
  NONE("", ",", false, "", false),
  /** {@code +}: reserved expansion. */
  RESERVED("", ",", false, "", true),
  /** {@code #}: fragment expansion. */
  FRAGMENT("#", ",", false, "", true),
  /** {@code .}: label expansion with dot prefix. */
  LABEL(".", ".", false, "", false),
  /** {@code /}: path segment expansion. */
  PATH("/", "/", false, "", false),
  /** {@code ;}: path-style parameter expansion. */
  PARAMETER(";", ";", true, "", false),
  /** {@code ?}: form-style query expansion. */
  QUERY("?", "&", true, "=", false),
  /** {@code &}: form-style query continuation. */
  CONTINUATION("&", "&", true, "=", false);

  private final String first;
  private final String separator;
  private final boolean named;
  private final String ifEmpty;
  private final boolean allowReserved;

  Operator(String first, String separator, boolean named, String ifEmpty, boolean allowReserved) {
    this.first = first;
    this.separator = separator;
    this.named = named;
    this.ifEmpty = ifEmpty;
    this.allowReserved = allowReserved;
  }

  /**
   * The operator a character denotes as the first character of an expression.
   *
   * @param c the character after {@code {}
   * @return the operator, or empty if {@code c} is not an operator character
   */
  public static Optional<Operator> of(char c) {
    switch (c) {
      case '+':
        return Optional.of(RESERVED);
      case '#':
        return Optional.of(FRAGMENT);
      case '.':
        return Optional.of(LABEL);
      case '/':
        return Optional.of(PATH);
      case ';':
        return Optional.of(PARAMETER);
      case '?':
        return Optional.of(QUERY);
      case '&':
        return Optional.of(CONTINUATION);
      default:
        return Optional.empty();
    }
  }

  /** The text written before the first defined value. */
  String first() {
    return first;
  }

  /** The text written between defined values. */
  String separator() {
    return separator;
  }

  /** Whether values are written as {@code name=value}. */
  boolean named() {
    return named;
  }

  /** What follows the name of a named variable whose value is empty. */
  String ifEmpty() {
    return ifEmpty;
  }

  /** Whether reserved characters and percent-encoded triplets are passed through. */
  boolean allowReserved() {
    return allowReserved;
  }
}
