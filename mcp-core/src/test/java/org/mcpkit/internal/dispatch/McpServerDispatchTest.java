package org.mcpkit.internal.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mcpkit.jsonrpc.JsonRpcError;
import org.mcpkit.jsonrpc.JsonRpcNotification;
import org.mcpkit.jsonrpc.JsonRpcRequest;
import org.mcpkit.jsonrpc.RequestId;
import org.mcpkit.protocol.Implementation;
import org.mcpkit.protocol.MissingCapabilityData;
import org.mcpkit.protocol.UnsupportedVersionData;
import org.mcpkit.server.McpServer;

class McpServerDispatchTest {
  private static final String SERVER_INFO =
      "\"_meta\":{\"io.modelcontextprotocol/serverInfo\":{\"name\":\"test-server\",\"version\":\"1.0.0\"}}";
  private final McpServer server = Fixtures.server();
  private final TestClient client = new TestClient(server);

  @AfterEach
  void close() {
    server.close();
  }

  private static void assertJson(String expected, JsonNode actual) {
    assertEquals(TestClient.parse(expected), actual, () -> "actual: " + actual);
  }

  @Test
  void discoverAdvertisesWhatIsRegistered() throws Exception {
    assertJson(
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"supportedVersions\":[\"2026-07-28\",\"2025-11-25\",\"2025-06-18\",\"2025-03-26\",\"2024-11-05\"],"
            + "\"capabilities\":{\"logging\":{},\"completions\":{},\"prompts\":{\"listChanged\":true},"
            + "\"resources\":{\"subscribe\":true,\"listChanged\":true},\"tools\":{\"listChanged\":true}},"
            + "\"instructions\":\"Be nice\",\"resultType\":\"complete\",\"ttlMs\":60000,"
            + "\"cacheScope\":\"public\","
            + SERVER_INFO
            + "}}",
        client.call("server/discover", Map.of()));
  }

  @Test
  void emptyServerAdvertisesNoFeatures() throws Exception {
    try (McpServer empty = McpServer.builder(Implementation.of("e", "1")).build()) {
      JsonNode r = new TestClient(empty).call("server/discover", Map.of());
      assertJson("{\"logging\":{}}", r.get("result").get("capabilities"));
      JsonNode tools = new TestClient(empty).call("tools/list", Map.of());
      assertEquals(-32601, tools.get("error").get("code").asInt());
    }
  }

  @Test
  void toolsListIsDeterministicAndTyped() throws Exception {
    JsonNode r = client.call("tools/list", Map.of()).get("result");
    List<String> names = names(r.get("tools"));
    assertEquals(
        List.of("weather", "echo", "boom", "progress", "needs_sampling", "slow", "ask", "rounds", "multi"),
        names);
    assertEquals(names, names(client.call("tools/list", Map.of()).get("result").get("tools")));
    assertJson(
        "{\"name\":\"weather\",\"description\":\"Forecast for a city\",\"inputSchema\":{\"type\":\"object\","
            + "\"properties\":{\"city\":{\"type\":\"string\",\"description\":\"City name\"},"
            + "\"days\":{\"type\":\"integer\",\"description\":\"Days ahead\"},"
            + "\"unit\":{\"type\":\"string\",\"enum\":[\"C\",\"F\"]}},"
            + "\"required\":[\"city\",\"days\"],\"additionalProperties\":false}}",
        r.get("tools").get(0));
    assertEquals("complete", r.get("resultType").asText());
    assertEquals(60000, r.get("ttlMs").asInt());
    assertEquals("public", r.get("cacheScope").asText());
    assertFalse(r.has("nextCursor"));
  }

  private static List<String> names(JsonNode array) {
    List<String> names = new java.util.ArrayList<>();
    array.forEach(t -> names.add(t.get("name").asText()));
    return names;
  }

  @Test
  void paginationWithOpaqueCursors() throws Exception {
    try (McpServer paged = Fixtures.builder().pageSize(4).build()) {
      TestClient c = new TestClient(paged);
      JsonNode p1 = c.call("tools/list", Map.of()).get("result");
      assertEquals(List.of("weather", "echo", "boom", "progress"), names(p1.get("tools")));
      String cursor = p1.get("nextCursor").asText();
      JsonNode p2 = c.call("tools/list", Map.of("cursor", cursor)).get("result");
      assertEquals(List.of("needs_sampling", "slow", "ask", "rounds"), names(p2.get("tools")));
      JsonNode p3 =
          c.call("tools/list", Map.of("cursor", p2.get("nextCursor").asText())).get("result");
      assertEquals(List.of("multi"), names(p3.get("tools")));
      assertFalse(p3.has("nextCursor"));
      JsonNode bad = c.call("tools/list", Map.of("cursor", "not-a-cursor"));
      assertJson(
          "{\"jsonrpc\":\"2.0\",\"id\":4,\"error\":{\"code\":-32602,\"message\":\"Invalid params: invalid cursor\"}}",
          bad);
    }
  }

  @Test
  void typedToolBindsArguments() throws Exception {
    assertJson(
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"Oslo in 2 days: sunny, F\"}],"
            + "\"resultType\":\"complete\","
            + SERVER_INFO
            + "}}",
        client.call(
            "tools/call", "{\"name\":\"weather\",\"arguments\":{\"city\":\"Oslo\",\"days\":2,\"unit\":\"F\"}}"));
  }

  @Test
  void invalidTypedArgumentsAreAToolError() throws Exception {
    JsonNode r =
        client.call("tools/call", "{\"name\":\"weather\",\"arguments\":{\"days\":\"2\",\"unit\":\"K\"}}");
    assertTrue(r.get("result").get("isError").asBoolean());
    assertEquals(
        "Invalid arguments for tool 'weather': missing required argument 'city'; "
            + "argument 'days' must be an integer; argument 'unit' must be one of [C, F]",
        r.get("result").get("content").get(0).get("text").asText());
  }

  @Test
  void rawSchemaToolGetsMapArguments() throws Exception {
    assertEquals(
        "hi",
        client
            .call("tools/call", "{\"name\":\"echo\",\"arguments\":{\"text\":\"hi\"}}")
            .get("result").get("content").get(0).get("text").asText());
  }

  @Test
  void rawSchemaToolArgumentsAreValidated() throws Exception {
    JsonNode r = client.call("tools/call", "{\"name\":\"echo\",\"arguments\":{\"text\":5,\"extra\":1}}");
    assertJson(
        "{\"content\":[{\"type\":\"text\",\"text\":\"Invalid arguments for tool 'echo': "
            + "argument 'text' must be a string\"}],\"isError\":true,\"resultType\":\"complete\","
            + SERVER_INFO
            + "}",
        r.get("result"));
  }

  @Test
  void busyServerAnswersAtOnce() throws Exception {
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
    try (McpServer one =
        McpServer.builder(Implementation.of("one", "1"))
            .maxConcurrentRequests(1)
            .tool(
                org.mcpkit.server.ToolSpec.of(
                    Fixtures.tool("hold"),
                    (ctx, args) -> {
                      started.countDown();
                      release.await();
                      return org.mcpkit.protocol.CallToolResult.text("done");
                    }))
            .build()) {
      TestClient c = new TestClient(one);
      RecordingSink first = c.send(c.request("tools/call", Map.of("name", "hold")));
      assertTrue(started.await(10, TimeUnit.SECONDS));
      assertJson(
          "{\"jsonrpc\":\"2.0\",\"id\":2,\"error\":{\"code\":-32603,\"message\":\"Server busy, retry later\"}}",
          c.call("tools/call", Map.of("name", "hold")));
      release.countDown();
      assertEquals("done", c.tree(first.await()).get("result").get("content").get(0).get("text").asText());
      assertEquals(
          "done",
          c.call("tools/call", Map.of("name", "hold")).get("result").get("content").get(0).get("text").asText());
    }
  }

  @Test
  void suppliedExecutorRunsHandlersAndIsNotShutDown() throws Exception {
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newSingleThreadExecutor(r -> new Thread(r, "user-pool"));
    try {
      try (McpServer s =
          McpServer.builder(Implementation.of("s", "1"))
              .executor(pool)
              .tool(
                  org.mcpkit.server.ToolSpec.of(
                      Fixtures.tool("where"),
                      (ctx, args) -> org.mcpkit.protocol.CallToolResult.text(Thread.currentThread().getName())))
              .build()) {
        assertEquals(
            "user-pool",
            new TestClient(s).call("tools/call", Map.of("name", "where"))
                .get("result").get("content").get(0).get("text").asText());
      }
      assertFalse(pool.isShutdown());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void unknownToolIsInvalidParams() throws Exception {
    assertJson(
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32602,\"message\":\"Unknown tool: nope\"}}",
        client.call("tools/call", "{\"name\":\"nope\"}"));
  }

  @Test
  void failingToolIsGenericToolErrorWithoutDetails() throws Exception {
    JsonNode r = client.call("tools/call", "{\"name\":\"boom\"}");
    assertJson(
        "{\"content\":[{\"type\":\"text\",\"text\":\"Tool 'boom' failed\"}],\"isError\":true,"
            + "\"resultType\":\"complete\","
            + SERVER_INFO
            + "}",
        r.get("result"));
    assertFalse(r.toString().contains("secret"));
  }

  @Test
  void missingMetaIsInvalidParams() {
    JsonRpcRequest noMeta = new JsonRpcRequest(RequestId.of(9), "tools/list", Map.of());
    assertEquals(
        Optional.of(JsonRpcError.of(-32602, "Invalid params: missing required _meta")),
        client.dispatcher.admit(noMeta, client.context).refusal());
    JsonRpcRequest noCaps =
        new JsonRpcRequest(
            RequestId.of(9),
            "tools/list",
            Map.of("_meta", Map.of("io.modelcontextprotocol/protocolVersion", "2026-07-28")));
    assertEquals(
        Optional.of(
            JsonRpcError.of(
                -32602,
                "Invalid params: missing required _meta field io.modelcontextprotocol/clientCapabilities")),
        client.dispatcher.admit(noCaps, client.context).refusal());
    JsonRpcRequest noVersion =
        new JsonRpcRequest(
            RequestId.of(9),
            "tools/list",
            Map.of("_meta", Map.of("io.modelcontextprotocol/clientCapabilities", Map.of())));
    assertEquals(
        Optional.of(
            JsonRpcError.of(
                -32602,
                "Invalid params: missing required _meta field io.modelcontextprotocol/protocolVersion")),
        client.dispatcher.admit(noVersion, client.context).refusal());
  }

  @Test
  void unknownLogLevelIsInvalidParams() throws Exception {
    JsonNode r =
        client.call("tools/list", Map.of("_meta", Map.of("io.modelcontextprotocol/logLevel", "loud")));
    assertEquals(-32602, r.get("error").get("code").asInt());
  }

  @Test
  void unsupportedVersionListsSupported() throws Exception {
    client.version = "v999.0.0";
    JsonRpcRequest r = client.request("server/discover", Map.of());
    assertEquals(
        Optional.of(
            new JsonRpcError(
                -32022,
                "Unsupported protocol version",
                new UnsupportedVersionData(
                    List.of("2026-07-28", "2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05"), "v999.0.0"))),
        client.dispatcher.admit(r, client.context).refusal());
    assertJson(
        "{\"jsonrpc\":\"2.0\",\"id\":2,\"error\":{\"code\":-32022,\"message\":\"Unsupported protocol version\","
            + "\"data\":{\"supported\":[\"2026-07-28\",\"2025-11-25\",\"2025-06-18\",\"2025-03-26\",\"2024-11-05\"],"
            + "\"requested\":\"v999.0.0\"}}}",
        client.call("server/discover", Map.of()));
  }

  @Test
  void unknownAndLegacyMethodsAreMethodNotFound() throws Exception {
    for (String m : List.of("unknown/method", "initialize", "ping", "logging/setLevel", "resources/subscribe")) {
      JsonNode r = client.call(m, Map.of());
      assertEquals(-32601, r.get("error").get("code").asInt(), m);
      assertEquals("Method not found: " + m, r.get("error").get("message").asText());
    }
  }

  @Test
  void missingClientCapabilityIsRejectedBeforeTheToolRuns() throws Exception {
    JsonRpcRequest r = client.request("tools/call", Map.of("name", "needs_sampling"));
    Optional<JsonRpcError> error = client.dispatcher.admit(r, client.context).refusal();
    assertEquals(-32021, error.get().code());
    assertJson(
        "{\"requiredCapabilities\":{\"sampling\":{}}}",
        TestClient.MAPPER.valueToTree(error.get().data()));
    assertTrue(error.get().data() instanceof MissingCapabilityData);
    client.capabilities = Map.of("sampling", Map.of());
    assertEquals(Optional.empty(), client.dispatcher.admit(client.request("tools/call", Map.of("name", "needs_sampling")), client.context).refusal());
    assertEquals(
        "ran",
        client.call("tools/call", Map.of("name", "needs_sampling"))
            .get("result").get("content").get(0).get("text").asText());
  }

  @Test
  void progressOnlyWithTokenAndStrictlyIncreasing() throws Exception {
    RecordingSink sink =
        client.send(
            client.request(
                "tools/call",
                Map.of("name", "progress", "_meta", Map.of("progressToken", "tok-1"))));
    assertEquals("finished", client.tree(sink.await()).get("result").get("content").get(0).get("text").asText());
    assertEquals(
        List.of(
            new JsonRpcNotification(
                "notifications/progress",
                Map.of("progressToken", "tok-1", "progress", 0.0, "total", 100.0, "message", "start")),
            new JsonRpcNotification(
                "notifications/progress",
                Map.of("progressToken", "tok-1", "progress", 50.0, "total", 100.0)),
            new JsonRpcNotification(
                "notifications/progress",
                Map.of("progressToken", "tok-1", "progress", 100.0, "total", 100.0, "message", "done"))),
        sink.notifications);
    RecordingSink none = client.send(client.request("tools/call", Map.of("name", "progress")));
    none.await();
    assertEquals(List.of(), none.notifications);
  }

  @Test
  void logMessagesOnlyAtOrAboveRequestedLevel() throws Exception {
    RecordingSink sink =
        client.send(
            client.request(
                "tools/call",
                Map.of("name", "progress", "_meta", Map.of("io.modelcontextprotocol/logLevel", "info"))));
    sink.await();
    assertEquals(
        List.of(
            new JsonRpcNotification(
                "notifications/message",
                Map.of("level", "warning", "logger", "app", "data", Map.of("w", 1)))),
        sink.notifications);
  }

  @Test
  void resourcesListTemplatesAndRead() throws Exception {
    JsonNode list = client.call("resources/list", Map.of()).get("result");
    assertJson("[{\"uri\":\"test://static\",\"name\":\"static\"}]", list.get("resources"));
    JsonNode templates = client.call("resources/templates/list", Map.of()).get("result");
    assertJson(
        "[{\"uriTemplate\":\"test://items/{id}\",\"name\":\"item\",\"mimeType\":\"text/plain\"}]",
        templates.get("resourceTemplates"));
    assertJson(
        "{\"contents\":[{\"uri\":\"test://static\",\"mimeType\":\"text/plain\",\"text\":\"static text\"}],"
            + "\"resultType\":\"complete\",\"ttlMs\":0,\"cacheScope\":\"private\","
            + SERVER_INFO
            + "}",
        client.call("resources/read", Map.of("uri", "test://static")).get("result"));
    assertEquals(
        "item 42",
        client.call("resources/read", Map.of("uri", "test://items/42"))
            .get("result").get("contents").get(0).get("text").asText());
  }

  @Test
  void missingResourceIsInvalidParamsWithUri() throws Exception {
    for (String uri : List.of("test://nothing", "test://items/404")) {
      assertJson(
          "{\"code\":-32602,\"message\":\"Resource not found: " + uri + "\",\"data\":{\"uri\":\"" + uri + "\"}}",
          client.call("resources/read", Map.of("uri", uri)).get("error"));
    }
  }

  @Test
  void promptsWithRequiredArgumentsAndCompletion() throws Exception {
    assertJson(
        "{\"messages\":[{\"role\":\"user\",\"content\":{\"type\":\"text\",\"text\":\"Hello Ann\"}}],"
            + "\"resultType\":\"complete\","
            + SERVER_INFO
            + "}",
        client.call("prompts/get", "{\"name\":\"greet\",\"arguments\":{\"name\":\"Ann\"}}").get("result"));
    assertJson(
        "{\"code\":-32602,\"message\":\"Missing required argument: name\"}",
        client.call("prompts/get", "{\"name\":\"greet\"}").get("error"));
    assertJson(
        "{\"code\":-32602,\"message\":\"Unknown prompt: nope\"}",
        client.call("prompts/get", "{\"name\":\"nope\"}").get("error"));
    assertJson(
        "{\"completion\":{\"values\":[\"Alice\",\"Albert\"]},\"resultType\":\"complete\"," + SERVER_INFO + "}",
        client.call(
                "completion/complete",
                "{\"ref\":{\"type\":\"ref/prompt\",\"name\":\"greet\"},\"argument\":{\"name\":\"name\",\"value\":\"Al\"}}")
            .get("result"));
  }

  @Test
  void malformedParamsAreInvalidParams() throws Exception {
    assertJson(
        "{\"code\":-32602,\"message\":\"Invalid params\"}",
        client.call("tools/call", "{\"arguments\":{}}").get("error"));
  }

  @Test
  void cancellationInterruptsTheHandlerAndSilencesTheCall() throws Exception {
    RecordingSink sink = client.send(client.request("tools/call", Map.of("name", "slow")));
    assertTrue(Fixtures.SLOW_STARTED.await(10, TimeUnit.SECONDS));
    client.dispatcher.notification(
        new JsonRpcNotification("notifications/cancelled", Map.of("requestId", 1, "reason", "user")),
        client.context);
    // a later request completes normally while the cancelled one never answers
    assertEquals("hi", client.call("tools/call", "{\"name\":\"echo\",\"arguments\":{\"text\":\"hi\"}}")
        .get("result").get("content").get(0).get("text").asText());
    assertFalse(sink.response.isDone());
    assertEquals(0, sink.responses);
  }

  @Test
  void runtimeRegistrationChangesTheList() throws Exception {
    server.removeTool("boom");
    assertFalse(names(client.call("tools/list", Map.of()).get("result").get("tools")).contains("boom"));
    server.addTool(
        org.mcpkit.server.ToolSpec.of(
            Fixtures.tool("late"), (ctx, args) -> org.mcpkit.protocol.CallToolResult.text("late")));
    List<String> names = names(client.call("tools/list", Map.of()).get("result").get("tools"));
    assertEquals("late", names.get(names.size() - 1));
    assertTrue(server.removeResourceTemplate("test://items/{id}"));
    assertFalse(server.removeResourceTemplate("test://items/{id}"));
    assertEquals(0, client.call("resources/templates/list", Map.of()).get("result").get("resourceTemplates").size());
    assertEquals(-32602, client.call("resources/read", Map.of("uri", "test://items/1")).get("error").get("code").asInt());
  }
}
