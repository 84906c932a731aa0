package org.mcpkit.examples.conformance;

import static org.mcpkit.examples.conformance.ToolSupport.stringArg;
import static org.mcpkit.examples.conformance.ToolSupport.text;
import static org.mcpkit.examples.conformance.ToolSupport.tool;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mcpkit.protocol.CallToolResult;
import org.mcpkit.protocol.CreateMessageRequest;
import org.mcpkit.protocol.CreateMessageResult;
import org.mcpkit.protocol.ElicitRequest;
import org.mcpkit.protocol.ElicitResult;
import org.mcpkit.server.McpServer;

/**
 * Tools that ask the client something mid-call: sampling and the elicitation variants (plain,
 * SEP-1034 defaults, SEP-1330 enum schemas).
 */
final class ClientRequestTools {
  private ClientRequestTools() {}

  /** Registers the tools, in the order tools/list shows them. */
  static void register(McpServer.Builder b) {
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
  }

}
