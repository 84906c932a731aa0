package org.mcpkit.examples.servlet;

import org.mcpkit.examples.hello.HelloUndertow.HelloArgs;
import org.mcpkit.protocol.CallToolResult;
import org.mcpkit.protocol.Implementation;
import org.mcpkit.server.McpServer;
import org.mcpkit.server.http.McpHttpEndpoint;

/**
 * The hello tool in a servlet container (embedded Tomcat here). In a WAR, register {@code new
 * McpServlet(endpoint)} with async support from a {@code ServletContainerInitializer} or listener.
 */
public final class HelloServlet {
  private HelloServlet() {}

  /** Starts embedded Tomcat on {@code MCP_PORT} (default 8080) and prints the URL. */
  public static void main(String[] args) {
    McpServer server = McpServer.builder(Implementation.of("hello", "1.0.0"))
        .tool("hello", "Greets someone", HelloArgs.class,
            (ctx, a) -> CallToolResult.text("Hello, " + a.name() + "!"))
        .build();
    int port = Integer.parseInt(System.getenv().getOrDefault("MCP_PORT", "8080"));
    EmbeddedTomcat tomcat =
        EmbeddedTomcat.start(McpHttpEndpoint.create(server), "127.0.0.1", port, "/mcp");
    System.out.println("MCP server listening at http://127.0.0.1:" + tomcat.port() + "/mcp");
    tomcat.await();
  }
}
