package org.mcpkit.internal.uri;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Parses an RFC 6570 template string into {@link TemplatePart}s, rejecting malformed templates
 * with a message that gives the zero-based position. Stateless and thread-safe.
 */
public final class TemplateParser {
  private TemplateParser() {}

  /**
   * Parses a template.
   *
   * @param template the template string
   * @return the literals and expressions, in order; an immutable list
   * @throws IllegalArgumentException if the template is malformed
   */
  public static List<TemplatePart> parse(String template) {
    List<TemplatePart> parts = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    int i = 0;
    while (i < template.length()) {
      char c = template.charAt(i);
      if (c == '{') {
        int end = template.indexOf('}', i + 1);
        int nested = template.indexOf('{', i + 1);
        if (end < 0) {
          throw malformed("unclosed expression", i, template);
        }
        if (nested >= 0 && nested < end) {
          throw malformed("'{' inside an expression", nested, template);
        }
        if (literal.length() > 0) {
          parts.add(new Literal(literal.toString()));
          literal.setLength(0);
        }
        parts.add(expression(template, i + 1, end));
        i = end + 1;
      } else if (c == '}') {
        throw malformed("unmatched '}'", i, template);
      } else if (c == '%') {
        if (!UriChars.isTriplet(template, i)) {
          throw malformed("invalid percent-encoding", i, template);
        }
        literal.append(template, i, i + 3);
        i += 3;
      } else {
        if (c <= 0x20 || c == 0x7F || "\"'<>\\^`|".indexOf(c) >= 0) {
          throw malformed("invalid literal character", i, template);
        }
        literal.append(c);
        i++;
      }
    }
    if (literal.length() > 0) {
      parts.add(new Literal(literal.toString()));
    }
    return List.copyOf(parts);
  }

  /**
   * The distinct variable names of parsed parts.
   *
   * @param parts the parts from {@link #parse(String)}
   * @return the names in order of first appearance; an immutable list
   */
  public static List<String> variableNames(List<TemplatePart> parts) {
    Set<String> names = new LinkedHashSet<>();
    for (TemplatePart part : parts) {
      if (part instanceof Expression expression) {
        for (VarSpec v : expression.variables()) {
          names.add(v.name());
        }
      }
    }
    return List.copyOf(names);
  }

  private static Expression expression(String template, int start, int end) {
    if (start == end) {
      throw malformed("empty expression", start - 1, template);
    }
    char first = template.charAt(start);
    Operator operator = Operator.NONE;
    int position = start;
    if ("=,!@|".indexOf(first) >= 0) {
      throw malformed("reserved operator '" + first + "'", start, template);
    }
    Optional<Operator> explicit = Operator.of(first);
    if (explicit.isPresent()) {
      operator = explicit.get();
      position++;
    }
    List<VarSpec> variables = new ArrayList<>();
    while (true) {
      int comma = template.indexOf(',', position);
      int specEnd = comma < 0 || comma > end ? end : comma;
      variables.add(varSpec(template, position, specEnd));
      if (specEnd == end) {
        break;
      }
      position = specEnd + 1;
    }
    return new Expression(operator, variables);
  }

  private static VarSpec varSpec(String template, int start, int end) {
    int nameEnd = start;
    while (nameEnd < end && template.charAt(nameEnd) != ':' && template.charAt(nameEnd) != '*') {
      nameEnd++;
    }
    String name = template.substring(start, nameEnd);
    if (!validName(name)) {
      throw malformed("invalid variable name '" + name + "'", start, template);
    }
    if (nameEnd == end) {
      return new VarSpec(name, 0, false);
    }
    if (template.charAt(nameEnd) == '*') {
      if (nameEnd + 1 != end) {
        throw malformed("unexpected character after '*'", nameEnd + 1, template);
      }
      return new VarSpec(name, 0, true);
    }
    String digits = template.substring(nameEnd + 1, end);
    if (!digits.matches("[1-9][0-9]{0,3}")) {
      throw malformed("invalid prefix length '" + digits + "'", nameEnd + 1, template);
    }
    return new VarSpec(name, Integer.parseInt(digits), false);
  }

  private static boolean validName(String name) {
    if (name.isEmpty() || name.startsWith(".") || name.endsWith(".") || name.contains("..")) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '%') {
        if (!UriChars.isTriplet(name, i)) {
          return false;
        }
        i += 2;
      } else if (!(UriChars.isAlpha(c) || UriChars.isDigit(c) || c == '_' || c == '.')) {
        return false;
      }
    }
    return true;
  }

  private static IllegalArgumentException malformed(String what, int position, String template) {
    return new IllegalArgumentException(
        "malformed URI template: " + what + " at position " + position + " in \"" + template
            + "\"");
  }
}
