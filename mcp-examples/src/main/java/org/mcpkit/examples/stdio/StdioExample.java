package org.mcpkit.examples.stdio;

import java.util.Map;
import org.mcpkit.protocol.CallToolResult;
import org.mcpkit.protocol.ElicitRequest;
import org.mcpkit.protocol.ElicitResult;
import org.mcpkit.protocol.Implementation;
import org.mcpkit.protocol.Tool;
import org.mcpkit.server.Description;
import org.mcpkit.server.McpServer;
import org.mcpkit.server.ToolSpec;
import org.mcpkit.server.stdio.StdioTransport;

/**
 * A stdio MCP server for desktop clients: a typed-argument tool and a tool that asks the user for
 * input. Pipe JSON-RPC lines into it, or configure it as a command in an MCP client.
 */
public final class StdioExample {
  private StdioExample() {}

  /** Arguments of the {@code forecast} tool. */
  public record ForecastArgs(@Description("City name") String city, @Description("Days ahead, 1-7") int days) {}

  /** Builds the example server. */
  public static McpServer server() {
    return McpServer.builder(Implementation.of("mcpkit-stdio-example", "0.1.0"))
        .instructions("Weather forecasts and a friendly greeting.")
        .tool(
            "forecast",
            "Weather forecast for a city",
            ForecastArgs.class,
            (ctx, args) -> {
              if (args.days() < 1 || args.days() > 7) {
                return CallToolResult.error("days must be between 1 and 7");
              }
              return CallToolResult.text(
                  "Forecast for " + args.city() + ", next " + args.days() + " day(s): sunny, 21°C");
            })
        .tool(
            ToolSpec.of(
                Tool.builder("greet", Map.of("type", "object", "additionalProperties", false))
                    .description("Asks for your name, then greets you")
                    .build(),
                (ctx, args) -> {
                  ElicitResult answer =
                      ctx.elicit(
                          "name",
                          ElicitRequest.form(
                              "What is your name?",
                              Map.of(
                                  "type", "object",
                                  "properties", Map.of("name", Map.of("type", "string")),
                                  "required", java.util.List.of("name"))));
                  if (!answer.accepted()) {
                    return CallToolResult.text("Maybe next time.");
                  }
                  return CallToolResult.text("Hello, " + answer.content().get("name") + "!");
                }))
        .build();
  }

  /** Serves on stdin/stdout until stdin closes. Logs go to stderr. */
  public static void main(String[] args) {
    try (McpServer server = server()) {
      StdioTransport.create(server).run();
    }
  }
}
