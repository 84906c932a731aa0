/**
 * mcpkit core: JSON-RPC and MCP types, the server API, the stdio transport and the Streamable HTTP
 * protocol behind a container-neutral exchange SPI. Packages named {@code internal} are not
 * exported and carry no compatibility promise.
 */
module org.mcpkit {
  requires transitive com.fasterxml.jackson.annotation;
  requires transitive com.fasterxml.jackson.databind;
  requires org.slf4j;

  exports org.mcpkit.jsonrpc;
  exports org.mcpkit.protocol;
  exports org.mcpkit.server;
  exports org.mcpkit.server.annotation;
  exports org.mcpkit.server.stdio;
  exports org.mcpkit.server.http;
  exports org.mcpkit.server.auth;
  exports org.mcpkit.server.secret;
  exports org.mcpkit.server.vault;
  exports org.mcpkit.server.observe;
  exports org.mcpkit.server.task;
  exports org.mcpkit.server.schema;
  exports org.mcpkit.server.skill;
  exports org.mcpkit.transport.spi;

  // a schema validator module (mcp-json-schema) takes over when present
  uses org.mcpkit.server.schema.SchemaValidatorProvider;

  opens org.mcpkit.jsonrpc to com.fasterxml.jackson.databind;
  opens org.mcpkit.protocol to com.fasterxml.jackson.databind;
  opens org.mcpkit.server.skill to com.fasterxml.jackson.databind;
  opens org.mcpkit.internal.dispatch to com.fasterxml.jackson.databind;
  opens org.mcpkit.internal.http to com.fasterxml.jackson.databind;
}
