package org.mcpkit.server.schema;

import java.util.List;

/**
 * A tool's input schema, compiled once at registration by a {@link SchemaValidatorProvider} and
 * used for every call. Implementations are immutable and thread-safe: calls check arguments
 * concurrently.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface CompiledSchema {
  /**
   * Checks a value against the schema. The work must be bounded (depth, steps, pattern matching)
   * whatever the value: a value too costly to check yields a problem, never a hang.
   *
   * @param instance the value as the JSON codec reads it: {@code Map<String, Object>}, {@code
   *     List<Object>}, {@code String}, {@code Boolean}, a {@code Number}, or null for JSON null
   * @return the problems found in the order found, empty when the value is valid; the server sends
   *     the first 20 and counts the rest
   */
  List<SchemaProblem> validate(Object instance);
}
