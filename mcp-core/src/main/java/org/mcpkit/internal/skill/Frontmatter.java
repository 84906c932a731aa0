package org.mcpkit.internal.skill;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The YAML frontmatter of a {@code SKILL.md} as a JSON-friendly map. Reads the subset of YAML
 * frontmatter is written in: block mappings and sequences by indentation, plain, single- and
 * double-quoted scalars, literal ({@code |}) and folded ({@code >}) block scalars, empty flow
 * collections and flow sequences of scalars, comments. Plain scalars are typed as YAML 1.2's core
 * schema does (null, booleans, integers, floats, else strings). Anything else (anchors, aliases,
 * tags, flow mappings with content, complex keys, duplicate keys) is refused with the line and the
 * reason, never guessed. Stateless.
 */
final class Frontmatter {
  private static final Pattern INT = Pattern.compile("[-+]?[0-9]+");
  private static final Pattern FLOAT = Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
  private static final Pattern KEY = Pattern.compile("([^\\s#'\"\\[\\]{},&*!|>%@`?-][^:#]*?|\"[^\"]*\"|'[^']*')\\s*:(\\s+.*|)");

  /** A frontmatter that cannot be read, with the reason. */
  static final class Invalid extends Exception {
    private static final long serialVersionUID = 1L;

    Invalid(String message) {
      super(message);
    }
  }

  private final List<String> lines;
  private int at;

  private Frontmatter(List<String> lines) {
    this.lines = lines;
  }

  /** The frontmatter of {@code text} (which must begin with a {@code ---} line), as a read-only map. */
  static Map<String, Object> parse(String text) throws Invalid {
    String s = text.startsWith("\uFEFF") ? text.substring(1) : text;
    List<String> all = s.lines().toList();
    if (all.isEmpty() || !all.get(0).stripTrailing().equals("---")) {
      throw new Invalid("does not begin with a --- line (YAML frontmatter)");
    }
    int end = -1;
    for (int i = 1; i < all.size(); i++) {
      if (all.get(i).stripTrailing().equals("---")) {
        end = i;
        break;
      }
    }
    if (end < 0) {
      throw new Invalid("the frontmatter has no closing --- line");
    }
    Frontmatter f = new Frontmatter(all.subList(1, end));
    f.skipBlank();
    if (f.at == f.lines.size()) {
      throw new Invalid("the frontmatter is empty");
    }
    int indent = indent(f.lines.get(f.at));
    if (indent != 0) {
      throw new Invalid(f.where() + "the frontmatter must start at column 1");
    }
    Map<String, Object> map = f.mapping(0);
    f.skipBlank();
    if (f.at < f.lines.size()) {
      throw new Invalid(f.where() + "unexpected indentation");
    }
    return map;
  }

  private String where() {
    return "line " + (at + 2) + ": ";
  }

  /** Where the value being read is: the line just consumed. */
  private String whereValue() {
    return "line " + (at + 1) + ": ";
  }

  private void skipBlank() {
    while (at < lines.size()) {
      String t = lines.get(at).strip();
      if (!t.isEmpty() && !t.startsWith("#")) {
        return;
      }
      at++;
    }
  }

  private static int indent(String line) {
    int i = 0;
    while (i < line.length() && line.charAt(i) == ' ') {
      i++;
    }
    if (i < line.length() && line.charAt(i) == '\t') {
      return -1;
    }
    return i;
  }

  private Map<String, Object> mapping(int indent) throws Invalid {
    Map<String, Object> map = new LinkedHashMap<>();
    while (true) {
      skipBlank();
      if (at >= lines.size()) {
        break;
      }
      String line = lines.get(at);
      int i = indent(line);
      if (i < 0) {
        throw new Invalid(where() + "tabs may not indent YAML");
      }
      if (i < indent) {
        break;
      }
      if (i > indent) {
        throw new Invalid(where() + "unexpected indentation");
      }
      String content = line.substring(i);
      if (content.startsWith("- ") || content.equals("-")) {
        break; // a sequence at the parent's indentation ends this mapping
      }
      var m = KEY.matcher(content);
      if (!m.matches()) {
        throw new Invalid(where() + "expected 'key: value'");
      }
      String key = m.group(1).strip();
      if (key.length() >= 2 && (key.charAt(0) == '"' || key.charAt(0) == '\'')) {
        key = key.substring(1, key.length() - 1);
      }
      if (map.containsKey(key)) {
        throw new Invalid(where() + "duplicate key '" + key + "'");
      }
      String rest = m.group(2).strip();
      at++;
      map.put(key, value(rest, indent, true));
    }
    return Collections.unmodifiableMap(map);
  }

  private List<Object> sequence(int indent) throws Invalid {
    List<Object> list = new ArrayList<>();
    while (true) {
      skipBlank();
      if (at >= lines.size()) {
        break;
      }
      String line = lines.get(at);
      int i = indent(line);
      if (i != indent) {
        if (i > indent) {
          throw new Invalid(where() + "unexpected indentation");
        }
        break;
      }
      String content = line.substring(i);
      if (!(content.startsWith("- ") || content.equals("-"))) {
        break;
      }
      String rest = content.substring(1).strip();
      if (KEY.matcher(rest).matches() && !rest.startsWith("\"") && !rest.startsWith("'")) {
        throw new Invalid(where() + "mappings inside sequences are not supported");
      }
      at++;
      list.add(value(rest, indent, false));
    }
    return Collections.unmodifiableList(list);
  }

  /** The value after a key or a dash; {@code rest} empty means a nested block (or null). */
  private Object value(String rest, int indent, boolean afterKey) throws Invalid {
    String v = stripComment(rest);
    if (v.isEmpty()) {
      skipBlank();
      if (at < lines.size()) {
        String next = lines.get(at);
        int i = indent(next);
        String content = i < 0 ? "" : next.substring(i);
        boolean dash = content.startsWith("- ") || content.equals("-");
        if (i > indent) {
          return dash ? sequence(i) : mapping(i);
        }
        if (afterKey && i == indent && dash) {
          return sequence(i);
        }
      }
      return null;
    }
    char c = v.charAt(0);
    if (c == '&' || c == '*' || c == '!') {
      throw new Invalid(whereValue() + "anchors, aliases and tags are not supported");
    }
    if (c == '|' || c == '>') {
      return block(v, indent);
    }
    if (c == '"') {
      return doubleQuoted(v);
    }
    if (c == '\'') {
      return singleQuoted(v);
    }
    if (c == '[' || c == '{') {
      return flow(v);
    }
    if (v.startsWith("? ") || v.equals("?")) {
      throw new Invalid(whereValue() + "complex keys are not supported");
    }
    return plain(v);
  }

  private static String stripComment(String s) {
    boolean single = false;
    boolean dbl = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\'' && !dbl) {
        single = !single;
      } else if (c == '"' && !single && (i == 0 || s.charAt(i - 1) != '\\')) {
        dbl = !dbl;
      } else if (c == '#' && !single && !dbl && (i == 0 || s.charAt(i - 1) == ' ')) {
        return s.substring(0, i).strip();
      }
    }
    return s.strip();
  }

  private Object block(String header, int indent) throws Invalid {
    boolean literal = header.charAt(0) == '|';
    String ind = header.substring(1).strip();
    char chomp = 'c';
    if (ind.equals("-") || ind.equals("+")) {
      chomp = ind.charAt(0);
    } else if (!ind.isEmpty()) {
      throw new Invalid(whereValue() + "block scalar indicator '" + ind + "' is not supported");
    }
    List<String> body = new ArrayList<>();
    int blockIndent = -1;
    while (at < lines.size()) {
      String line = lines.get(at);
      if (line.isBlank()) {
        body.add("");
        at++;
        continue;
      }
      int i = indent(line);
      if (i < 0) {
        throw new Invalid(where() + "tabs may not indent YAML");
      }
      if (blockIndent < 0) {
        if (i <= indent) {
          break;
        }
        blockIndent = i;
      }
      if (i < blockIndent) {
        break;
      }
      body.add(line.substring(blockIndent));
      at++;
    }
    int trailing = 0;
    while (!body.isEmpty() && body.get(body.size() - 1).isEmpty()) {
      body.remove(body.size() - 1);
      trailing++;
    }
    StringBuilder out = new StringBuilder();
    for (int k = 0; k < body.size(); k++) {
      String line = body.get(k);
      if (k > 0) {
        String prev = body.get(k - 1);
        boolean fold = !literal && !line.isEmpty() && !prev.isEmpty() && !line.startsWith(" ") && !prev.startsWith(" ");
        if (fold) {
          out.append(' ');
        } else if (!literal && prev.isEmpty()) {
          // a blank line in folded text is the line break itself
        } else {
          out.append('\n');
        }
      }
      out.append(line.isEmpty() && !literal ? "\n" : line);
    }
    if (!body.isEmpty() && chomp != '-') {
      out.append('\n');
    }
    if (chomp == '+') {
      out.append("\n".repeat(trailing));
    }
    return out.toString();
  }

  private String doubleQuoted(String v) throws Invalid {
    StringBuilder out = new StringBuilder();
    int i = 1;
    for (; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == '"') {
        break;
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      if (++i >= v.length()) {
        throw new Invalid(whereValue() + "unterminated escape");
      }
      char e = v.charAt(i);
      switch (e) {
        case 'n' -> out.append('\n');
        case 't' -> out.append('\t');
        case 'r' -> out.append('\r');
        case '0' -> out.append('\0');
        case '"', '\\', '/', ' ' -> out.append(e);
        case 'u' -> {
          if (i + 4 >= v.length()) {
            throw new Invalid(whereValue() + "bad \\u escape");
          }
          try {
            out.append((char) Integer.parseInt(v.substring(i + 1, i + 5), 16));
          } catch (NumberFormatException ex) {
            throw new Invalid(whereValue() + "bad \\u escape");
          }
          i += 4;
        }
        default -> throw new Invalid(whereValue() + "unsupported escape \\" + e);
      }
    }
    if (i >= v.length() || !v.substring(i + 1).isBlank()) {
      throw new Invalid(whereValue() + "a double-quoted scalar must end on its line");
    }
    return out.toString();
  }

  private String singleQuoted(String v) throws Invalid {
    StringBuilder out = new StringBuilder();
    int i = 1;
    for (; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == '\'') {
        if (i + 1 < v.length() && v.charAt(i + 1) == '\'') {
          out.append('\'');
          i++;
          continue;
        }
        break;
      }
      out.append(c);
    }
    if (i >= v.length() || !v.substring(i + 1).isBlank()) {
      throw new Invalid(whereValue() + "a single-quoted scalar must end on its line");
    }
    return out.toString();
  }

  private Object flow(String v) throws Invalid {
    if (v.equals("[]")) {
      return List.of();
    }
    if (v.equals("{}")) {
      return Map.of();
    }
    if (v.charAt(0) == '{' || !v.endsWith("]")) {
      throw new Invalid(whereValue() + "flow collections other than a one-line list of scalars are not supported");
    }
    List<Object> items = new ArrayList<>();
    for (String item : v.substring(1, v.length() - 1).split(",", -1)) {
      String t = item.strip();
      if (t.isEmpty() || "[]{}&*!|>".indexOf(t.charAt(0)) >= 0) {
        throw new Invalid(whereValue() + "unsupported item in a flow list");
      }
      items.add(t.charAt(0) == '"' ? doubleQuoted(t) : t.charAt(0) == '\'' ? singleQuoted(t) : plain(t));
    }
    return Collections.unmodifiableList(items);
  }

  private Object plain(String v) throws Invalid {
    if (v.contains(": ") || v.endsWith(":")) {
      throw new Invalid(whereValue() + "a plain scalar may not contain ': ' (quote it)");
    }
    switch (v) {
      case "null", "Null", "NULL", "~":
        return null;
      case "true", "True", "TRUE":
        return Boolean.TRUE;
      case "false", "False", "FALSE":
        return Boolean.FALSE;
      default:
        break;
    }
    if (INT.matcher(v).matches()) {
      try {
        return Long.parseLong(v.startsWith("+") ? v.substring(1) : v);
      } catch (NumberFormatException e) {
        return Double.parseDouble(v);
      }
    }
    if (FLOAT.matcher(v).matches()) {
      return Double.parseDouble(v);
    }
    return v;
  }
}
