package org.mcpkit.examples.hello;

import org.mcpkit.examples.features.ExampleConfig;
import org.mcpkit.examples.features.ExampleLogging;
import org.mcpkit.protocol.CallToolResult;
import org.mcpkit.protocol.Implementation;
import org.mcpkit.server.Description;
import org.mcpkit.server.McpServer;
import org.mcpkit.transport.undertow.UndertowMcpServer;

/**
 * A hello tool on embedded Undertow. Host, port, path and allowed origins come from {@code
 * MCP_HOST}, {@code MCP_PORT}, {@code MCP_PATH} and {@code MCP_ALLOWED_ORIGINS} ({@link
 * ExampleConfig}); an invalid value stops it with a message naming the variable.
 */
public final class HelloUndertow {
  private HelloUndertow() {}

  /** Arguments of the {@code hello} tool. */
  public record HelloArgs(@Description("Who to greet") String name) {}

  /** Starts the server and prints its URL; stop it with Ctrl-C. */
  public static void main(String[] args) {
    ExampleLogging.install(); // container start-up lines through SLF4J, quiet by default
    ExampleConfig config = ExampleConfig.fromEnvOrExit();
    McpServer server = McpServer.builder(Implementation.of("hello", "1.0.0"))
        .tool("hello", "Greets someone", HelloArgs.class,
            (ctx, a) -> CallToolResult.text("Hello, " + a.name() + "!"))
        .build();
    UndertowMcpServer http = UndertowMcpServer.builder(server)
        .host(config.host()).port(config.port()).path(config.path())
        .options(config.endpointOptions())
        .build().start();
    System.out.println("MCP server listening at " + http.url());
  }
}
