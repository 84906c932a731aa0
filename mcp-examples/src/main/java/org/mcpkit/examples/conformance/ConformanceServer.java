package org.mcpkit.examples.conformance;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.mcpkit.protocol.AudioContent;
import org.mcpkit.protocol.BlobResourceContents;
import org.mcpkit.protocol.CallToolResult;
import org.mcpkit.protocol.ClientCapabilities;
import org.mcpkit.protocol.CompleteResult;
import org.mcpkit.protocol.CreateMessageRequest;
import org.mcpkit.protocol.CreateMessageResult;
import org.mcpkit.protocol.ElicitRequest;
import org.mcpkit.protocol.ElicitResult;
import org.mcpkit.protocol.EmbeddedResource;
import org.mcpkit.protocol.GetPromptResult;
import org.mcpkit.protocol.ImageContent;
import org.mcpkit.protocol.Implementation;
import org.mcpkit.protocol.InputRequest;
import org.mcpkit.protocol.ListRootsResult;
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
import org.mcpkit.server.InputResponses;
import org.mcpkit.server.McpServer;
import org.mcpkit.server.PromptSpec;
import org.mcpkit.server.RequestContext;
import org.mcpkit.server.ResourceSpec;
import org.mcpkit.server.ResourceTemplateSpec;
import org.mcpkit.server.ToolHandler;
import org.mcpkit.server.ToolSpec;

/**
 * The "everything" server the official MCP conformance suite drives: every tool, resource, prompt
 * and completion its scenarios expect, with the exact texts they check. Transport-neutral; the HTTP
 * launchers serve it.
 */
public final class ConformanceServer {
  /** A 1x1 red PNG. */
  public static final String PNG =
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==";
  /** A tiny WAV file. */
  public static final String WAV = "UklGRiYAAABXQVZFZm10IBAAAAABAAEAQB8AAAB9AAACABAAZGF0YQIAAAA=";

  private static final Map<String, Object> NO_ARGS =
      Map.of("type", "object", "additionalProperties", false);
  private static final Map<String, Object> NAME_SCHEMA =
      Map.of(
          "type", "object",
          "properties", Map.of("name", Map.of("type", "string")),
          "required", List.of("name"));

  private ConformanceServer() {}

  /** Builds the server. */
  public static McpServer create() {
    McpServer.Builder b =
        McpServer.builder(Implementation.of("mcpkit-conformance-server", "0.1.0"))
            .instructions("Conformance fixtures for the official MCP test suite.");
    tools(b);
    resources(b);
    prompts(b);
    McpServer server = b.build();
    triggers(server);
    return server;
  }

  private static ToolSpec tool(String name, String description, ToolHandler<Map<String, Object>> handler) {
    return ToolSpec.of(Tool.builder(name, NO_ARGS).description(description).build(), handler);
  }

  private static ToolSpec tool(
      String name, String description, Map<String, Object> schema, ToolHandler<Map<String, Object>> handler) {
    return ToolSpec.of(Tool.builder(name, schema).description(description).build(), handler);
  }

  private static Map<String, Object> stringArg(String name, String description) {
    return Map.of(
        "type", "object",
        "properties", Map.of(name, Map.of("type", "string", "description", description)),
        "required", List.of(name));
  }

  private static void tools(McpServer.Builder b) {
    b.tool(
        tool(
            "test_simple_text",
            "Returns a simple text response",
            (ctx, args) -> CallToolResult.text("This is a simple text response for testing.")));
    b.tool(
        tool(
            "test_image_content",
            "Returns an image",
            (ctx, args) -> CallToolResult.of(new ImageContent(PNG, "image/png", null, null))));
    b.tool(
        tool(
            "test_audio_content",
            "Returns audio",
            (ctx, args) -> CallToolResult.of(new AudioContent(WAV, "audio/wav", null, null))));
    b.tool(
        tool(
            "test_embedded_resource",
            "Returns an embedded resource",
            (ctx, args) ->
                CallToolResult.of(
                    new EmbeddedResource(
                        new TextResourceContents(
                            "test://embedded-resource",
                            "text/plain",
                            "This is an embedded resource content.",
                            null),
                        null,
                        null))));
    b.tool(
        tool(
            "test_multiple_content_types",
            "Returns text, an image and a resource",
            (ctx, args) ->
                CallToolResult.of(
                    TextContent.of("Multiple content types test:"),
                    new ImageContent(PNG, "image/png", null, null),
                    new EmbeddedResource(
                        new TextResourceContents(
                            "test://mixed-content-resource",
                            "application/json",
                            "{\"test\":\"data\",\"value\":123}",
                            null),
                        null,
                        null))));
    b.tool(
        tool(
            "test_tool_with_logging",
            "Sends log messages while running",
            (ctx, args) -> {
              ctx.log(LoggingLevel.INFO, "Tool execution started");
              ctx.log(LoggingLevel.INFO, "Tool processing data");
              ctx.log(LoggingLevel.INFO, "Tool execution completed");
              return CallToolResult.text("Tool with logging executed successfully");
            }));
    b.tool(
        tool(
            "test_logging_tool",
            "Logs at every level; clients see messages only when they ask for a log level",
            (ctx, args) -> {
              ctx.log(LoggingLevel.INFO, "logging tool ran");
              ctx.log(LoggingLevel.ERROR, "logging tool error-level message");
              return CallToolResult.text("Logging tool done");
            }));
    b.tool(
        tool(
            "test_error_handling",
            "Always fails",
            (ctx, args) -> CallToolResult.error("This tool intentionally returns an error for testing")));
    b.tool(
        tool(
            "test_tool_with_progress",
            "Reports progress",
            (ctx, args) -> {
              ctx.progress(0, 100.0, null);
              ctx.progress(50, 100.0, null);
              ctx.progress(100, 100.0, null);
              return CallToolResult.text("Progress tool completed");
            }));
    b.tool(
        tool(
            "test_sampling",
            "Asks the client's model",
            stringArg("prompt", "The prompt to send"),
            (ctx, args) -> {
              CreateMessageResult answer =
                  ctx.sample(
                      "sampling",
                      CreateMessageRequest.of(String.valueOf(args.get("prompt")), 100));
              return CallToolResult.text("LLM response: " + text(answer));
            }));
    b.tool(
        tool(
            "test_elicitation",
            "Asks the user for a username and email",
            stringArg("message", "The message to show"),
            (ctx, args) -> {
              ElicitResult answer =
                  ctx.elicit(
                      "user",
                      ElicitRequest.form(
                          String.valueOf(args.get("message")),
                          Map.of(
                              "type", "object",
                              "properties",
                                  Map.of(
                                      "username", Map.of("type", "string"),
                                      "email", Map.of("type", "string")),
                              "required", List.of("username", "email"))));
              return CallToolResult.text(
                  "User response: action=" + answer.action() + ", content=" + answer.content());
            }));
    b.tool(
        tool(
            "test_elicitation_sep1034_defaults",
            "Elicitation with defaults for every primitive type",
            (ctx, args) -> {
              Map<String, Object> props = new LinkedHashMap<>();
              props.put("name", Map.of("type", "string", "default", "John Doe"));
              props.put("age", Map.of("type", "integer", "default", 30));
              props.put("score", Map.of("type", "number", "default", 95.5));
              props.put(
                  "status",
                  Map.of(
                      "type", "string",
                      "enum", List.of("active", "inactive", "pending"),
                      "default", "active"));
              props.put("verified", Map.of("type", "boolean", "default", true));
              ElicitResult answer =
                  ctx.elicit(
                      "defaults",
                      ElicitRequest.form(
                          "Please review and update the form fields with defaults",
                          Map.of("type", "object", "properties", props)));
              return CallToolResult.text(
                  "Elicitation completed: action=" + answer.action() + ", content=" + answer.content());
            }));
    b.tool(
        tool(
            "test_elicitation_sep1330_enums",
            "Elicitation with every enum schema variant",
            (ctx, args) -> {
              Map<String, Object> props = new LinkedHashMap<>();
              props.put(
                  "untitledSingle",
                  Map.of("type", "string", "enum", List.of("option1", "option2", "option3")));
              props.put(
                  "titledSingle",
                  Map.of(
                      "type", "string",
                      "oneOf",
                          List.of(
                              Map.of("const", "value1", "title", "First Option"),
                              Map.of("const", "value2", "title", "Second Option"),
                              Map.of("const", "value3", "title", "Third Option"))));
              props.put(
                  "legacyEnum",
                  Map.of(
                      "type", "string",
                      "enum", List.of("opt1", "opt2", "opt3"),
                      "enumNames", List.of("Option One", "Option Two", "Option Three")));
              props.put(
                  "untitledMulti",
                  Map.of(
                      "type", "array",
                      "items",
                          Map.of("type", "string", "enum", List.of("option1", "option2", "option3"))));
              props.put(
                  "titledMulti",
                  Map.of(
                      "type", "array",
                      "items",
                          Map.of(
                              "anyOf",
                              List.of(
                                  Map.of("const", "value1", "title", "First Choice"),
                                  Map.of("const", "value2", "title", "Second Choice"),
                                  Map.of("const", "value3", "title", "Third Choice")))));
              ElicitResult answer =
                  ctx.elicit(
                      "enums",
                      ElicitRequest.form(
                          "Please choose options", Map.of("type", "object", "properties", props)));
              return CallToolResult.text(
                  "Elicitation completed: action=" + answer.action() + ", content=" + answer.content());
            }));
    b.tool(
        tool(
            "test_reconnection",
            "Closes its SSE stream mid-call; the result arrives after the client reconnects",
            (ctx, args) -> {
              ctx.closeStream();
              return CallToolResult.text("Reconnection test completed successfully");
            }));
    b.tool(tool("json_schema_2020_12_tool", "Tool whose input schema uses JSON Schema 2020-12 features",
        jsonSchema202012(), (ctx, args) -> CallToolResult.text("JSON Schema 2020-12 tool called")));
    b.tool(
        tool(
                "test_missing_capability",
                "Needs the client's sampling capability",
                (ctx, args) -> CallToolResult.text("sampling is available"))
            .requiring(
                new ClientCapabilities(null, null, new SamplingCapability(null, null), null, null)));
    b.tool(
        tool(
            "test_streaming_elicitation",
            "Asks for input through an input-required result, never a server request",
            (ctx, args) -> {
              ElicitResult a = ctx.elicit("confirm", ElicitRequest.form("Continue?", NAME_SCHEMA));
              return CallToolResult.text("Streaming elicitation done: " + a.action());
            }));
    b.tool(
        tool(
            "test_custom_header",
            "Echoes a region that is mirrored into the Mcp-Param-Region header",
            Map.of(
                "type", "object",
                "properties",
                    Map.of(
                        "region",
                        Map.of(
                            "type", "string",
                            "description", "Region name",
                            "x-mcp-header", "Region")),
                "required", List.of("region")),
            (ctx, args) -> CallToolResult.text("region=" + args.get("region"))));
    mrtrTools(b);
  }

  private static void mrtrTools(McpServer.Builder b) {
    b.tool(
        tool(
            "test_input_required_result_elicitation",
            "Asks for the user's name through an input-required result",
            (ctx, args) -> CallToolResult.text("Hello, " + askName(ctx).content().get("name") + "!")));
    b.tool(
        tool(
            "test_input_required_result_sampling",
            "Asks the client's model through an input-required result",
            (ctx, args) ->
                CallToolResult.text(
                    "Model said: "
                        + text(
                            ctx.sample(
                                "capital",
                                CreateMessageRequest.of("What is the capital of France?", 100))))));
    b.tool(
        tool(
            "test_input_required_result_list_roots",
            "Asks for the client's roots through an input-required result",
            (ctx, args) -> {
              ListRootsResult roots = ctx.roots("roots");
              return CallToolResult.text(
                  "Roots: " + roots.roots().stream().map(x -> x.uri()).toList());
            }));
    b.tool(
        tool(
            "test_input_required_result_request_state",
            "Round-trips a sealed requestState",
            (ctx, args) -> {
              ElicitResult ok =
                  ctx.elicit(
                      "confirm",
                      ElicitRequest.form(
                          "Confirm?",
                          Map.of(
                              "type", "object",
                              "properties", Map.of("ok", Map.of("type", "boolean")))));
              return CallToolResult.text("state-ok: " + ok.action());
            }));
    b.tool(
        tool(
            "test_input_required_result_multiple_inputs",
            "Asks for elicitation, sampling and roots in one round",
            (ctx, args) -> {
              Map<String, InputRequest> asks = new LinkedHashMap<>();
              asks.put("user_name", InputRequest.elicit(ElicitRequest.form("What is your name?", NAME_SCHEMA)));
              asks.put(
                  "capital",
                  InputRequest.sample(CreateMessageRequest.of("What is the capital of France?", 100)));
              asks.put("roots", InputRequest.roots());
              InputResponses all = ctx.inputs(asks);
              return CallToolResult.text(
                  "Got "
                      + all.elicitation("user_name").action()
                      + ", "
                      + text(all.sampling("capital"))
                      + ", "
                      + all.roots("roots").roots().size()
                      + " root(s)");
            }));
    b.tool(
        tool(
            "test_input_required_result_multi_round",
            "Asks for a name, then a colour, in two rounds",
            (ctx, args) -> {
              ElicitResult name = askName(ctx);
              ElicitResult color =
                  ctx.elicit(
                      "favorite_color",
                      ElicitRequest.form(
                          "What is your favorite color?",
                          Map.of(
                              "type", "object",
                              "properties", Map.of("color", Map.of("type", "string")),
                              "required", List.of("color"))));
              return CallToolResult.text(
                  name.content().get("name") + " likes " + color.content().get("color"));
            }));
    b.tool(
        tool(
            "test_input_required_result_tampered_state",
            "Rejects a requestState that was changed",
            (ctx, args) -> CallToolResult.text("Hello, " + askName(ctx).content().get("name") + "!")));
    b.tool(
        tool(
            "test_input_required_result_capabilities",
            "Only asks for inputs the client declared",
            (ctx, args) -> {
              ClientCapabilities caps = ctx.clientCapabilities();
              if (caps.hasElicitationForm()) {
                return CallToolResult.text("Hello, " + askName(ctx).content().get("name"));
              }
              if (caps.hasSampling()) {
                return CallToolResult.text(
                    text(ctx.sample("capital", CreateMessageRequest.of("What is the capital of France?", 100))));
              }
              if (caps.hasRoots()) {
                return CallToolResult.text(ctx.roots("roots").roots().size() + " root(s)");
              }
              return CallToolResult.text("No input capability declared");
            }));
  }

  private static ElicitResult askName(RequestContext ctx) {
    return ctx.elicit("user_name", ElicitRequest.form("What is your name?", NAME_SCHEMA));
  }

  private static String text(CreateMessageResult result) {
    return result.content() instanceof TextContent t ? t.text() : "(non-text answer)";
  }

  private static Map<String, Object> jsonSchema202012() {
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("name", Map.of("type", "string"));
    props.put("address", Map.of("$ref", "#/$defs/address"));
    props.put("contactMethod", Map.of("type", "string", "enum", List.of("phone", "email")));
    props.put("phone", Map.of("type", "string"));
    props.put("email", Map.of("type", "string"));
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    schema.put("type", "object");
    schema.put(
        "$defs",
        Map.of(
            "address",
            Map.of(
                "$anchor", "addressDef",
                "type", "object",
                "properties",
                    Map.of("street", Map.of("type", "string"), "city", Map.of("type", "string")))));
    schema.put("properties", props);
    schema.put(
        "allOf",
        List.of(
            Map.of(
                "anyOf",
                List.of(
                    Map.of("required", List.of("phone")), Map.of("required", List.of("email"))))));
    schema.put(
        "if",
        Map.of(
            "properties", Map.of("contactMethod", Map.of("const", "phone")),
            "required", List.of("contactMethod")));
    schema.put("then", Map.of("required", List.of("phone")));
    schema.put("else", Map.of("required", List.of("email")));
    schema.put("additionalProperties", false);
    return schema;
  }

  private static void resources(McpServer.Builder b) {
    b.resource(
        ResourceSpec.of(
            new Resource(
                "test://static-text", "static-text", null, "A static text resource", "text/plain",
                null, null, null, null),
            (ctx, uri, vars) ->
                read(new TextResourceContents(
                    uri, "text/plain", "This is the content of the static text resource.", null))));
    b.resource(
        ResourceSpec.of(
            new Resource(
                "test://static-binary", "static-binary", null, "A static binary resource", "image/png",
                null, null, null, null),
            (ctx, uri, vars) -> read(new BlobResourceContents(uri, "image/png", PNG, null))));
    b.resource(
        ResourceSpec.of(
            new Resource(
                "test://watched-resource", "watched-resource", null, "A resource that changes",
                "text/plain", null, null, null, null),
            (ctx, uri, vars) -> read(new TextResourceContents(uri, "text/plain", "Watched resource content", null))));
    b.resourceTemplate(
        ResourceTemplateSpec.of(
            new ResourceTemplate(
                "test://template/{id}/data", "template", null, "A templated resource",
                "application/json", null, null, null),
            (ctx, uri, vars) -> {
              String id = vars.get("id");
              return read(
                  new TextResourceContents(
                      uri,
                      "application/json",
                      "{\"id\":\"" + id + "\",\"templateTest\":true,\"data\":\"Data for ID: " + id + "\"}",
                      null));
            }));
  }

  private static ReadResourceResult read(org.mcpkit.protocol.ResourceContents contents) {
    return new ReadResourceResult(List.of(contents), null);
  }

  private static Prompt prompt(String name, String description, PromptArgument... args) {
    return new Prompt(name, null, description, List.of(args), null, null);
  }

  private static PromptArgument required(String name, String description) {
    return new PromptArgument(name, null, description, true);
  }

  private static GetPromptResult messages(PromptMessage... messages) {
    return new GetPromptResult(null, List.of(messages), null);
  }

  private static void prompts(McpServer.Builder b) {
    b.prompt(
        PromptSpec.of(
            prompt("test_simple_prompt", "A simple prompt without arguments"),
            (ctx, r) ->
                messages(PromptMessage.user(TextContent.of("This is a simple prompt for testing.")))));
    b.prompt(
        PromptSpec.of(
                prompt(
                    "test_prompt_with_arguments",
                    "A prompt with arguments",
                    required("arg1", "First argument"),
                    required("arg2", "Second argument")),
                (ctx, r) ->
                    messages(
                        PromptMessage.user(
                            TextContent.of(
                                "Prompt with arguments: arg1='"
                                    + r.arguments().get("arg1")
                                    + "', arg2='"
                                    + r.arguments().get("arg2")
                                    + "'"))))
            .withCompletion(
                (ctx, r) ->
                    CompleteResult.of(
                        List.of("test", "testing", "tested").stream()
                            .filter(v -> v.startsWith(r.argument().value()))
                            .toList())));
    b.prompt(
        PromptSpec.of(
            prompt(
                "test_prompt_with_embedded_resource",
                "A prompt with an embedded resource",
                required("resourceUri", "URI of the resource to embed")),
            (ctx, r) ->
                messages(
                    PromptMessage.user(
                        new EmbeddedResource(
                            new TextResourceContents(
                                r.arguments().get("resourceUri"),
                                "text/plain",
                                "Embedded resource content for testing.",
                                null),
                            null,
                            null)),
                    PromptMessage.user(TextContent.of("Please process the embedded resource above.")))));
    b.prompt(
        PromptSpec.of(
            prompt("test_prompt_with_image", "A prompt with an image"),
            (ctx, r) ->
                messages(
                    PromptMessage.user(new ImageContent(PNG, "image/png", null, null)),
                    PromptMessage.user(TextContent.of("Please analyze the image above.")))));
    b.prompt(
        PromptSpec.of(
            prompt("test_input_required_result_prompt", "A prompt that asks for context first"),
            (ctx, r) -> {
              ElicitResult context =
                  ctx.elicit(
                      "context",
                      ElicitRequest.form(
                          "What context should the prompt use?",
                          Map.of(
                              "type", "object",
                              "properties", Map.of("context", Map.of("type", "string")),
                              "required", List.of("context"))));
              return messages(
                  PromptMessage.user(
                      TextContent.of("Prompt with context: " + context.content().get("context"))));
            }));
  }

  /** Hooks the suite calls to make lists change while a subscription listens. */
  private static void triggers(McpServer server) {
    AtomicBoolean toolPresent = new AtomicBoolean();
    AtomicBoolean promptPresent = new AtomicBoolean();
    ToolSpec dynamicTool =
        tool("test_dynamic_tool", "Appears and disappears", (ctx, args) -> CallToolResult.text("dynamic"));
    PromptSpec dynamicPrompt =
        PromptSpec.of(
            prompt("test_dynamic_prompt", "Appears and disappears"),
            (ctx, r) -> messages(PromptMessage.user(TextContent.of("dynamic"))));
    server.addTool(
        tool(
            "test_trigger_tool_change",
            "Adds or removes a tool, so tools/list_changed fires",
            (ctx, args) -> {
              if (toolPresent.compareAndSet(false, true)) {
                server.addTool(dynamicTool);
              } else {
                toolPresent.set(false);
                server.removeTool("test_dynamic_tool");
              }
              return CallToolResult.text("Tool list changed");
            }));
    server.addTool(
        tool(
            "test_trigger_prompt_change",
            "Adds or removes a prompt, so prompts/list_changed fires",
            (ctx, args) -> {
              if (promptPresent.compareAndSet(false, true)) {
                server.addPrompt(dynamicPrompt);
              } else {
                promptPresent.set(false);
                server.removePrompt("test_dynamic_prompt");
              }
              return CallToolResult.text("Prompt list changed");
            }));
  }
}
