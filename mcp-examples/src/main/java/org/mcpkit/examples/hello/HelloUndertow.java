package org.mcpkit.examples.hello;

import org.mcpkit.protocol.CallToolResult;
import org.mcpkit.protocol.Implementation;
import org.mcpkit.server.Description;
import org.mcpkit.server.McpServer;
import org.mcpkit.transport.undertow.UndertowMcpServer;

/** A hello tool on embedded Undertow. Port from {@code MCP_PORT} (default 8080), checked. */
public final class HelloUndertow {
  private HelloUndertow() {}

  /** Arguments of the {@code hello} tool. */
  public record HelloArgs(@Description("Who to greet") String name) {}

  /** Starts the server and prints its URL; stop it with Ctrl-C. */
  public static void main(String[] args) {
    McpServer server = McpServer.builder(Implementation.of("hello", "1.0.0"))
        .tool("hello", "Greets someone", HelloArgs.class,
            (ctx, a) -> CallToolResult.text("Hello, " + a.name() + "!"))
        .build();
    int port = org.mcpkit.examples.features.ExampleConfig.fromEnv(System.getenv()).port();
    UndertowMcpServer http = UndertowMcpServer.builder(server).port(port).build().start();
    System.out.println("MCP server listening at " + http.url());
  }
}
