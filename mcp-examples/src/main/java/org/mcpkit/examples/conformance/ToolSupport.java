package org.mcpkit.examples.conformance;

import java.util.List;
import java.util.Map;
import org.mcpkit.protocol.CreateMessageResult;
import org.mcpkit.protocol.ElicitRequest;
import org.mcpkit.protocol.ElicitResult;
import org.mcpkit.protocol.TextContent;
import org.mcpkit.protocol.Tool;
import org.mcpkit.server.RequestContext;
import org.mcpkit.server.ToolHandler;
import org.mcpkit.server.ToolSpec;

/** Schemas and small factories the tool fixtures share. */
final class ToolSupport {
  private ToolSupport() {}

  /** The input schema of a tool without arguments. */
  static final Map<String, Object> NO_ARGS =
      Map.of("type", "object", "additionalProperties", false);

  /** An object schema with one required string property, {@code name}. */
  static final Map<String, Object> NAME_SCHEMA =
      Map.of(
          "type", "object",
          "properties", Map.of("name", Map.of("type", "string")),
          "required", List.of("name"));

  /** A tool without arguments. */
  static ToolSpec tool(String name, String description, ToolHandler<Map<String, Object>> handler) {
    return ToolSpec.of(Tool.builder(name, NO_ARGS).description(description).build(), handler);
  }

  /** A tool with the given input schema. */
  static ToolSpec tool(
      String name, String description, Map<String, Object> schema, ToolHandler<Map<String, Object>> handler) {
    return ToolSpec.of(Tool.builder(name, schema).description(description).build(), handler);
  }

  /** An object schema with one required, described string property. */
  static Map<String, Object> stringArg(String name, String description) {
    return Map.of(
        "type", "object",
        "properties", Map.of(name, Map.of("type", "string", "description", description)),
        "required", List.of(name));
  }

  /** Elicits the user's name under the input key {@code user_name}. */
  static ElicitResult askName(RequestContext ctx) {
    return ctx.elicit("user_name", ElicitRequest.form("What is your name?", NAME_SCHEMA));
  }

  /** The text of a sampling answer. */
  static String text(CreateMessageResult result) {
    return result.content() instanceof TextContent t ? t.text() : "(non-text answer)";
  }
}
