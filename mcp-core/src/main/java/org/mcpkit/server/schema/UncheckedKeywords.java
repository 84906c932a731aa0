package org.mcpkit.server.schema;

/**
 * What the {@linkplain SchemaValidatorProvider#builtIn(UncheckedKeywords) built-in validator}
 * does with a schema that uses keywords which constrain values but which it cannot check ({@code
 * if}/{@code then}/{@code else}, {@code patternProperties}, {@code dependentRequired}, {@code
 * $dynamicRef}, {@code unevaluatedProperties}, ...).
 *
 * @since 0.1
 */
public enum UncheckedKeywords {
  /**
   * Refuse the schema when the tool is registered, with a message naming the tool, the keyword
   * and where it is (the default): a constraint the server silently does not check is a bug
   * waiting for input that breaks it.
   */
  REJECT,
  /** Accept the schema and leave those keywords unchecked (the values they forbid get through). */
  ACCEPT
}
