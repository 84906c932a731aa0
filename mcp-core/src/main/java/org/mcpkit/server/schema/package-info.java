/**
 * The schema validator SPI: how the arguments of a tool registered with a raw input schema are
 * checked. A {@link org.mcpkit.server.schema.SchemaValidatorProvider} compiles each tool's schema
 * once, at registration, into a {@link org.mcpkit.server.schema.CompiledSchema} that checks every
 * call and reports {@link org.mcpkit.server.schema.SchemaProblem}s located by JSON Pointer. The
 * built-in provider ({@link org.mcpkit.server.schema.SchemaValidatorProvider#builtIn()}) is a
 * bounded subset of JSON Schema; the {@code mcp-json-schema} module implements all of draft
 * 2020-12 and takes over when it is on the class path.
 *
 * @since 0.1
 */
package org.mcpkit.server.schema;
