/**
 * Full JSON Schema 2020-12 for mcpkit tools: {@link org.mcpkit.jsonschema.NetworkntSchemaValidator}
 * implements the core's {@link org.mcpkit.server.schema.SchemaValidatorProvider} on the networknt
 * json-schema-validator. Nothing is ever fetched over the network: {@code $ref}s resolve within
 * the schema, to the JSON Schema meta-schemas shipped in the validator's jar, or to schemas given
 * to the builder by URI.
 *
 * @since 0.1
 */
package org.mcpkit.jsonschema;
