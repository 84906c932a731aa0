package org.mcpkit.internal.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Finds what in a schema the built-in {@link SchemaValidator} cannot check: keywords that
 * constrain values but that it does not implement, {@code $ref}s it does not resolve, nested
 * {@code $id}s (they change what a reference means), patterns it would not compile, and a {@code
 * $schema} dialect other than the JSON Schema drafts 4 to 2020-12. Annotations ({@code title},
 * {@code description}, {@code default}, {@code examples}, {@code format}, {@code
 * contentMediaType}, ...) and unknown keywords constrain nothing and are not reported: in draft
 * 2020-12 {@code format} is an annotation unless a dialect asks for assertion.
 *
 * <p>The walk follows only the subschema positions the validator evaluates ({@code properties},
 * {@code additionalProperties}, {@code items}, {@code prefixItems}, {@code allOf}, {@code anyOf},
 * {@code oneOf}, {@code not}, {@code $defs}, {@code definitions}), so a property named {@code if}
 * is not mistaken for the keyword. It is bounded like validation.
 */
final class KeywordAudit {
  /**
   * Keywords that constrain values and that the built-in validator ignores. Keywords that only
   * act with another one ({@code then}/{@code else} with {@code if}, {@code minContains}/{@code
   * maxContains} with {@code contains}) are reported through that one.
   */
  static final List<String> UNCHECKED =
      List.of(
          "if",
          "patternProperties",
          "propertyNames",
          "dependentRequired",
          "dependentSchemas",
          "dependencies",
          "minProperties",
          "maxProperties",
          "contains",
          "multipleOf",
          "additionalItems",
          "unevaluatedProperties",
          "unevaluatedItems",
          "$dynamicRef",
          "$recursiveRef");

  /** The dialects whose meaning of the implemented keywords the validator follows. */
  private static final Set<String> DIALECTS =
      Set.of(
          "https://json-schema.org/draft/2020-12/schema",
          "https://json-schema.org/draft/2019-09/schema",
          "http://json-schema.org/draft-07/schema",
          "http://json-schema.org/draft-06/schema",
          "http://json-schema.org/draft-04/schema");

  /** Most findings named in one message. */
  static final int MAX_FINDINGS = 10;

  private static final int MAX_NODES = 10_000;

  private final Map<String, Object> root;
  private final List<String> findings = new ArrayList<>();
  private int nodes;

  private KeywordAudit(Map<String, Object> root) {
    this.root = root;
  }

  /**
   * What the validator cannot check in {@code schema}, each as {@code 'keyword' at #/pointer}.
   *
   * @param schema the root schema
   * @return the findings (each schema's own, then those of its properties, definitions and other subschemas), empty when the validator checks everything
   */
  static List<String> findings(Map<String, Object> schema) {
    KeywordAudit audit = new KeywordAudit(schema);
    Object dialect = schema.get("$schema");
    if (dialect != null && !DIALECTS.contains(String.valueOf(dialect).replaceAll("#$", ""))) {
      audit.findings.add("'$schema' '" + abbreviate(String.valueOf(dialect)) + "' at #");
    }
    audit.walk(schema, "", 0);
    return List.copyOf(audit.findings);
  }

  private void walk(Object node, String pointer, int depth) {
    if (!(node instanceof Map<?, ?> schema)) {
      return; // boolean schemas and non-schemas constrain nothing unchecked
    }
    if (depth > SchemaValidator.MAX_DEPTH * 4 || ++nodes > MAX_NODES) {
      findings.add("a schema nested too deep or too large at #" + pointer);
      return;
    }
    for (String keyword : UNCHECKED) {
      if (schema.containsKey(keyword)) {
        findings.add("'" + keyword + "' at #" + pointer);
      }
    }
    if (!pointer.isEmpty() && schema.containsKey("$id")) {
      findings.add("'$id' at #" + pointer);
    }
    Object ref = schema.get("$ref");
    if (ref != null && !resolvable(ref)) {
      findings.add("'$ref' '" + abbreviate(String.valueOf(ref)) + "' at #" + pointer);
    }
    if (schema.get("pattern") instanceof String regex && !compiles(regex)) {
      findings.add("'pattern' '" + abbreviate(regex) + "' at #" + pointer);
    }
    members(schema.get("properties"), pointer + "/properties", depth);
    members(schema.get("$defs"), pointer + "/$defs", depth);
    members(schema.get("definitions"), pointer + "/definitions", depth);
    walk(schema.get("additionalProperties"), pointer + "/additionalProperties", depth + 1);
    walk(schema.get("not"), pointer + "/not", depth + 1);
    Object items = schema.get("items");
    if (items instanceof List<?>) {
      elements(items, pointer + "/items", depth);
    } else {
      walk(items, pointer + "/items", depth + 1);
    }
    for (String keyword : List.of("prefixItems", "allOf", "anyOf", "oneOf")) {
      elements(schema.get(keyword), pointer + "/" + keyword, depth);
    }
  }

  private void members(Object map, String pointer, int depth) {
    if (map instanceof Map<?, ?> members) {
      for (Map.Entry<?, ?> e : members.entrySet()) {
        walk(e.getValue(), pointer + "/" + escape(String.valueOf(e.getKey())), depth + 1);
      }
    }
  }

  private void elements(Object list, String pointer, int depth) {
    if (list instanceof List<?> elements) {
      for (int i = 0; i < elements.size(); i++) {
        walk(elements.get(i), pointer + "/" + i, depth + 1);
      }
    }
  }

  /** Whether the validator resolves this reference: {@code #} or a present {@code #/$defs/...}. */
  private boolean resolvable(Object ref) {
    if (!(ref instanceof String pointer)) {
      return false;
    }
    if (pointer.equals("#")) {
      return true;
    }
    if (!pointer.startsWith("#/$defs/") && !pointer.startsWith("#/definitions/")) {
      return false;
    }
    Object node = root;
    for (String token : pointer.substring(2).split("/", -1)) {
      String key = token.replace("~1", "/").replace("~0", "~");
      if (!(node instanceof Map<?, ?> map) || !map.containsKey(key)) {
        return false;
      }
      node = map.get(key);
    }
    return true;
  }

  private static boolean compiles(String regex) {
    if (regex.length() > SchemaValidator.MAX_PATTERN_LENGTH) {
      return false;
    }
    try {
      Pattern.compile(regex);
      return true;
    } catch (PatternSyntaxException e) {
      return false;
    }
  }

  private static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }

  private static String abbreviate(String text) {
    return text.length() <= 80 ? text : text.substring(0, 80) + "...";
  }
}
