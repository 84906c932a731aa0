package org.mcpkit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mcpkit.protocol.CallToolResult;
import org.mcpkit.protocol.Implementation;
import org.mcpkit.protocol.Tool;
import org.mcpkit.server.http.HttpEndpointOptions;
import org.mcpkit.server.http.McpHttpEndpoint;
import org.mcpkit.server.stdio.StdioTransport;
import org.mcpkit.testing.InMemoryHttpClient;

/** Parse limits set through the public API hold on stdio and HTTP, each with its exact error. */
class MessageLimitsTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String META =
      "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
          + "\"io.modelcontextprotocol/clientCapabilities\":{}}";
  private static final MessageLimits TIGHT =
      MessageLimits.defaults().withMaxMessageBytes(4096).withMaxNestingDepth(16).withMaxStringLength(1024);

  private static McpServer server() {
    return McpServer.builder(Implementation.of("limits", "1"))
        .messageLimits(TIGHT)
        .tool(
            ToolSpec.of(
                Tool.builder("echo", Map.of("type", "object")).description("echo").build(),
                (ctx, args) -> CallToolResult.text(String.valueOf(args.get("s")).length() + " chars")))
        .build();
  }

  /** A tools/call of echo whose arguments are {@code args}. */
  private static String call(int id, String args) {
    return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"echo\","
        + "\"arguments\":" + args + "," + META + "}}";
  }

  private static String nested(int depth) {
    return "{\"s\":\"x\",\"d\":" + "[".repeat(depth) + "]".repeat(depth) + "}";
  }

  private static final String TOO_LARGE =
      "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32600,\"message\":\"Message too large: the limit is 4096 bytes\"}}";
  private static final String TOO_DEEP =
      "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32700,\"message\":\"Parse error: nesting deeper than 16 levels\"}}";
  private static final String TOO_LONG =
      "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32700,\"message\":\"Parse error: a string longer than 1024 characters\"}}";

  @Test
  void defaultsAndValidation() {
    assertEquals(new MessageLimits(4 * 1024 * 1024, 64, 4 * 1024 * 1024), MessageLimits.defaults());
    assertEquals(new MessageLimits(4096, 16, 1024), TIGHT);
    assertEquals("maxMessageBytes must be at least 1024, was 1023",
        assertThrows(IllegalArgumentException.class, () -> new MessageLimits(1023, 64, 4096)).getMessage());
    assertEquals("maxNestingDepth must be at least 16, was 15",
        assertThrows(IllegalArgumentException.class, () -> MessageLimits.defaults().withMaxNestingDepth(15)).getMessage());
    assertEquals("maxStringLength must be at least 1024, was 0",
        assertThrows(IllegalArgumentException.class, () -> MessageLimits.defaults().withMaxStringLength(0)).getMessage());
    assertThrows(NullPointerException.class, () -> McpServer.builder(Implementation.of("x", "1")).messageLimits(null));
  }

  @Test
  void stdioRefusesEachHostileLineAndServesTheNext() throws Exception {
    String input =
        call(1, "{\"s\":\"" + "a".repeat(5000) + "\"}") + "\n" // over 4096 bytes
            + call(2, nested(20)) + "\n" // deeper than 16
            + call(3, "{\"s\":\"" + "b".repeat(1025) + "\"}") + "\n" // string over 1024, message under 4096
            + call(4, "{\"s\":\"" + "c".repeat(1024) + "\"}") + "\n" // at every limit: served
            + call(5, nested(8)) + "\n";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (McpServer server = server()) {
      StdioTransport.create(server, new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out).run();
    }
    List<JsonNode> lines = new ArrayList<>();
    for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
      lines.add(MAPPER.readTree(line));
    }
    assertEquals(5, lines.size(), lines::toString);
    // the two served calls run concurrently: their answers may come in either order
    lines.subList(3, 5).sort(java.util.Comparator.comparingInt(n -> n.get("id").asInt()));
    assertEquals(MAPPER.readTree(TOO_LARGE), lines.get(0));
    assertEquals(MAPPER.readTree(TOO_DEEP), lines.get(1));
    assertEquals(MAPPER.readTree(TOO_LONG), lines.get(2));
    assertEquals(4, lines.get(3).get("id").asInt());
    assertEquals("1024 chars", lines.get(3).get("result").get("content").get(0).get("text").asText());
    assertEquals("1 chars", lines.get(4).get("result").get("content").get(0).get("text").asText());
  }

  @Test
  void httpRefusesEachHostileBodyWith400() throws Exception {
    try (McpServer server = server();
        McpHttpEndpoint endpoint = McpHttpEndpoint.create(server, HttpEndpointOptions.defaults())) {
      InMemoryHttpClient http = new InMemoryHttpClient(endpoint);
      String[][] cases = {
        {call(1, "{\"s\":\"" + "a".repeat(5000) + "\"}"), TOO_LARGE},
        {call(2, nested(20)), TOO_DEEP},
        {call(3, "{\"s\":\"" + "b".repeat(1025) + "\"}"), TOO_LONG},
      };
      for (String[] c : cases) {
        HttpResponse<String> r = http.send(post(c[0]), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, r.statusCode(), r::body);
        assertEquals(MAPPER.readTree(c[1]), MAPPER.readTree(r.body()));
      }
      HttpResponse<String> ok =
          http.send(post(call(4, "{\"s\":\"" + "c".repeat(1024) + "\"}")), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, ok.statusCode(), ok::body);
      assertEquals("1024 chars", MAPPER.readTree(ok.body()).get("result").get("content").get(0).get("text").asText());
    }
  }

  private static HttpRequest post(String body) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:8080/mcp"))
        .header("Content-Type", "application/json")
        .header("Accept", "application/json, text/event-stream")
        .header("MCP-Protocol-Version", "2026-07-28")
        .header("Mcp-Method", "tools/call")
        .header("Mcp-Name", "echo")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }
}
