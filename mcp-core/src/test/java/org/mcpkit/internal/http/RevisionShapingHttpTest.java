package org.mcpkit.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mcpkit.internal.http.LegacyHttp.M;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mcpkit.protocol.Annotations;
import org.mcpkit.protocol.CallToolResult;
import org.mcpkit.protocol.Icon;
import org.mcpkit.protocol.Implementation;
import org.mcpkit.protocol.ResourceLink;
import org.mcpkit.protocol.Role;
import org.mcpkit.protocol.TextContent;
import org.mcpkit.protocol.Tool;
import org.mcpkit.protocol.ToolAnnotations;
import org.mcpkit.protocol.ToolExecution;
import org.mcpkit.server.McpServer;
import org.mcpkit.server.ToolSpec;
import org.mcpkit.server.http.McpHttpEndpoint;

/**
 * Replies shaped per negotiated revision over Streamable HTTP: one tool with every newer optional
 * field, listed and called by a 2025-11-25, a 2025-06-18 and a 2025-03-26 session.
 */
class RevisionShapingHttpTest {
  static final Icon ICON = new Icon("https://example.com/w.png", "image/png", List.of("48x48"), "light");
  static final String ICON_JSON =
      "{\"src\":\"https://example.com/w.png\",\"mimeType\":\"image/png\",\"sizes\":[\"48x48\"],\"theme\":\"light\"}";
  static final String INPUT = "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}";
  static final String OUTPUT = "{\"type\":\"object\",\"properties\":{\"temp\":{\"type\":\"number\"}}}";

  private McpServer server;
  private McpHttpEndpoint endpoint;

  @AfterEach
  void close() {
    endpoint.close();
    server.close();
  }

  /** A tool with title, outputSchema, icons, annotations, execution and _meta; its result has structuredContent and a resource_link. */
  static ToolSpec weather() throws Exception {
    @SuppressWarnings("unchecked")
    Map<String, Object> input = M.readValue(INPUT, Map.class);
    @SuppressWarnings("unchecked")
    Map<String, Object> output = M.readValue(OUTPUT, Map.class);
    Tool tool = Tool.builder("weather", input)
        .title("Weather")
        .description("Current weather")
        .outputSchema(output)
        .icons(List.of(ICON))
        .annotations(new ToolAnnotations(null, true, null, null, false))
        .execution(new ToolExecution("optional"))
        .meta(Map.of("acme/tool", "w1"))
        .build();
    return ToolSpec.of(tool, (ctx, args) -> new CallToolResult(
        List.of(
            TextContent.of("Sunny, 21 C"),
            new ResourceLink("file:///reports/today.txt", "today.txt", "Today's report", "The full report",
                "text/plain", 42L, List.of(ICON), new Annotations(List.of(Role.USER), 0.5, "2025-01-12T15:00:58Z"),
                Map.of("acme/link", 1))),
        Map.of("temp", 21),
        null,
        Map.of("acme/trace", "t1")));
  }

  /** A tool that already returns its structured content serialized (other spacing, 21.0 for 21). */
  static ToolSpec echoed() {
    return ToolSpec.of(Tool.builder("echoed", Map.of("type", "object")).build(),
        (ctx, args) -> CallToolResult.structured(Map.of("temp", 21), "{ \"temp\": 21.0 }"));
  }

  static Implementation serverInfo() {
    return new Implementation("shaped", "1.0", "Shaped Server", "Serves every revision", List.of(ICON),
        "https://example.com");
  }

  private String session(String version) throws Exception {
    server = McpServer.builder(serverInfo()).tool(weather()).tool(echoed()).build();
    endpoint = McpHttpEndpoint.create(server);
    LegacyHttp.Reply init = LegacyHttp.post(endpoint, LegacyHttp.init(version), null, null);
    assertEquals(200, init.status(), init.body());
    lastInit = init;
    String session = init.header("Mcp-Session-Id");
    assertEquals(202, LegacyHttp.post(endpoint, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
        session, null, "MCP-Protocol-Version", version).status());
    return session;
  }

  private LegacyHttp.Reply lastInit;

  private String call(String session, String version, String body) throws Exception {
    LegacyHttp.Reply r = LegacyHttp.post(endpoint, body, session, null, "MCP-Protocol-Version", version);
    assertEquals(200, r.status(), r.body());
    return r.body();
  }

  private static final String LIST = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}";
  private static final String CALL =
      "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"weather\",\"arguments\":{\"city\":\"Oslo\"}}}";
  private static final String CALL_ECHOED =
      "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\",\"params\":{\"name\":\"echoed\"}}";
  private static final String ECHOED_TOOL = "{\"name\":\"echoed\",\"inputSchema\":{\"type\":\"object\"}}";
  private static final String CAPABILITIES = "{\"logging\":{},\"tools\":{\"listChanged\":true}}";

  @Test
  void a20251125SessionGetsEveryField() throws Exception {
    String s = session("2025-11-25");
    assertEquals(M.readTree("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"protocolVersion\":\"2025-11-25\","
        + "\"capabilities\":" + CAPABILITIES + ",\"serverInfo\":{\"name\":\"shaped\",\"version\":\"1.0\","
        + "\"title\":\"Shaped Server\",\"description\":\"Serves every revision\",\"icons\":[" + ICON_JSON + "],"
        + "\"websiteUrl\":\"https://example.com\"}}}"), lastInit.json());
    assertEquals(M.readTree("{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{\"tools\":[{\"name\":\"weather\",\"title\":\"Weather\","
        + "\"description\":\"Current weather\",\"inputSchema\":" + INPUT + ",\"outputSchema\":" + OUTPUT + ","
        + "\"icons\":[" + ICON_JSON + "],\"annotations\":{\"readOnlyHint\":true,\"openWorldHint\":false},"
        + "\"execution\":{\"taskSupport\":\"optional\"},\"_meta\":{\"acme/tool\":\"w1\"}}," + ECHOED_TOOL + "]}}"),
        M.readTree(call(s, "2025-11-25", LIST)));
    assertEquals(M.readTree("{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"Sunny, 21 C\"},"
        + "{\"type\":\"resource_link\",\"uri\":\"file:///reports/today.txt\",\"name\":\"today.txt\",\"title\":\"Today's report\","
        + "\"description\":\"The full report\",\"mimeType\":\"text/plain\",\"size\":42,\"icons\":[" + ICON_JSON + "],"
        + "\"annotations\":{\"audience\":[\"user\"],\"priority\":0.5,\"lastModified\":\"2025-01-12T15:00:58Z\"},"
        + "\"_meta\":{\"acme/link\":1}}],\"structuredContent\":{\"temp\":21},\"_meta\":{\"acme/trace\":\"t1\"}}}"),
        M.readTree(call(s, "2025-11-25", CALL)));
  }

  @Test
  void a20250618SessionLosesIconsExecutionAndTheNewImplementationFields() throws Exception {
    String s = session("2025-06-18");
    assertEquals(M.readTree("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"protocolVersion\":\"2025-06-18\","
        + "\"capabilities\":" + CAPABILITIES + ",\"serverInfo\":{\"name\":\"shaped\",\"version\":\"1.0\","
        + "\"title\":\"Shaped Server\"}}}"), lastInit.json());
    assertEquals(M.readTree("{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{\"tools\":[{\"name\":\"weather\",\"title\":\"Weather\","
        + "\"description\":\"Current weather\",\"inputSchema\":" + INPUT + ",\"outputSchema\":" + OUTPUT + ","
        + "\"annotations\":{\"readOnlyHint\":true,\"openWorldHint\":false},\"_meta\":{\"acme/tool\":\"w1\"}},"
        + ECHOED_TOOL + "]}}"),
        M.readTree(call(s, "2025-06-18", LIST)));
    assertEquals(M.readTree("{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"Sunny, 21 C\"},"
        + "{\"type\":\"resource_link\",\"uri\":\"file:///reports/today.txt\",\"name\":\"today.txt\",\"title\":\"Today's report\","
        + "\"description\":\"The full report\",\"mimeType\":\"text/plain\",\"size\":42,"
        + "\"annotations\":{\"audience\":[\"user\"],\"priority\":0.5,\"lastModified\":\"2025-01-12T15:00:58Z\"},"
        + "\"_meta\":{\"acme/link\":1}}],\"structuredContent\":{\"temp\":21},\"_meta\":{\"acme/trace\":\"t1\"}}}"),
        M.readTree(call(s, "2025-06-18", CALL)));
  }

  @Test
  void a20250326SessionGetsOnlyWhatItsSchemaDefines() throws Exception {
    String s = session("2025-03-26");
    assertEquals(M.readTree("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"protocolVersion\":\"2025-03-26\","
        + "\"capabilities\":" + CAPABILITIES + ",\"serverInfo\":{\"name\":\"shaped\",\"version\":\"1.0\"}}}"),
        lastInit.json());
    // title moves to annotations.title, the 2025-03-26 display name; outputSchema, icons, execution, _meta go
    assertEquals(M.readTree("{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{\"tools\":[{\"name\":\"weather\","
        + "\"description\":\"Current weather\",\"inputSchema\":" + INPUT + ","
        + "\"annotations\":{\"title\":\"Weather\",\"readOnlyHint\":true,\"openWorldHint\":false}}," + ECHOED_TOOL + "]}}"),
        M.readTree(call(s, "2025-03-26", LIST)));
    // resource_link becomes a text block naming it; structuredContent goes, its JSON appended as text
    assertEquals(M.readTree("{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"Sunny, 21 C\"},"
        + "{\"type\":\"text\",\"text\":\"Resource link: file:///reports/today.txt\\nname: today.txt\\ntitle: Today's report"
        + "\\ndescription: The full report\\nmimeType: text/plain\\nsize: 42\","
        + "\"annotations\":{\"audience\":[\"user\"],\"priority\":0.5}},"
        + "{\"type\":\"text\",\"text\":\"{\\\"temp\\\":21}\"}],\"_meta\":{\"acme/trace\":\"t1\"}}}"),
        M.readTree(call(s, "2025-03-26", CALL)));
    // the tool already returned the JSON as text: no second copy
    assertEquals(M.readTree("{\"jsonrpc\":\"2.0\",\"id\":4,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"{ \\\"temp\\\": 21.0 }\"}]}}"),
        M.readTree(call(s, "2025-03-26", CALL_ECHOED)));
  }

  @Test
  void a20250618SessionKeepsStructuredContentBesideItsText() throws Exception {
    String s = session("2025-06-18");
    assertEquals(M.readTree("{\"jsonrpc\":\"2.0\",\"id\":4,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"{ \\\"temp\\\": 21.0 }\"}],"
        + "\"structuredContent\":{\"temp\":21}}}"),
        M.readTree(call(s, "2025-06-18", CALL_ECHOED)));
  }
}
