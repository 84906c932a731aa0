package org.mcpkit.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mcpkit.internal.http.LegacyHttp.M;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.mcpkit.protocol.CallToolResult;
import org.mcpkit.protocol.ElicitRequest;
import org.mcpkit.protocol.ElicitResult;
import org.mcpkit.protocol.Implementation;
import org.mcpkit.protocol.Tool;
import org.mcpkit.server.McpServer;
import org.mcpkit.server.ToolSpec;
import org.mcpkit.server.http.McpHttpEndpoint;
import org.mcpkit.testing.InMemoryHttpClient;
import org.mcpkit.testing.SseReader;

/** One tool implementation, one endpoint: a 2026-07-28 client gets input_required, a 2025 client a real elicitation. */
class OneToolBothErasTest {
  private static final URI MCP = URI.create("http://127.0.0.1:8080/mcp");
  private static final String ASKED =
      "{\"message\":\"Name?\",\"requestedSchema\":{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"}}}}";

  private static HttpRequest.Builder post(String body) {
    return HttpRequest.newBuilder(MCP).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json")
        .header("Accept", "application/json, text/event-stream")
        .POST(HttpRequest.BodyPublishers.ofString(body));
  }

  private static String modernCall(int id, String extra) {
    return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"ask\"" + extra
        + ",\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
        + "\"io.modelcontextprotocol/clientCapabilities\":{\"elicitation\":{}}}}}";
  }

  @Test
  void theSameHandlerServesBothErasOnOneEndpoint() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    ToolSpec ask = ToolSpec.of(
        Tool.builder("ask", Map.of("type", "object")).description("asks").build(),
        (ctx, args) -> {
          runs.incrementAndGet();
          ElicitResult a = ctx.elicit("name",
              ElicitRequest.form("Name?", Map.of("type", "object", "properties", Map.of("name", Map.of("type", "string")))));
          return CallToolResult.text("Hi " + a.content().get("name"));
        });
    try (McpServer server = McpServer.builder(Implementation.of("both", "1")).tool(ask).build();
        McpHttpEndpoint endpoint = McpHttpEndpoint.create(server)) {
      HttpClient http = new InMemoryHttpClient(endpoint);

      // 2026-07-28: the first round returns input_required, the retry with the answer completes.
      HttpResponse<String> round1 = http.send(post(modernCall(1, ""))
          .header("MCP-Protocol-Version", "2026-07-28").header("Mcp-Method", "tools/call").header("Mcp-Name", "ask").build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, round1.statusCode(), round1.body());
      JsonNode r1 = M.readTree(round1.body()).get("result");
      assertEquals("input_required", r1.get("resultType").asText());
      assertEquals(M.readTree("{\"name\":{\"method\":\"elicitation/create\",\"params\":" + ASKED + "}}"), r1.get("inputRequests"));
      HttpResponse<String> round2 = http.send(post(modernCall(2,
              ",\"requestState\":\"" + r1.get("requestState").asText() + "\","
                  + "\"inputResponses\":{\"name\":{\"action\":\"accept\",\"content\":{\"name\":\"Ada\"}}}"))
          .header("MCP-Protocol-Version", "2026-07-28").header("Mcp-Method", "tools/call").header("Mcp-Name", "ask").build(),
          HttpResponse.BodyHandlers.ofString());
      JsonNode r2 = M.readTree(round2.body()).get("result");
      assertEquals("complete", r2.get("resultType").asText());
      assertEquals(M.readTree("[{\"type\":\"text\",\"text\":\"Hi Ada\"}]"), r2.get("content"));

      // 2025-11-25 on the same endpoint: a real elicitation/create on the call's stream.
      HttpResponse<String> init = http.send(post(
          "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\","
              + "\"capabilities\":{\"elicitation\":{}},\"clientInfo\":{\"name\":\"old\",\"version\":\"1\"}}}").build(),
          HttpResponse.BodyHandlers.ofString());
      String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
      assertEquals(202, http.send(post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}")
          .header("Mcp-Session-Id", session).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
      HttpResponse<InputStream> call = http.send(post("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"ask\"}}")
          .header("Mcp-Session-Id", session).build(), HttpResponse.BodyHandlers.ofInputStream());
      try (SseReader sse = new SseReader(call.body())) {
        JsonNode request = M.readTree(sse.nextEvent(10));
        assertEquals("elicitation/create", request.get("method").asText());
        assertEquals(M.readTree(ASKED), request.get("params"));
        assertTrue(request.get("id").asText().startsWith("mcpkit-"));
        assertEquals(202, http.send(post("{\"jsonrpc\":\"2.0\",\"id\":" + request.get("id")
            + ",\"result\":{\"action\":\"accept\",\"content\":{\"name\":\"Bo\"}}}").header("Mcp-Session-Id", session).build(),
            HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(M.readTree("{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"Hi Bo\"}]}}"),
            M.readTree(sse.nextEvent(10)));
      }
      assertEquals(3, runs.get(), "one handler: two modern rounds and one legacy call");
    }
  }
}
