package org.mcpkit.jsonschema.internal;

import com.networknt.schema.regex.RegularExpression;
import com.networknt.schema.regex.RegularExpressionFactory;
import com.networknt.schema.regex.RegularExpressions;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code pattern} and {@code patternProperties} with {@code java.util.regex} (after the
 * validator's own ECMA-262 rewrites of {@code $} and long-form properties), unanchored, with a
 * budget of character reads per match so that a backtracking pattern cannot hold a handler thread.
 */
final class BoundedRegex implements RegularExpression {
  /** Longest pattern compiled. */
  static final int MAX_PATTERN_LENGTH = 1_000;
  /** Longest string matched. */
  static final int MAX_INPUT = 10_000;
  /** Most character reads of one match. */
  static final int MAX_STEPS = 1_000_000;

  static final RegularExpressionFactory FACTORY = BoundedRegex::new;

  private final Pattern pattern;
  private final String source;

  private BoundedRegex(String regex) {
    if (regex.length() > MAX_PATTERN_LENGTH) {
      throw new Invalid("pattern longer than " + MAX_PATTERN_LENGTH + " characters: '" + Compiler.abbreviate(regex) + "'");
    }
    try {
      this.pattern =
          Pattern.compile(
              RegularExpressions.replaceLongformCharacterProperties(RegularExpressions.replaceDollarAnchors(regex)));
    } catch (PatternSyntaxException e) {
      throw new Invalid("invalid pattern '" + Compiler.abbreviate(regex) + "'");
    }
    this.source = regex;
  }

  @Override
  public boolean matches(String value) {
    if (value.length() > MAX_INPUT) {
      throw new Exhausted(source);
    }
    return pattern.matcher(new BudgetChars(value, 0, value.length(), new int[] {MAX_STEPS}, source)).find();
  }

  /** A pattern that cannot be compiled (fails registration). */
  static final class Invalid extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Invalid(String message) {
      super(message, null, false, false);
    }
  }

  /** A match ran out of budget, or its input is too long (the call gets a problem). */
  static final class Exhausted extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Exhausted(String pattern) {
      super("too complex to check against pattern '" + Compiler.abbreviate(pattern) + "'", null, false, false);
    }
  }

  /** A string view that charges each character read to a shared budget. */
  private record BudgetChars(String text, int start, int end, int[] budget, String pattern) implements CharSequence {
    @Override
    public int length() {
      return end - start;
    }

    @Override
    public char charAt(int index) {
      if (--budget[0] < 0) {
        throw new Exhausted(pattern);
      }
      return text.charAt(start + index);
    }

    @Override
    public CharSequence subSequence(int from, int to) {
      return new BudgetChars(text, start + from, start + to, budget, pattern);
    }

    @Override
    public String toString() {
      return text.substring(start, end);
    }
  }
}
