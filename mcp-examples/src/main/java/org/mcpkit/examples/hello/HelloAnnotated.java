package org.mcpkit.examples.hello;

import org.mcpkit.examples.features.ExampleConfig;
import org.mcpkit.protocol.Implementation;
import org.mcpkit.server.McpServer;
import org.mcpkit.server.annotation.McpArg;
import org.mcpkit.server.annotation.McpTool;
import org.mcpkit.transport.undertow.UndertowMcpServer;

/**
 * {@link HelloUndertow}'s hello tool written as an annotated method: {@link McpTool} on a method of a
 * plain object, registered with {@code McpServer.Builder.annotated}. The same environment variables
 * configure it ({@link ExampleConfig}).
 */
public final class HelloAnnotated {
  private HelloAnnotated() {}

  /** The tools: every {@code @McpTool} method is one, its parameters the input schema. */
  public static final class Greeter {
    /** Greets someone. */
    @McpTool(description = "Greets someone")
    public String hello(@McpArg(description = "Who to greet") String name) {
      return "Hello, " + name + "!";
    }
  }

  /** Starts the server and prints its URL; stop it with Ctrl-C. */
  public static void main(String[] args) {
    ExampleConfig config = ExampleConfig.fromEnvOrExit();
    McpServer server = McpServer.builder(Implementation.of("hello", "1.0.0"))
        .annotated(new Greeter())
        .build();
    UndertowMcpServer http = UndertowMcpServer.builder(server)
        .host(config.host()).port(config.port()).path(config.path())
        .options(config.endpointOptions())
        .build().start();
    System.out.println("MCP server listening at " + http.url());
  }
}
