package org.mcpkit.internal.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mcpkit.server.McpServer;

/** No answer repeats more than a short, sanitized prefix of what the client sent. */
class ClientInputEchoTest {
  private static final String HUGE = "n".repeat(1024 * 1024);
  private static final String CUT = "n".repeat(128) + "\u2026";
  private final McpServer server = Fixtures.server();
  private final TestClient client = new TestClient(server);

  @AfterEach
  void close() {
    server.close();
  }

  @Test
  void anUnknownMethodIsNamedByAPrefix() throws Exception {
    JsonNode r = client.call(HUGE, Map.of());
    assertEquals(TestClient.parse("{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32601,\"message\":\"Method not found: " + CUT + "\"}}"), r);
  }

  @Test
  void anUnknownToolIsNamedByAPrefix() throws Exception {
    JsonNode r = client.call("tools/call", Map.of("name", HUGE));
    assertEquals("Unknown tool: " + CUT, r.get("error").get("message").asText());
  }

  @Test
  void anUnknownPromptIsNamedByAPrefix() throws Exception {
    JsonNode r = client.call("prompts/get", Map.of("name", "line\nbreak"));
    assertEquals("Unknown prompt: line?break", r.get("error").get("message").asText());
  }

  @Test
  void anUnknownResourceIsNamedByAPrefixInTheMessageAndInData() throws Exception {
    JsonNode r = client.call("resources/read", Map.of("uri", "test://" + HUGE));
    String cut = ("test://" + HUGE).substring(0, 128) + "\u2026";
    assertEquals("Resource not found: " + cut, r.get("error").get("message").asText());
    assertEquals(cut, r.get("error").get("data").get("uri").asText());
  }

  @Test
  void thousandsOfUnknownArgumentsGiveAShortAnswer() throws Exception {
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("text", "hi");
    for (int i = 0; i < 10_000; i++) {
      args.put("extra" + i + "-" + "k".repeat(200), i);
    }
    JsonNode r = client.call("tools/call", Map.of("name", "weather", "arguments", args));
    String text = r.get("result").get("content").get(0).get("text").asText();
    assertTrue(text.startsWith("Invalid arguments for tool 'weather': "), text);
    // 10,001 unknown arguments (text is not one of weather's) and a missing city: 20 named, the rest counted
    assertTrue(text.endsWith("; and 9983 more problems"), text.substring(Math.max(0, text.length() - 80)));
    assertTrue(text.length() < 4000, "a short answer: " + text.length());
  }
}
