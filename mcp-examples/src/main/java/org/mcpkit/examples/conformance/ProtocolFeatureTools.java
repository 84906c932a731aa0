package org.mcpkit.examples.conformance;

import static org.mcpkit.examples.conformance.ToolSupport.NAME_SCHEMA;
import static org.mcpkit.examples.conformance.ToolSupport.tool;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mcpkit.protocol.CallToolResult;
import org.mcpkit.protocol.ClientCapabilities;
import org.mcpkit.protocol.ElicitRequest;
import org.mcpkit.protocol.ElicitResult;
import org.mcpkit.protocol.SamplingCapability;
import org.mcpkit.server.McpServer;

/**
 * Tools that exercise a protocol feature rather than a result: SSE reconnection, a JSON Schema
 * 2020-12 input schema, a required client capability, streaming elicitation and a tool argument
 * mirrored into an {@code Mcp-Param-*} header.
 */
final class ProtocolFeatureTools {
  private ProtocolFeatureTools() {}

  /** Registers the tools, in the order tools/list shows them. */
  static void register(McpServer.Builder b) {
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
  }

  /** An input schema that uses $defs, $anchor, allOf/anyOf and if/then/else. */
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
}
