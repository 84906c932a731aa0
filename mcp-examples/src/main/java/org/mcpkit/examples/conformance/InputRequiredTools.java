package org.mcpkit.examples.conformance;

import static org.mcpkit.examples.conformance.ToolSupport.NAME_SCHEMA;
import static org.mcpkit.examples.conformance.ToolSupport.askName;
import static org.mcpkit.examples.conformance.ToolSupport.text;
import static org.mcpkit.examples.conformance.ToolSupport.tool;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mcpkit.protocol.CallToolResult;
import org.mcpkit.protocol.ClientCapabilities;
import org.mcpkit.protocol.CreateMessageRequest;
import org.mcpkit.protocol.ElicitRequest;
import org.mcpkit.protocol.ElicitResult;
import org.mcpkit.protocol.InputRequest;
import org.mcpkit.protocol.ListRootsResult;
import org.mcpkit.server.InputResponses;
import org.mcpkit.server.McpServer;

/**
 * Tools that gather client input through input-required results (multi-round-trip requests):
 * elicitation, sampling, roots, several inputs at once, several rounds, sealed and tampered
 * request state, and capability-aware asking.
 */
final class InputRequiredTools {
  private InputRequiredTools() {}

  /** Registers the tools, in the order tools/list shows them. */
  static void register(McpServer.Builder b) {
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

}
