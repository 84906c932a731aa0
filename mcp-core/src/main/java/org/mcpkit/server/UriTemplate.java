package org.mcpkit.server;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An RFC 6570 URI Template, used for MCP resource templates.
 *
 * <p><b>Expansion</b> ({@link #expand(Map)}) implements levels 1 to 4: the operators none,
 * {@code +}, {@code #}, {@code .}, {@code /}, {@code ;}, {@code ?} and {@code &}, the prefix
 * modifier {@code :n} and the explode modifier {@code *}. A variable value may be a string (any
 * other scalar is converted with {@code String.valueOf}), a {@link Collection} or array (a list;
 * null items are skipped) or a {@link Map} (an associative array; entries with null values are
 * skipped). A missing or null value, an empty list and an empty map are undefined and expand to
 * nothing. Characters outside the unreserved set are percent-encoded as UTF-8; with {@code +} and
 * {@code #} reserved characters and existing percent-encoded triplets are kept. A prefix modifier
 * on a list or map value is an error.
 *
 * <p><b>Matching</b> ({@link #match(String)}) is the inverse for the forms resource templates
 * use. The whole URI must match; literals match exactly. Per expression:
 *
 * <ul>
 *   <li>{@code {var}}: one or more characters other than {@code / ? #} (one path segment); with
 *       several variables, {@code {x,y}}, each value also excludes {@code ,} and all must be
 *       present.
 *   <li>{@code {+var}}: one or more characters other than {@code ? #}, so it may span {@code /};
 *       several variables are comma-separated as above.
 *   <li>{@code {#var}}: optional; {@code #} followed by the rest of the URI (several variables
 *       comma-separated).
 *   <li>{@code {/var}}, {@code {.var}}: each variable optional, {@code /} or {@code .} followed
 *       by a segment (without {@code / ? #}, and without {@code .} for labels); with explode,
 *       {@code {/var*}} captures the remaining segments joined with {@code /} and {@code
 *       {.var*}} the remaining labels joined with {@code .}.
 *   <li>{@code {;var}}: each variable optional, {@code ;var} or {@code ;var=value}.
 *   <li>{@code {?a,b}} and a directly following {@code {&c}}: an optional query; its {@code
 *       name=value} pairs are matched by name in any order, unknown parameters are ignored,
 *       absent ones are left out of the result, a name without {@code =} gives the empty string,
 *       and a repeated name gives the values joined with {@code ,}. {@code {&c}} on its own
 *       (after a literal {@code ?...}) matches an optional {@code &...} tail the same way.
 * </ul>
 *
 * <p>Captured values are percent-decoded as UTF-8 ({@code +} is not a space); a URI with a
 * malformed percent-encoding does not match. Prefix modifiers do not constrain matching, and
 * list and map values are returned as their joined string form. A variable that appears twice
 * must capture the same value. Variables of optional forms that are absent from the URI are
 * absent from the result.
 *
 * <p>Instances are immutable and thread-safe; equality is that of the template string.
 */
public final class UriTemplate {
  private static final String HEX = "0123456789ABCDEF";

  /** An expression operator and its expansion behaviour (RFC 6570, appendix A). */
  private enum Operator {
    NONE("", ",", false, "", false),
    RESERVED("", ",", false, "", true),
    FRAGMENT("#", ",", false, "", true),
    LABEL(".", ".", false, "", false),
    PATH("/", "/", false, "", false),
    PARAMETER(";", ";", true, "", false),
    QUERY("?", "&", true, "=", false),
    CONTINUATION("&", "&", true, "=", false);

    final String first;
    final String separator;
    final boolean named;
    final String ifEmpty;
    final boolean allowReserved;

    Operator(
        String first, String separator, boolean named, String ifEmpty, boolean allowReserved) {
      this.first = first;
      this.separator = separator;
      this.named = named;
      this.ifEmpty = ifEmpty;
      this.allowReserved = allowReserved;
    }

    static Optional<Operator> of(char c) {
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
  }

  /** A variable reference: name, prefix length (0 for none) and explode flag. */
  private record VarSpec(String name, int prefix, boolean explode) {}

  /** An expression: an operator and its variables. */
  private record Expression(Operator operator, List<VarSpec> variables) {}

  /** How to read one capturing group of the match pattern. */
  private record Capture(CaptureKind kind, List<String> names) {}

  private enum CaptureKind {
    VALUE,
    PARAMETER,
    QUERY
  }

  private final String template;
  private final List<Object> parts;
  private final List<String> variableNames;
  private final Pattern pattern;
  private final List<Capture> captures;

  private UriTemplate(String template) {
    this.template = template;
    this.parts = parse(template);
    Set<String> names = new LinkedHashSet<>();
    for (Object part : parts) {
      if (part instanceof Expression expression) {
        for (VarSpec v : expression.variables()) {
          names.add(v.name());
        }
      }
    }
    this.variableNames = List.copyOf(names);
    List<Capture> captureList = new ArrayList<>();
    this.pattern = Pattern.compile(regex(parts, captureList));
    this.captures = List.copyOf(captureList);
  }

  /**
   * Parses a template.
   *
   * @param template the RFC 6570 template
   * @return the parsed template
   * @throws IllegalArgumentException if the template is malformed; the message gives the
   *     zero-based position
   */
  public static UriTemplate of(String template) {
    Objects.requireNonNull(template, "template");
    return new UriTemplate(template);
  }

  /**
   * The template string.
   *
   * @return the template as given to {@link #of(String)}
   */
  public String template() {
    return template;
  }

  /**
   * The distinct variable names, in order of first appearance.
   *
   * @return an immutable list
   */
  public List<String> variableNames() {
    return variableNames;
  }

  /**
   * Expands the template.
   *
   * @param variables variable values by name; missing names are undefined
   * @return the expanded URI reference
   * @throws IllegalArgumentException if a prefix modifier is applied to a list or map value
   */
  public String expand(Map<String, ?> variables) {
    Objects.requireNonNull(variables, "variables");
    StringBuilder out = new StringBuilder(template.length() * 2);
    for (Object part : parts) {
      if (part instanceof String literal) {
        encodeLiteral(literal, out);
      } else {
        expandExpression((Expression) part, variables, out);
      }
    }
    return out.toString();
  }

  /**
   * Matches a URI against the template and extracts the variable values.
   *
   * @param uri the URI to match
   * @return the percent-decoded values by variable name, in template order, or empty when the URI
   *     does not match
   */
  public Optional<Map<String, String>> match(String uri) {
    Objects.requireNonNull(uri, "uri");
    Matcher matcher = pattern.matcher(uri);
    if (!matcher.matches()) {
      return Optional.empty();
    }
    Map<String, String> found = new LinkedHashMap<>();
    for (int i = 0; i < captures.size(); i++) {
      String group = matcher.group(i + 1);
      if (group == null) {
        continue;
      }
      Capture capture = captures.get(i);
      switch (capture.kind()) {
        case VALUE:
          if (!put(found, capture.names().get(0), group)) {
            return Optional.empty();
          }
          break;
        case PARAMETER:
          String name = capture.names().get(0);
          String value = group.substring(1 + name.length());
          if (!put(found, name, value.isEmpty() ? "" : value.substring(1))) {
            return Optional.empty();
          }
          break;
        default:
          if (!query(group, capture.names(), found)) {
            return Optional.empty();
          }
          break;
      }
    }
    Map<String, String> ordered = new LinkedHashMap<>();
    for (String name : variableNames) {
      if (found.containsKey(name)) {
        ordered.put(name, found.get(name));
      }
    }
    return Optional.of(Collections.unmodifiableMap(ordered));
  }

  private static boolean put(Map<String, String> found, String name, String raw) {
    Optional<String> decoded = decode(raw);
    if (decoded.isEmpty()) {
      return false;
    }
    String previous = found.putIfAbsent(name, decoded.get());
    return previous == null || previous.equals(decoded.get());
  }

  private static boolean query(String raw, List<String> names, Map<String, String> found) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String pair : raw.split("&", -1)) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      Optional<String> key = decode(eq < 0 ? pair : pair.substring(0, eq));
      Optional<String> value = decode(eq < 0 ? "" : pair.substring(eq + 1));
      if (key.isEmpty() || value.isEmpty()) {
        return false;
      }
      if (names.contains(key.get())) {
        values.merge(key.get(), value.get(), (a, b) -> a + "," + b);
      }
    }
    for (Map.Entry<String, String> e : values.entrySet()) {
      String previous = found.putIfAbsent(e.getKey(), e.getValue());
      if (previous != null && !previous.equals(e.getValue())) {
        return false;
      }
    }
    return true;
  }

  // ---------------------------------------------------------------- parsing

  private static List<Object> parse(String template) {
    List<Object> parts = new ArrayList<>();
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
          parts.add(literal.toString());
          literal.setLength(0);
        }
        parts.add(expression(template, i + 1, end));
        i = end + 1;
      } else if (c == '}') {
        throw malformed("unmatched '}'", i, template);
      } else if (c == '%') {
        if (i + 2 >= template.length()
            || !isHex(template.charAt(i + 1))
            || !isHex(template.charAt(i + 2))) {
          throw malformed("invalid percent-encoding", i, template);
        }
        literal.append(template, i, i + 3);
        i += 3;
      } else {
        if (c <= 0x20
            || c == 0x7F
            || c == '"'
            || c == '\''
            || c == '<'
            || c == '>'
            || c == '\\'
            || c == '^'
            || c == '`'
            || c == '|') {
          throw malformed("invalid literal character", i, template);
        }
        literal.append(c);
        i++;
      }
    }
    if (literal.length() > 0) {
      parts.add(literal.toString());
    }
    return List.copyOf(parts);
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
    return new Expression(operator, List.copyOf(variables));
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
        if (i + 2 >= name.length() || !isHex(name.charAt(i + 1)) || !isHex(name.charAt(i + 2))) {
          return false;
        }
        i += 2;
      } else if (!(isAlpha(c) || isDigit(c) || c == '_' || c == '.')) {
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

  // -------------------------------------------------------------- expansion

  private static void expandExpression(
      Expression expression, Map<String, ?> variables, StringBuilder out) {
    Operator op = expression.operator();
    boolean first = true;
    for (VarSpec spec : expression.variables()) {
      Object value = defined(variables.get(spec.name()));
      if (value == null) {
        continue;
      }
      out.append(first ? op.first : op.separator);
      first = false;
      if (value instanceof String s) {
        if (op.named) {
          out.append(encode(spec.name(), false));
          out.append(s.isEmpty() ? op.ifEmpty : "=");
        }
        if (spec.prefix() > 0 && s.codePointCount(0, s.length()) > spec.prefix()) {
          s = s.substring(0, s.offsetByCodePoints(0, spec.prefix()));
        }
        out.append(encode(s, op.allowReserved));
        continue;
      }
      if (spec.prefix() > 0) {
        throw new IllegalArgumentException(
            "prefix modifier not applicable to the composite value of '" + spec.name() + "'");
      }
      if (!spec.explode()) {
        if (op.named) {
          out.append(encode(spec.name(), false)).append('=');
        }
        List<String> items = new ArrayList<>();
        if (value instanceof List<?> list) {
          for (Object item : list) {
            items.add(encode((String) item, op.allowReserved));
          }
        } else {
          for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
            items.add(encode((String) e.getKey(), op.allowReserved));
            items.add(encode((String) e.getValue(), op.allowReserved));
          }
        }
        out.append(String.join(",", items));
        continue;
      }
      List<String> items = new ArrayList<>();
      if (value instanceof List<?> list) {
        for (Object item : list) {
          String s = (String) item;
          if (op.named) {
            String name = encode(spec.name(), false);
            items.add(s.isEmpty() ? name + op.ifEmpty : name + "=" + encode(s, op.allowReserved));
          } else {
            items.add(encode(s, op.allowReserved));
          }
        }
      } else {
        for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
          String key = encode((String) e.getKey(), op.allowReserved);
          String s = (String) e.getValue();
          if (op.named && s.isEmpty()) {
            items.add(key + op.ifEmpty);
          } else {
            items.add(key + "=" + encode(s, op.allowReserved));
          }
        }
      }
      out.append(String.join(op.separator, items));
    }
  }

  /** Null when undefined; otherwise a String, a List of Strings or a Map of Strings. */
  private static Object defined(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, String> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (e.getKey() != null && e.getValue() != null) {
          out.put(String.valueOf(e.getKey()), String.valueOf(e.getValue()));
        }
      }
      return out.isEmpty() ? null : out;
    }
    Collection<?> items = null;
    if (value instanceof Collection<?> collection) {
      items = collection;
    } else if (value.getClass().isArray()) {
      int length = java.lang.reflect.Array.getLength(value);
      List<Object> list = new ArrayList<>(length);
      for (int i = 0; i < length; i++) {
        list.add(java.lang.reflect.Array.get(value, i));
      }
      items = list;
    }
    if (items != null) {
      List<String> out = new ArrayList<>();
      for (Object item : items) {
        if (item != null) {
          out.add(String.valueOf(item));
        }
      }
      return out.isEmpty() ? null : out;
    }
    return String.valueOf(value);
  }

  private static String encode(String s, boolean allowReserved) {
    StringBuilder out = new StringBuilder(s.length() + 8);
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (isUnreserved(c)) {
        out.append(c);
        i++;
      } else if (allowReserved && isReserved(c)) {
        out.append(c);
        i++;
      } else if (allowReserved
          && c == '%'
          && i + 2 < s.length()
          && isHex(s.charAt(i + 1))
          && isHex(s.charAt(i + 2))) {
        out.append(s, i, i + 3);
        i += 3;
      } else {
        int codePoint = s.codePointAt(i);
        int count = Character.charCount(codePoint);
        percentEncode(s.substring(i, i + count), out);
        i += count;
      }
    }
    return out.toString();
  }

  private static void encodeLiteral(String literal, StringBuilder out) {
    for (int i = 0; i < literal.length(); ) {
      char c = literal.charAt(i);
      if (c < 0x80) {
        out.append(c);
        i++;
      } else {
        int count = Character.charCount(literal.codePointAt(i));
        percentEncode(literal.substring(i, i + count), out);
        i += count;
      }
    }
  }

  private static void percentEncode(String text, StringBuilder out) {
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      out.append('%').append(HEX.charAt((b >> 4) & 0xF)).append(HEX.charAt(b & 0xF));
    }
  }

  private static boolean isAlpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isHex(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  private static boolean isUnreserved(char c) {
    return isAlpha(c) || isDigit(c) || c == '-' || c == '.' || c == '_' || c == '~';
  }

  private static boolean isReserved(char c) {
    return ":/?#[]@!$&'()*+,;=".indexOf(c) >= 0;
  }

  // --------------------------------------------------------------- matching

  private static String regex(List<Object> parts, List<Capture> captures) {
    StringBuilder regex = new StringBuilder();
    Capture openQuery = null;
    for (Object part : parts) {
      if (part instanceof String literal) {
        regex.append(Pattern.quote(literal));
        openQuery = null;
        continue;
      }
      Expression expression = (Expression) part;
      List<VarSpec> vars = expression.variables();
      List<String> names = new ArrayList<>();
      for (VarSpec v : vars) {
        names.add(v.name());
      }
      switch (expression.operator()) {
        case NONE:
        case RESERVED:
          String segment = expression.operator() == Operator.NONE ? "[^/?#" : "[^?#";
          String one = vars.size() == 1 ? segment + "]+" : segment + ",]+";
          for (int i = 0; i < vars.size(); i++) {
            regex.append(i == 0 ? "" : ",").append('(').append(one).append(')');
            captures.add(new Capture(CaptureKind.VALUE, List.of(vars.get(i).name())));
          }
          openQuery = null;
          break;
        case FRAGMENT:
          regex.append("(?:#");
          for (int i = 0; i < vars.size(); i++) {
            regex.append(i == 0 ? "" : ",").append(vars.size() == 1 ? "(.*)" : "([^,]*)");
            captures.add(new Capture(CaptureKind.VALUE, List.of(vars.get(i).name())));
          }
          regex.append(")?");
          openQuery = null;
          break;
        case PATH:
        case LABEL:
          String prefix = expression.operator() == Operator.PATH ? "/" : "\\.";
          String exclude = expression.operator() == Operator.PATH ? "[^/?#]*" : "[^/?#.]*";
          for (VarSpec v : vars) {
            String body = v.explode() ? "[^?#]*" : exclude;
            if (v.explode() && expression.operator() == Operator.LABEL) {
              body = "[^/?#]*";
            }
            regex.append("(?:").append(prefix).append('(').append(body).append("))?");
            captures.add(new Capture(CaptureKind.VALUE, List.of(v.name())));
          }
          openQuery = null;
          break;
        case PARAMETER:
          for (VarSpec v : vars) {
            regex
                .append("(;")
                .append(Pattern.quote(v.name()))
                .append("(?:=[^/?#;]*)?(?![^;/?#]))?");
            captures.add(new Capture(CaptureKind.PARAMETER, List.of(v.name())));
          }
          openQuery = null;
          break;
        case CONTINUATION:
          if (openQuery != null) {
            openQuery.names().addAll(names);
            break;
          }
          regex.append("(?:&([^#]*))?");
          openQuery = new Capture(CaptureKind.QUERY, new ArrayList<>(names));
          captures.add(openQuery);
          break;
        default:
          regex.append("(?:\\?([^#]*))?");
          openQuery = new Capture(CaptureKind.QUERY, new ArrayList<>(names));
          captures.add(openQuery);
          break;
      }
    }
    // Freeze query name lists.
    for (int i = 0; i < captures.size(); i++) {
      Capture c = captures.get(i);
      captures.set(i, new Capture(c.kind(), List.copyOf(c.names())));
    }
    return regex.toString();
  }

  private static Optional<String> decode(String raw) {
    if (raw.indexOf('%') < 0) {
      return Optional.of(raw);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
    int i = 0;
    while (i < raw.length()) {
      char c = raw.charAt(i);
      if (c == '%') {
        if (i + 2 >= raw.length() || !isHex(raw.charAt(i + 1)) || !isHex(raw.charAt(i + 2))) {
          return Optional.empty();
        }
        bytes.write(Integer.parseInt(raw.substring(i + 1, i + 3), 16));
        i += 3;
      } else {
        int count = Character.charCount(raw.codePointAt(i));
        byte[] encoded = raw.substring(i, i + count).getBytes(StandardCharsets.UTF_8);
        bytes.write(encoded, 0, encoded.length);
        i += count;
      }
    }
    try {
      return Optional.of(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes.toByteArray()))
              .toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  /**
   * Templates are equal when their template strings are.
   *
   * @param other the object to compare with
   * @return whether other is a template with the same string
   */
  @Override
  public boolean equals(Object other) {
    return other instanceof UriTemplate t && t.template.equals(template);
  }

  /**
   * The hash code of the template string.
   *
   * @return the hash code
   */
  @Override
  public int hashCode() {
    return template.hashCode();
  }

  /**
   * The template string.
   *
   * @return the template
   */
  @Override
  public String toString() {
    return template;
  }
}
