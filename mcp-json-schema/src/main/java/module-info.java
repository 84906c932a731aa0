/**
 * mcpkit JSON Schema 2020-12: checks the arguments of tools registered with a raw input schema
 * with the networknt json-schema-validator, all of draft 2020-12 (and the drafts 4 to 2019-09
 * when a schema names one in {@code $schema}). On the class or module path it takes over from
 * the built-in validator; see {@link org.mcpkit.jsonschema.NetworkntSchemaValidator}.
 */
module org.mcpkit.jsonschema {
  requires transitive org.mcpkit;
  requires com.networknt.schema;
  requires tools.jackson.databind;
  // the validator reads date-time formats with it, but requires it only statically: make sure
  // the module is resolved on a module path
  requires com.ethlo.time;

  exports org.mcpkit.jsonschema;

  provides org.mcpkit.server.schema.SchemaValidatorProvider with
      org.mcpkit.jsonschema.NetworkntSchemaValidator;
}
