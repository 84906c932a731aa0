package org.mcpkit.examples.conformance;

import org.mcpkit.examples.servlet.EmbeddedTomcat;
import org.mcpkit.server.McpServer;
import org.mcpkit.server.http.McpHttpEndpoint;

/**
 * Serves the conformance fixtures over HTTP on embedded Tomcat at
 * {@code http://127.0.0.1:PORT/mcp}. The port comes from the first argument or {@code MCP_PORT}
 * (default 0: any free port); the URL is printed on stdout once the server listens.
 */
public final class ConformanceMain {
  private ConformanceMain() {}

  /** Starts the server and blocks. */
  public static void main(String[] args) {
    String raw = args.length > 0 ? args[0] : System.getenv().getOrDefault("MCP_PORT", "0");
    int port;
    try {
      port = Integer.parseInt(raw);
    } catch (NumberFormatException e) {
      System.err.println("MCP_PORT must be a port number, got: " + raw);
      System.exit(2);
      return;
    }
    McpServer server = ConformanceServer.create();
    McpHttpEndpoint endpoint = McpHttpEndpoint.create(server);
    EmbeddedTomcat tomcat = EmbeddedTomcat.start(endpoint, "127.0.0.1", port, "/mcp");
    System.out.println("http://127.0.0.1:" + tomcat.port() + "/mcp");
    System.out.flush();
    tomcat.await();
  }
}
