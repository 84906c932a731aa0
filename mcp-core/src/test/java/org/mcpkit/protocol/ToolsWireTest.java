package org.mcpkit.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mcpkit.protocol.WireJson.assertRejected;
import static org.mcpkit.protocol.WireJson.assertWire;
import static org.mcpkit.protocol.WireJson.assertWrites;
import static org.mcpkit.protocol.WireJson.read;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ToolsWireTest {

  private static final Map<String, Object> REQUEST_META =
      Map.of(
          "progressToken", "p-1",
          "io.modelcontextprotocol/protocolVersion", "2026-07-28",
          "io.modelcontextprotocol/clientCapabilities", Map.of());

  private static final Map<String, Object> WEATHER_SCHEMA =
      Map.of(
          "type", "object",
          "properties", Map.of("location", Map.of("type", "string", "description", "City name")),
          "required", List.of("location"));

  @Test
  void callToolRequestParams() {
    String golden = """
        {
          "name": "get_weather",
          "arguments": {"location": "New York", "days": 3},
          "_meta": {
            "progressToken": "p-1",
            "io.modelcontextprotocol/protocolVersion": "2026-07-28",
            "io.modelcontextprotocol/clientCapabilities": {}
          }
        }
        """;
    CallToolRequest value =
        new CallToolRequest(
            "get_weather", Map.of("location", "New York", "days", 3), null, null, REQUEST_META);
    assertWire(golden, value, CallToolRequest.class);
  }

  @Test
  void callToolRequestRetryCarriesInputResponsesAndState() {
    String golden = """
        {
          "name": "deploy",
          "inputResponses": {"confirm": {"action": "accept", "content": {"ok": true}}},
          "requestState": "opaque-123"
        }
        """;
    CallToolRequest value =
        new CallToolRequest(
            "deploy",
            null,
            Map.of("confirm", Map.of("action", "accept", "content", Map.of("ok", true))),
            "opaque-123",
            null);
    assertWire(golden, value, CallToolRequest.class);
    assertTrue(value.arguments().isEmpty());
  }

  @Test
  void callToolRequestDistinguishesEmptyInputResponsesFromAbsent() {
    CallToolRequest empty = read("""
        {"name":"t","inputResponses":{}}
        """, CallToolRequest.class);
    assertEquals(Map.of(), empty.inputResponses());
    assertWrites("""
        {"name":"t","inputResponses":{}}
        """, empty);

    CallToolRequest absent = read("""
        {"name":"t"}
        """, CallToolRequest.class);
    assertNull(absent.inputResponses());
    assertEquals(Map.of(), absent.arguments());
    assertWrites("""
        {"name":"t"}
        """, absent);
  }

  @Test
  void callToolRequestKeepsNullArgumentValues() {
    CallToolRequest value = read("""
        {"name":"t","arguments":{"a":null,"b":[1,"x"]}}
        """, CallToolRequest.class);
    assertTrue(value.arguments().containsKey("a"));
    assertNull(value.arguments().get("a"));
    assertEquals(List.of(1, "x"), value.arguments().get("b"));
  }

  @Test
  void callToolRequestWithoutNameRejected() {
    assertRejected("""
        {"arguments":{}}
        """, CallToolRequest.class);
  }

  @Test
  void textResultIsMinimal() {
    assertWrites("""
        {"content":[{"type":"text","text":"x"}]}
        """, CallToolResult.text("x"));
  }

  @Test
  void errorResult() {
    assertWire("""
        {"content":[{"type":"text","text":"Invalid departure date: must be in the future"}],"isError":true}
        """, CallToolResult.error("Invalid departure date: must be in the future"), CallToolResult.class);
  }

  @Test
  void emptyContentIsStillWritten() {
    assertWire("""
        {"content":[]}
        """, new CallToolResult(List.of(), null, null, null), CallToolResult.class);
  }

  @Test
  void structuredResult() {
    String golden = """
        {
          "content": [{"type": "text", "text": "22.5 C, partly cloudy"}],
          "structuredContent": {"temperature": 22.5, "conditions": "Partly cloudy", "humidity": 65}
        }
        """;
    CallToolResult value =
        CallToolResult.structured(
            Map.of("temperature", 22.5, "conditions", "Partly cloudy", "humidity", 65),
            "22.5 C, partly cloudy");
    assertWire(golden, value, CallToolResult.class);
  }

  @Test
  void structuredContentMayBeAnyJsonValue() {
    assertWire("""
        {"content":[{"type":"text","text":"[1,2]"}],"structuredContent":[1,2]}
        """, CallToolResult.structured(List.of(1, 2), "[1,2]"), CallToolResult.class);
  }

  @Test
  void resultWithMixedContentAndMeta() {
    String golden = """
        {
          "content": [
            {"type": "text", "text": "Here is the chart"},
            {"type": "image", "data": "iVBORw0KGgo=", "mimeType": "image/png"},
            {"type": "resource_link", "uri": "file:///chart.csv", "name": "chart.csv"}
          ],
          "isError": false,
          "_meta": {"io.modelcontextprotocol/serverInfo": {"name": "srv", "version": "1.0"}}
        }
        """;
    CallToolResult value =
        new CallToolResult(
            List.of(
                TextContent.of("Here is the chart"),
                new ImageContent("iVBORw0KGgo=", "image/png", null, null),
                new ResourceLink("file:///chart.csv", "chart.csv", null, null, null, null, null, null, null)),
            null,
            false,
            Map.of("io.modelcontextprotocol/serverInfo", Map.of("name", "srv", "version", "1.0")));
    assertWire(golden, value, CallToolResult.class);
    assertEquals(value.content(), CallToolResult.of(value.content().toArray(new Content[0])).content());
  }

  @Test
  void callToolResultWithoutContentRejected() {
    assertRejected("""
        {"isError":true}
        """, CallToolResult.class);
  }

  @Test
  void listToolsResult() {
    String golden = """
        {
          "tools": [
            {
              "name": "get_weather",
              "title": "Weather",
              "description": "Current weather for a city",
              "inputSchema": {
                "type": "object",
                "properties": {"location": {"type": "string", "description": "City name"}},
                "required": ["location"]
              },
              "outputSchema": {"type": "object", "properties": {"temperature": {"type": "number"}}},
              "icons": [{"src": "https://example.com/sun.svg", "mimeType": "image/svg+xml", "sizes": ["any"], "theme": "light"}],
              "annotations": {"title": "Weather lookup", "readOnlyHint": true, "destructiveHint": false, "idempotentHint": true, "openWorldHint": true},
              "_meta": {"com.example/owner": "weather-team"}
            },
            {
              "name": "long_job",
              "inputSchema": {"type": "object"},
              "execution": {"taskSupport": "optional"}
            }
          ],
          "nextCursor": "page-2"
        }
        """;
    Tool weather =
        Tool.builder("get_weather", WEATHER_SCHEMA)
            .title("Weather")
            .description("Current weather for a city")
            .outputSchema(
                Map.of("type", "object", "properties", Map.of("temperature", Map.of("type", "number"))))
            .icons(List.of(new Icon("https://example.com/sun.svg", "image/svg+xml", List.of("any"), "light")))
            .annotations(new ToolAnnotations("Weather lookup", true, false, true, true))
            .meta(Map.of("com.example/owner", "weather-team"))
            .build();
    Tool longJob =
        new Tool(
            "long_job", null, null, Map.of("type", "object"), null, null, null,
            new ToolExecution("optional"), null);
    assertWire(golden, new ListToolsResult(List.of(weather, longJob), "page-2", null), ListToolsResult.class);
  }

  @Test
  void emptyToolListIsWritten() {
    assertWire("""
        {"tools":[]}
        """, new ListToolsResult(List.of(), null, null), ListToolsResult.class);
  }

  @Test
  void minimalToolFromBuilder() {
    Tool tool = Tool.builder("ping", Map.of("type", "object")).build();
    assertWrites("""
        {"name":"ping","inputSchema":{"type":"object"}}
        """, tool);
    assertTrue(tool.icons().isEmpty());
  }

  @Test
  void toolUnknownFieldsIgnored() {
    assertEquals(
        Tool.builder("ping", Map.of("type", "object")).build(),
        read("""
            {"name":"ping","inputSchema":{"type":"object"},"futureField":{"a":1}}
            """, Tool.class));
  }

  @Test
  void toolWithoutInputSchemaRejected() {
    assertRejected("""
        {"name":"ping"}
        """, Tool.class);
    assertRejected("""
        {"inputSchema":{"type":"object"}}
        """, Tool.class);
  }

  @Test
  void listToolsResultWithoutToolsRejected() {
    assertRejected("""
        {"nextCursor":"x"}
        """, ListToolsResult.class);
  }

  @Test
  void paginatedRequest() {
    assertWire("""
        {"cursor":"eyJwYWdlIjogMn0=","_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28"}}
        """,
        new PaginatedRequest(
            "eyJwYWdlIjogMn0=", Map.of("io.modelcontextprotocol/protocolVersion", "2026-07-28")),
        PaginatedRequest.class);
    assertWire("{}", new PaginatedRequest(null, null), PaginatedRequest.class);
  }
}
