package org.mcpkit.server;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.mcpkit.internal.uri.TemplateExpander;
import org.mcpkit.internal.uri.TemplateMatcher;
import org.mcpkit.internal.uri.TemplateParser;
import org.mcpkit.internal.uri.TemplatePart;

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
  private final String template;
  private final List<TemplatePart> parts;
  private final List<String> variableNames;
  private final TemplateMatcher matcher;

  private UriTemplate(String template) {
    this.template = template;
    this.parts = TemplateParser.parse(template);
    this.variableNames = TemplateParser.variableNames(parts);
    this.matcher = TemplateMatcher.compile(parts);
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
    return TemplateExpander.expand(parts, variables, template.length() * 2);
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
    return matcher.match(uri);
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
