package org.mcpkit.server;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An RFC 6570 URI template: expansion (levels 1 to 4) and matching of concrete URIs against the
 * template, as resource templates need.
 *
 * <p>Matching supports every operator with single-valued, non-exploded variables: a simple {@code
 * {var}} matches one path segment (no {@code /}, {@code ?} or {@code #}); {@code {+var}} and {@code
 * {#var}} may span segments; {@code {/var}}, {@code {.var}} and {@code {;var}} match their prefixed
 * forms; {@code {?a,b}} and {@code {&c}} match query parameters in order, each optional. Matched
 * values are percent-decoded. Immutable and thread-safe.
 */
public final class UriTemplate {
  private static final String UNRESERVED = "A-Za-z0-9\\-._~";
  private static final String RESERVED = ":/?#\\[\\]@!$&'()*+,;=";

  private final String template;
  private final List<Object> parts;
  private final List<String> names;
  private final Pattern pattern;

  private record Var(String name, boolean explode, int prefix) {}

  private record Expr(char op, List<Var> vars) {}

  private UriTemplate(String template) {
    this.template = template;
    this.parts = parse(template);
    List<String> n = new ArrayList<>();
    for (Object p : parts) {
      if (p instanceof Expr e) {
        for (Var v : e.vars) {
          n.add(v.name);
        }
      }
    }
    this.names = List.copyOf(n);
    this.pattern = Pattern.compile(regex());
  }

  /**
   * Parses a template.
   *
   * @throws IllegalArgumentException when the template is malformed, naming the position
   */
  public static UriTemplate of(String template) {
    return new UriTemplate(Objects.requireNonNull(template, "template"));
  }

  /** The template string. */
  public String template() {
    return template;
  }

  /** The variable names in order of appearance. */
  public List<String> variableNames() {
    return names;
  }

  private static List<Object> parse(String t) {
    List<Object> parts = new ArrayList<>();
    int i = 0;
    StringBuilder literal = new StringBuilder();
    while (i < t.length()) {
      char ch = t.charAt(i);
      if (ch == '}') {
        throw new IllegalArgumentException("unmatched '}' at position " + i);
      }
      if (ch != '{') {
        literal.append(ch);
        i++;
        continue;
      }
      int end = t.indexOf('}', i);
      if (end < 0) {
        throw new IllegalArgumentException("unclosed '{' at position " + i);
      }
      if (literal.length() > 0) {
        parts.add(literal.toString());
        literal.setLength(0);
      }
      String body = t.substring(i + 1, end);
      if (body.isEmpty()) {
        throw new IllegalArgumentException("empty expression at position " + i);
      }
      char op = body.charAt(0);
      if ("+#./;?&".indexOf(op) >= 0) {
        body = body.substring(1);
      } else if ("=,!@|".indexOf(op) >= 0) {
        throw new IllegalArgumentException("reserved operator '" + op + "' at position " + i);
      } else {
        op = 0;
      }
      List<Var> vars = new ArrayList<>();
      for (String spec : body.split(",", -1)) {
        boolean explode = spec.endsWith("*");
        String name = explode ? spec.substring(0, spec.length() - 1) : spec;
        int prefix = -1;
        int colon = name.indexOf(':');
        if (colon >= 0) {
          try {
            prefix = Integer.parseInt(name.substring(colon + 1));
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad prefix modifier at position " + i);
          }
          if (prefix < 1 || prefix > 9999) {
            throw new IllegalArgumentException("bad prefix modifier at position " + i);
          }
          name = name.substring(0, colon);
        }
        if (!name.matches("([A-Za-z0-9_]|%[0-9A-Fa-f]{2})([A-Za-z0-9_.]|%[0-9A-Fa-f]{2})*")) {
          throw new IllegalArgumentException("bad variable name '" + name + "' at position " + i);
        }
        vars.add(new Var(name, explode, prefix));
      }
      parts.add(new Expr(op, vars));
      i = end + 1;
    }
    if (literal.length() > 0) {
      parts.add(literal.toString());
    }
    return parts;
  }

  /** Expands the template with the given variables (strings, numbers, lists or maps). */
  public String expand(Map<String, ?> variables) {
    Objects.requireNonNull(variables, "variables");
    StringBuilder out = new StringBuilder();
    for (Object p : parts) {
      if (p instanceof String s) {
        out.append(encode(s, true));
      } else {
        expand((Expr) p, variables, out);
      }
    }
    return out.toString();
  }

  private static void expand(Expr e, Map<String, ?> vars, StringBuilder out) {
    String first = switch (e.op) {
      case '+', 0 -> "";
      default -> String.valueOf(e.op);
    };
    String sep = switch (e.op) {
      case '.' -> ".";
      case '/' -> "/";
      case ';' -> ";";
      case '?', '&' -> "&";
      default -> ",";
    };
    boolean named = e.op == ';' || e.op == '?' || e.op == '&';
    boolean reserved = e.op == '+' || e.op == '#';
    String ifEmpty = e.op == '?' || e.op == '&' ? "=" : "";
    boolean any = false;
    for (Var v : e.vars) {
      Object value = vars.get(v.name);
      if (value == null || (value instanceof Collection<?> c && c.isEmpty())
          || (value instanceof Map<?, ?> m && m.isEmpty())) {
        continue;
      }
      out.append(any ? sep : first);
      any = true;
      if (value instanceof Collection<?> list) {
        if (!v.explode) {
          if (named) {
            out.append(v.name).append('=');
          }
          List<String> items = new ArrayList<>();
          for (Object o : list) {
            items.add(encode(String.valueOf(o), reserved));
          }
          out.append(String.join(",", items));
        } else {
          List<String> items = new ArrayList<>();
          for (Object o : list) {
            String s = encode(String.valueOf(o), reserved);
            items.add(named ? v.name + (s.isEmpty() ? ifEmpty : "=" + s) : s);
          }
          out.append(String.join(sep, items));
        }
      } else if (value instanceof Map<?, ?> map) {
        List<String> items = new ArrayList<>();
        for (Map.Entry<?, ?> en : map.entrySet()) {
          String k = encode(String.valueOf(en.getKey()), reserved);
          String s = encode(String.valueOf(en.getValue()), reserved);
          items.add(v.explode ? k + "=" + s : k + "," + s);
        }
        if (!v.explode && named) {
          out.append(v.name).append('=');
        }
        out.append(String.join(v.explode ? sep : ",", items));
      } else {
        String s = String.valueOf(value);
        if (v.prefix > 0 && s.codePointCount(0, s.length()) > v.prefix) {
          s = s.substring(0, s.offsetByCodePoints(0, v.prefix));
        }
        s = encode(s, reserved);
        if (named) {
          out.append(v.name).append(s.isEmpty() ? ifEmpty : "=");
        }
        out.append(s);
      }
    }
  }

  private static String encode(String s, boolean allowReserved) {
    StringBuilder out = new StringBuilder();
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < bytes.length; i++) {
      int b = bytes[i] & 0xff;
      char c = (char) b;
      boolean unreserved = b < 0x80 && (Character.isLetterOrDigit(c) || "-._~".indexOf(c) >= 0);
      boolean reserved = b < 0x80 && ":/?#[]@!$&'()*+,;=".indexOf(c) >= 0;
      if (unreserved || (allowReserved && reserved)) {
        out.append(c);
      } else if (allowReserved && c == '%' && isHex(bytes, i + 1)) {
        out.append(c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(b >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
      }
    }
    return out.toString();
  }

  private static boolean isHex(byte[] b, int i) {
    return i + 1 < b.length && Character.digit(b[i], 16) >= 0 && Character.digit(b[i + 1], 16) >= 0;
  }

  private String regex() {
    StringBuilder r = new StringBuilder("^");
    for (Object p : parts) {
      if (p instanceof String s) {
        r.append(Pattern.quote(s));
        continue;
      }
      Expr e = (Expr) p;
      switch (e.op) {
        case 0 -> group(r, e, "", ",", "[^/?#,]*");
        case '+' -> group(r, e, "", ",", "[^?#,]*");
        case '#' -> group(r, e, "#", ",", "[^,]*");
        case '.' -> group(r, e, "\\.", "\\.", "[^/?#.]*");
        case '/' -> group(r, e, "/", "/", "[^/?#]*");
        case ';' -> {
          for (Var v : e.vars) {
            r.append("(?:;").append(Pattern.quote(v.name)).append("(?:=(?<")
                .append(groupName(v.name)).append(">[^/?#;]*))?)?");
          }
        }
        default -> {
          boolean firstQuery = e.op == '?';
          for (int i = 0; i < e.vars.size(); i++) {
            Var v = e.vars.get(i);
            String lead = firstQuery && i == 0 ? "[?&]" : "&";
            r.append("(?:").append(lead).append(Pattern.quote(v.name)).append("=(?<")
                .append(groupName(v.name)).append(">[^&#]*))?");
          }
        }
      }
    }
    return r.append("$").toString();
  }

  private static void group(StringBuilder r, Expr e, String first, String sep, String value) {
    for (int i = 0; i < e.vars.size(); i++) {
      r.append(i == 0 ? first : sep);
      r.append("(?<").append(groupName(e.vars.get(i).name)).append(">")
          .append(i == 0 && !first.isEmpty() ? value : value.replace("*", "+")).append(")");
    }
    if (!first.isEmpty()) {
      // a prefixed expression whose variables are all undefined expands to nothing
      int start = r.lastIndexOf(first + "(?<" + groupName(e.vars.get(0).name));
      r.insert(start, "(?:").append(")?");
    }
  }

  private static String groupName(String var) {
    StringBuilder g = new StringBuilder("v");
    for (char c : var.toCharArray()) {
      g.append(Character.isLetterOrDigit(c) && c < 128 ? String.valueOf(c) : "x" + (int) c + "x");
    }
    return g.toString();
  }

  /**
   * Matches a concrete URI. Returns the decoded variables (absent optional parts are left out), or
   * empty when the URI does not fit the template.
   */
  public Optional<Map<String, String>> match(String uri) {
    Matcher m = pattern.matcher(Objects.requireNonNull(uri, "uri"));
    if (!m.matches()) {
      return Optional.empty();
    }
    Map<String, String> vars = new LinkedHashMap<>();
    for (String name : names) {
      String v = m.group(groupName(name));
      if (v != null) {
        String decoded = decode(v);
        if (decoded == null) {
          return Optional.empty();
        }
        vars.put(name, decoded);
      }
    }
    return Optional.of(vars);
  }

  private static String decode(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%') {
        if (i + 2 >= s.length()
            || Character.digit(s.charAt(i + 1), 16) < 0
            || Character.digit(s.charAt(i + 2), 16) < 0) {
          return null;
        }
        out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        out.write(b, 0, b.length);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof UriTemplate t && t.template.equals(template);
  }

  @Override
  public int hashCode() {
    return template.hashCode();
  }

  @Override
  public String toString() {
    return template;
  }
}
