/** mcpkit servlet transport: serves the core Streamable HTTP endpoint from any jakarta servlet 6 container. */
module org.mcpkit.transport.servlet {
  requires transitive org.mcpkit;
  requires transitive jakarta.servlet;
  requires org.slf4j;

  exports org.mcpkit.transport.servlet;
}
