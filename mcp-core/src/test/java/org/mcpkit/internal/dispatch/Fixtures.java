package org.mcpkit.internal.dispatch;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.mcpkit.protocol.CallToolResult;
import org.mcpkit.protocol.ClientCapabilities;
import org.mcpkit.protocol.CompleteResult;
import org.mcpkit.protocol.ElicitRequest;
import org.mcpkit.protocol.ElicitResult;
import org.mcpkit.protocol.GetPromptResult;
import org.mcpkit.protocol.Implementation;
import org.mcpkit.protocol.InputRequest;
import org.mcpkit.protocol.LoggingLevel;
import org.mcpkit.protocol.Prompt;
import org.mcpkit.protocol.PromptArgument;
import org.mcpkit.protocol.PromptMessage;
import org.mcpkit.protocol.ReadResourceResult;
import org.mcpkit.protocol.Resource;
import org.mcpkit.protocol.ResourceTemplate;
import org.mcpkit.protocol.SamplingCapability;
import org.mcpkit.protocol.TextContent;
import org.mcpkit.protocol.TextResourceContents;
import org.mcpkit.protocol.Tool;
import org.mcpkit.server.Description;
import org.mcpkit.server.InputResponses;
import org.mcpkit.server.McpException;
import org.mcpkit.server.McpServer;
import org.mcpkit.server.PromptSpec;
import org.mcpkit.server.ResourceSpec;
import org.mcpkit.server.ResourceTemplateSpec;
import org.mcpkit.server.ToolSpec;

/** The server most dispatcher tests talk to. */
final class Fixtures {
  static final CountDownLatch SLOW_STARTED = new CountDownLatch(1);

  enum Unit {
    C,
    F
  }

  record WeatherArgs(
      @Description("City name") String city,
      @Description("Days ahead") int days,
      Optional<Unit> unit) {}

  private Fixtures() {}

  static McpServer.Builder builder() {
    return McpServer.builder(Implementation.of("test-server", "1.0.0"))
        .instructions("Be nice")
        .tool(
            "weather",
            "Forecast for a city",
            WeatherArgs.class,
            (ctx, a) ->
                CallToolResult.text(
                    a.city() + " in " + a.days() + " days: sunny, " + a.unit().orElse(Unit.C)))
        .tool(
            ToolSpec.of(
                Tool.builder(
                        "echo",
                        TestClient.json(
                            "{\"type\":\"object\",\"properties\":{\"text\":{\"type\":\"string\"}},\"required\":[\"text\"]}"))
                    .description("Echoes text")
                    .build(),
                (ctx, args) -> CallToolResult.text(String.valueOf(args.get("text")))))
        .tool(
            ToolSpec.of(
                tool("boom"),
                (ctx, args) -> {
                  throw new IllegalStateException("secret detail");
                }))
        .tool(
            ToolSpec.of(
                tool("progress"),
                (ctx, args) -> {
                  ctx.progress(0, 100.0, "start");
                  ctx.log(LoggingLevel.DEBUG, "debug line");
                  ctx.progress(50, 100.0, null);
                  ctx.progress(50, 100.0, null);
                  ctx.log(LoggingLevel.WARNING, "app", Map.of("w", 1));
                  ctx.progress(100, 100.0, "done");
                  return CallToolResult.text("finished");
                }))
        .tool(
            ToolSpec.of(tool("needs_sampling"), (ctx, args) -> CallToolResult.text("ran"))
                .requiring(
                    new ClientCapabilities(null, null, new SamplingCapability(null, null), null, null)))
        .tool(
            ToolSpec.of(
                tool("slow"),
                (ctx, args) -> {
                  SLOW_STARTED.countDown();
                  new CountDownLatch(1).await();
                  return CallToolResult.text("never");
                }))
        .tool(
            ToolSpec.of(
                tool("ask"),
                (ctx, args) -> {
                  ElicitResult r =
                      ctx.elicit(
                          "user_name",
                          ElicitRequest.form(
                              "What is your name?",
                              TestClient.json(
                                  "{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"}},\"required\":[\"name\"]}")));
                  return CallToolResult.text("Hello, " + r.content().get("name") + "!");
                }))
        .tool(
            ToolSpec.of(
                tool("rounds"),
                (ctx, args) -> {
                  ElicitResult name =
                      ctx.elicit("name", ElicitRequest.form("Name?", Map.of("type", "object")));
                  ElicitResult color =
                      ctx.elicit("color", ElicitRequest.form("Color?", Map.of("type", "object")));
                  return CallToolResult.text(
                      name.content().get("name") + " likes " + color.content().get("color"));
                }))
        .tool(
            ToolSpec.of(
                tool("multi"),
                (ctx, args) -> {
                  InputResponses all =
                      ctx.inputs(
                          Map.of(
                              "e",
                              InputRequest.elicit(
                                  ElicitRequest.form("Q?", Map.of("type", "object"))),
                              "r",
                              InputRequest.roots()));
                  return CallToolResult.text(
                      all.elicitation("e").action() + " " + all.roots("r").roots().size());
                }))
        .resource(
            ResourceSpec.of(
                Resource.of("test://static", "static"),
                (ctx, uri, vars) ->
                    new ReadResourceResult(
                        List.of(new TextResourceContents(uri, "text/plain", "static text", null)),
                        null)))
        .resourceTemplate(
            ResourceTemplateSpec.of(
                new ResourceTemplate(
                    "test://items/{id}", "item", null, null, "text/plain", null, null, null),
                (ctx, uri, vars) -> {
                  if (vars.get("id").equals("404")) {
                    throw McpException.resourceNotFound(uri);
                  }
                  return new ReadResourceResult(
                      List.of(new TextResourceContents(uri, "text/plain", "item " + vars.get("id"), null)),
                      null);
                }))
        .prompt(
            PromptSpec.of(
                    new Prompt(
                        "greet",
                        null,
                        "Greets someone",
                        List.of(new PromptArgument("name", null, "Who", true)),
                        null,
                        null),
                    (ctx, req) ->
                        new GetPromptResult(
                            null,
                            List.of(
                                PromptMessage.user(
                                    TextContent.of("Hello " + req.arguments().get("name")))),
                            null))
                .withCompletion(
                    (ctx, req) ->
                        CompleteResult.of(
                            List.of("Alice", "Albert", "Bob").stream()
                                .filter(v -> v.startsWith(req.argument().value()))
                                .toList())));
  }

  static McpServer server() {
    return builder().build();
  }

  static McpServer server(Clock clock) {
    return builder().clock(clock).build();
  }

  static Tool tool(String name) {
    return Tool.builder(name, Map.of("type", "object")).description(name + " tool").build();
  }
}
