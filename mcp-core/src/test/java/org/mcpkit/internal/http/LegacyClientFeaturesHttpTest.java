package org.mcpkit.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mcpkit.internal.http.LegacyHttp.M;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mcpkit.protocol.CallToolResult;
import org.mcpkit.protocol.CreateMessageRequest;
import org.mcpkit.protocol.CreateMessageResult;
import org.mcpkit.protocol.ElicitRequest;
import org.mcpkit.protocol.ElicitResult;
import org.mcpkit.protocol.Implementation;
import org.mcpkit.protocol.ListRootsResult;
import org.mcpkit.protocol.Root;
import org.mcpkit.protocol.TextContent;
import org.mcpkit.protocol.Tool;
import org.mcpkit.server.McpServer;
import org.mcpkit.server.ToolSpec;
import org.mcpkit.server.http.McpHttpEndpoint;
import org.mcpkit.testing.InMemoryHttpClient;
import org.mcpkit.testing.SseReader;

/**
 * Sampling, roots and a declined elicitation for a 2025-06-18 client over HTTP: each handler call
 * becomes a real server-to-client request on the call's stream, answered by a client POST; a
 * client without the capability gets -32021.
 */
class LegacyClientFeaturesHttpTest {
  private static final URI MCP = URI.create("http://127.0.0.1:8080/mcp");
  private final McpServer server =
      McpServer.builder(Implementation.of("features", "1"))
          .tool(ToolSpec.of(tool("summarize"), (ctx, args) -> {
            CreateMessageResult sampled = ctx.sample("summary", CreateMessageRequest.of("Summarize: a b c", 50));
            return CallToolResult.text(sampled.model() + ": " + ((TextContent) sampled.content()).text());
          }))
          .tool(ToolSpec.of(tool("where"), (ctx, args) -> {
            ListRootsResult roots = ctx.roots("roots");
            return CallToolResult.text(roots.roots().stream().map(Root::uri).collect(Collectors.joining(", ")));
          }))
          .tool(ToolSpec.of(tool("confirm"), (ctx, args) -> {
            ElicitResult answer = ctx.elicit("ok", ElicitRequest.form("Delete it?",
                Map.of("type", "object", "properties", Map.of("ok", Map.of("type", "boolean")))));
            return CallToolResult.text("action=" + answer.action() + ", content=" + answer.content());
          }))
          .build();
  private final McpHttpEndpoint endpoint = McpHttpEndpoint.create(server);
  private final HttpClient http = new InMemoryHttpClient(endpoint);

  private static Tool tool(String name) {
    return Tool.builder(name, Map.of("type", "object")).description(name).build();
  }

  @AfterEach
  void close() {
    endpoint.close();
    server.close();
  }

  private static HttpRequest.Builder post(String body, String session) {
    HttpRequest.Builder b = HttpRequest.newBuilder(MCP).timeout(Duration.ofSeconds(20))
        .header("Content-Type", "application/json")
        .header("Accept", "application/json, text/event-stream")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    return session == null ? b : b.header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-06-18");
  }

  private String session(String capabilities) throws Exception {
    HttpResponse<String> init = http.send(post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
        + "\"protocolVersion\":\"2025-06-18\",\"capabilities\":" + capabilities
        + ",\"clientInfo\":{\"name\":\"c\",\"version\":\"1\"}}}", null).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, init.statusCode(), init.body());
    assertEquals("2025-06-18", M.readTree(init.body()).at("/result/protocolVersion").asText());
    String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
    assertEquals(202, http.send(post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", session).build(),
        HttpResponse.BodyHandlers.ofString()).statusCode());
    return session;
  }

  /** Calls a tool, checks the server request it makes, answers it, returns the tool's response. */
  private JsonNode roundTrip(String session, String tool, String expectedRequest, String answer) throws Exception {
    HttpResponse<InputStream> call = http.send(
        post("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool + "\"}}", session).build(),
        HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(200, call.statusCode());
    try (SseReader events = new SseReader(call.body())) {
      JsonNode request = M.readTree(events.nextEvent(10));
      String id = request.get("id").asText();
      assertEquals(M.readTree("{\"jsonrpc\":\"2.0\",\"id\":\"" + id + "\"," + expectedRequest + "}"), request);
      assertEquals(202, http.send(post("{\"jsonrpc\":\"2.0\",\"id\":\"" + id + "\",\"result\":" + answer + "}", session).build(),
          HttpResponse.BodyHandlers.ofString()).statusCode());
      return M.readTree(events.nextEvent(10));
    }
  }

  private static JsonNode text(String text) throws Exception {
    return M.readTree("{\"jsonrpc\":\"2.0\",\"id\":5,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"" + text + "\"}]}}");
  }

  @Test
  void samplingIsARealServerRequest() throws Exception {
    String session = session("{\"sampling\":{}}");
    assertEquals(text("m-1: a, b and c"), roundTrip(session, "summarize",
        "\"method\":\"sampling/createMessage\",\"params\":{\"messages\":[{\"role\":\"user\","
            + "\"content\":{\"type\":\"text\",\"text\":\"Summarize: a b c\"}}],\"maxTokens\":50}",
        "{\"role\":\"assistant\",\"content\":{\"type\":\"text\",\"text\":\"a, b and c\"},\"model\":\"m-1\",\"stopReason\":\"endTurn\"}"));
  }

  @Test
  void rootsAreARealServerRequest() throws Exception {
    String session = session("{\"roots\":{\"listChanged\":true}}");
    assertEquals(text("file:///work, file:///tmp"), roundTrip(session, "where",
        "\"method\":\"roots/list\"",
        "{\"roots\":[{\"uri\":\"file:///work\",\"name\":\"work\"},{\"uri\":\"file:///tmp\"}]}"));
  }

  @Test
  void aDeclinedElicitationReachesTheHandler() throws Exception {
    String session = session("{\"elicitation\":{}}");
    assertEquals(text("action=decline, content=null"), roundTrip(session, "confirm",
        "\"method\":\"elicitation/create\",\"params\":{\"message\":\"Delete it?\",\"requestedSchema\":"
            + "{\"type\":\"object\",\"properties\":{\"ok\":{\"type\":\"boolean\"}}}}",
        "{\"action\":\"decline\"}"));
  }

  /**
   * The 2026-07-28 code in a 2025-era answer: the earlier revisions define none for this, and JSON-RPC
   * leaves -32000 to -32099 to the server, so the client gets the same code and data either way.
   */
  @Test
  void aClientWithoutTheCapabilityGetsMissingCapability() throws Exception {
    String session = session("{}");
    HttpResponse<String> r = http.send(
        post("{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"tools/call\",\"params\":{\"name\":\"summarize\"}}", session).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode());
    assertEquals(M.readTree("{\"jsonrpc\":\"2.0\",\"id\":6,\"error\":{\"code\":-32021,"
        + "\"message\":\"Missing required client capability\","
        + "\"data\":{\"requiredCapabilities\":{\"sampling\":{}}}}}"), M.readTree(r.body()));
  }
}
