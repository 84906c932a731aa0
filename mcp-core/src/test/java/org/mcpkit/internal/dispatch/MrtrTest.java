package org.mcpkit.internal.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mcpkit.server.McpServer;

class MrtrTest {
  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-24T10:00:00Z"));
  private final Clock clock =
      new Clock() {
        @Override
        public ZoneOffset getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now.get();
        }
      };
  private final McpServer server = Fixtures.server(clock);
  private final TestClient client = new TestClient(server);

  MrtrTest() {
    client.capabilities =
        Map.of("elicitation", Map.of(), "roots", Map.of(), "sampling", Map.of());
  }

  @AfterEach
  void close() {
    server.close();
  }

  private JsonNode callAsk(Map<String, Object> extra) throws Exception {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("name", "ask");
    params.putAll(extra);
    return client.call("tools/call", params);
  }

  @Test
  void firstRoundAsksSecondRoundCompletes() throws Exception {
    JsonNode r1 = callAsk(Map.of()).get("result");
    assertEquals("input_required", r1.get("resultType").asText());
    assertEquals(
        TestClient.parse(
            "{\"user_name\":{\"method\":\"elicitation/create\",\"params\":{\"message\":\"What is your name?\","
                + "\"requestedSchema\":{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"}},\"required\":[\"name\"]}}}}"),
        r1.get("inputRequests"));
    assertTrue(r1.get("requestState").asText().startsWith("h1."));
    assertFalse(r1.has("ttlMs"));
    String state = r1.get("requestState").asText();
    JsonNode r2 =
        callAsk(
            Map.of(
                "requestState", state,
                "inputResponses",
                Map.of("user_name", Map.of("action", "accept", "content", Map.of("name", "Alice")))));
    assertEquals(
        TestClient.parse(
            "{\"content\":[{\"type\":\"text\",\"text\":\"Hello, Alice!\"}],\"resultType\":\"complete\","
                + "\"_meta\":{\"io.modelcontextprotocol/serverInfo\":{\"name\":\"test-server\",\"version\":\"1.0.0\"}}}"),
        r2.get("result"));
  }

  @Test
  void answersWithoutStateComplete() throws Exception {
    JsonNode r =
        callAsk(
            Map.of(
                "inputResponses",
                Map.of(
                    "user_name", Map.of("action", "accept", "content", Map.of("name", "Bo")),
                    "unknown_extra_key", Map.of("x", 1))));
    assertEquals("Hello, Bo!", r.get("result").get("content").get(0).get("text").asText());
  }

  @Test
  void wrongKeyOrNullResponsesAskAgain() throws Exception {
    JsonNode wrong = callAsk(Map.of("inputResponses", Map.of("wrong_key", Map.of("action", "accept"))));
    assertEquals("input_required", wrong.get("result").get("resultType").asText());
    Map<String, Object> nullResponses = new LinkedHashMap<>();
    nullResponses.put("inputResponses", null);
    JsonNode asNull = callAsk(nullResponses);
    assertEquals("input_required", asNull.get("result").get("resultType").asText());
  }

  @Test
  void malformedResponseIsInvalidParams() throws Exception {
    JsonNode r = callAsk(Map.of("inputResponses", Map.of("user_name", 12345)));
    assertEquals(
        TestClient.parse(
            "{\"code\":-32602,\"message\":\"Invalid params: malformed input response 'user_name'\"}"),
        r.get("error"));
  }

  @Test
  void tamperedStateIsRejected() throws Exception {
    String state = callAsk(Map.of()).get("result").get("requestState").asText();
    JsonNode r =
        callAsk(
            Map.of(
                "requestState", state + "-TAMPERED",
                "inputResponses",
                Map.of("user_name", Map.of("action", "accept", "content", Map.of("name", "A")))));
    assertEquals(
        TestClient.parse(
            "{\"code\":-32602,\"message\":\"Invalid params: requestState failed verification\"}"),
        r.get("error"));
  }

  @Test
  void stateIsBoundToToolAndArguments() throws Exception {
    String state = callAsk(Map.of()).get("result").get("requestState").asText();
    JsonNode otherTool =
        client.call("tools/call", Map.of("name", "rounds", "requestState", state));
    assertEquals(
        "Invalid params: requestState does not match this request",
        otherTool.get("error").get("message").asText());
    JsonNode otherArgs = callAsk(Map.of("requestState", state, "arguments", Map.of("x", 1)));
    assertEquals(
        "Invalid params: requestState does not match this request",
        otherArgs.get("error").get("message").asText());
  }

  @Test
  void stateExpires() throws Exception {
    String state = callAsk(Map.of()).get("result").get("requestState").asText();
    now.set(now.get().plus(Duration.ofMinutes(11)));
    JsonNode r = callAsk(Map.of("requestState", state));
    assertEquals("Invalid params: requestState expired", r.get("error").get("message").asText());
  }

  @Test
  void multiRoundCarriesEarlierAnswersInTheState() throws Exception {
    JsonNode r1 = client.call("tools/call", Map.of("name", "rounds")).get("result");
    assertEquals("[\"name\"]", TestClient.MAPPER.valueToTree(keys(r1.get("inputRequests"))).toString());
    String s1 = r1.get("requestState").asText();
    JsonNode r2 =
        client.call(
                "tools/call",
                Map.of(
                    "name", "rounds",
                    "requestState", s1,
                    "inputResponses",
                    Map.of("name", Map.of("action", "accept", "content", Map.of("name", "Alice")))))
            .get("result");
    assertEquals("input_required", r2.get("resultType").asText());
    assertEquals("[\"color\"]", TestClient.MAPPER.valueToTree(keys(r2.get("inputRequests"))).toString());
    String s2 = r2.get("requestState").asText();
    assertNotEquals(s1, s2);
    JsonNode r3 =
        client.call(
                "tools/call",
                Map.of(
                    "name", "rounds",
                    "requestState", s2,
                    "inputResponses",
                    Map.of("color", Map.of("action", "accept", "content", Map.of("color", "blue")))))
            .get("result");
    assertEquals("Alice likes blue", r3.get("content").get(0).get("text").asText());
  }

  private static java.util.List<String> keys(JsonNode node) {
    java.util.List<String> keys = new java.util.ArrayList<>();
    node.fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  @Test
  void severalInputsAreAskedInOneRound() throws Exception {
    JsonNode r1 = client.call("tools/call", Map.of("name", "multi")).get("result");
    assertEquals(java.util.Set.of("e", "r"), new java.util.HashSet<>(keys(r1.get("inputRequests"))));
    assertEquals(
        TestClient.parse("{\"method\":\"roots/list\"}"), r1.get("inputRequests").get("r"));
    JsonNode r2 =
        client.call(
                "tools/call",
                Map.of(
                    "name", "multi",
                    "requestState", r1.get("requestState").asText(),
                    "inputResponses",
                    Map.of(
                        "e", Map.of("action", "decline"),
                        "r", Map.of("roots", java.util.List.of(Map.of("uri", "file:///a"))))))
            .get("result");
    assertEquals("decline 1", r2.get("content").get(0).get("text").asText());
  }

  @Test
  void undeclaredElicitationIsMissingCapability() throws Exception {
    client.capabilities = Map.of("sampling", Map.of());
    JsonNode r = callAsk(Map.of());
    assertEquals(
        TestClient.parse(
            "{\"code\":-32021,\"message\":\"Missing required client capability\","
                + "\"data\":{\"requiredCapabilities\":{\"elicitation\":{\"form\":{}}}}}"),
        r.get("error"));
  }

  // Where input may be requested (and where not) is proven in
  // DispatchGapsTest#onlyToolsResourcesAndPromptsMayAskForInput.
}
