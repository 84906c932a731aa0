package org.mcpkit.internal.uri;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Matches URIs against parsed template parts and extracts percent-decoded variable values: the
 * parts are compiled once into one regular expression plus a description of each capturing
 * group. The accepted forms are documented on {@link org.mcpkit.server.UriTemplate}. Immutable
 * and thread-safe.
 */
public final class TemplateMatcher {

  /** How to read one capturing group of the pattern. */
  private record Capture(CaptureKind kind, List<String> names) {}

  private enum CaptureKind {
    /** The group is the raw value of its one variable. */
    VALUE,
    /** The group is {@code ;name} or {@code ;name=value} for its one variable. */
    PARAMETER,
    /** The group is a query string ({@code a=1&b=2}) holding any of its variables. */
    QUERY
  }

  private final Pattern pattern;
  private final List<Capture> captures;
  private final List<String> variableNames;

  private TemplateMatcher(Pattern pattern, List<Capture> captures, List<String> variableNames) {
    this.pattern = pattern;
    this.captures = captures;
    this.variableNames = variableNames;
  }

  /**
   * Compiles parts into a matcher.
   *
   * @param parts the parts from {@link TemplateParser#parse(String)}
   * @return the matcher
   */
  public static TemplateMatcher compile(List<TemplatePart> parts) {
    List<Capture> captures = new ArrayList<>();
    Pattern pattern = Pattern.compile(regex(parts, captures));
    return new TemplateMatcher(
        pattern, List.copyOf(captures), TemplateParser.variableNames(parts));
  }

  /**
   * Matches a whole URI.
   *
   * @param uri the URI
   * @return the decoded values by variable name, in template order, or empty when the URI does
   *     not match
   */
  public Optional<Map<String, String>> match(String uri) {
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
    Optional<String> decoded = PercentCodec.decode(raw);
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
      Optional<String> key = PercentCodec.decode(eq < 0 ? pair : pair.substring(0, eq));
      Optional<String> value = PercentCodec.decode(eq < 0 ? "" : pair.substring(eq + 1));
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

  private static String regex(List<TemplatePart> parts, List<Capture> captures) {
    StringBuilder regex = new StringBuilder();
    Capture openQuery = null;
    for (TemplatePart part : parts) {
      if (part instanceof Literal literal) {
        regex.append(Pattern.quote(literal.text()));
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
}
