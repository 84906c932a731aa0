package org.mcpkit.internal.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mcpkit.jsonrpc.JsonRpcMessage;
import org.mcpkit.jsonrpc.JsonRpcNotification;
import org.mcpkit.jsonrpc.JsonRpcRequest;
import org.mcpkit.jsonrpc.JsonRpcSuccess;
import org.mcpkit.jsonrpc.RequestId;
import org.mcpkit.server.McpServer;

/** 2025-era clients on the same server: initialize, session state, server-to-client requests. */
class LegacyEraTest {
  private final McpServer server = Fixtures.builder().clientRequestTimeout(Duration.ofSeconds(10)).build();
  private final Dispatcher dispatcher = Dispatchers.of(server);
  private final TransportContext context = TransportContext.anonymous();
  private final BlockingQueue<JsonRpcMessage> sessionOut = new LinkedBlockingQueue<>();
  private long ids;

  LegacyEraTest() {
    context.connection().outbound(sessionOut::add);
  }

  @AfterEach
  void close() {
    server.close();
  }

  private RecordingSink send(String method, String paramsJson) {
    RecordingSink sink = new RecordingSink();
    dispatcher.dispatch(
        new JsonRpcRequest(RequestId.of(++ids), method, TestClient.json(paramsJson)), context, sink);
    return sink;
  }

  private JsonNode call(String method, String paramsJson) throws Exception {
    return tree(send(method, paramsJson).await());
  }

  private JsonNode tree(JsonRpcMessage m) throws Exception {
    return TestClient.MAPPER.readTree(dispatcher.codec().encode(m));
  }

  private JsonNode initialize(String version, String capabilities) throws Exception {
    JsonNode r =
        call(
            "initialize",
            "{\"protocolVersion\":\"" + version + "\",\"capabilities\":" + capabilities
                + ",\"clientInfo\":{\"name\":\"old-client\",\"version\":\"1\"}}");
    dispatcher.notification(new JsonRpcNotification("notifications/initialized", Map.of()), context);
    return r;
  }

  @Test
  void initializeNegotiatesAndAnswersInTheLegacyShape() throws Exception {
    assertEquals(
        TestClient.parse(
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"protocolVersion\":\"2025-06-18\","
                + "\"capabilities\":{\"logging\":{},\"completions\":{},\"prompts\":{\"listChanged\":true},"
                + "\"resources\":{\"subscribe\":true,\"listChanged\":true},\"tools\":{\"listChanged\":true}},"
                + "\"serverInfo\":{\"name\":\"test-server\",\"version\":\"1.0.0\"},\"instructions\":\"Be nice\"}}"),
        initialize("2025-06-18", "{}"));
    assertEquals("2025-06-18", context.session().version().id());
    assertTrue(context.session().initialized());
    assertEquals(27, context.session().id().length(), "160 random bits, base64url");
    assertTrue(context.session().id().chars().allMatch(c -> c >= 0x21 && c <= 0x7e));
  }

  @Test
  void unknownRequestedVersionGetsTheNewestLegacyOne() throws Exception {
    assertEquals(
        "2025-11-25", initialize("1999-01-01", "{}").get("result").get("protocolVersion").asText());
    context.connection().session(null); // a new connection
    assertEquals(
        "2025-11-25", initialize("2026-07-28", "{}").get("result").get("protocolVersion").asText());
  }

  @Test
  void aSecondInitializeIsRefusedAndTheSessionStaysAsItWas() throws Exception {
    initialize("2025-06-18", "{\"roots\":{}}");
    LegacySession first = context.session();
    assertEquals(
        TestClient.MAPPER.readTree("{\"jsonrpc\":\"2.0\",\"id\":2,\"error\":{\"code\":-32600,"
            + "\"message\":\"Invalid request: the session is already initialized\"}}"),
        initialize("2025-11-25", "{}"));
    assertSame(first, context.session());
    assertEquals("2025-06-18", context.session().version().id());
    assertTrue(context.session().capabilities().hasRoots());
  }

  @Test
  void the20241105RevisionIsNegotiatedAndTakesBatches() throws Exception {
    assertEquals(
        "2024-11-05", initialize("2024-11-05", "{}").get("result").get("protocolVersion").asText());
    assertEquals(org.mcpkit.protocol.ProtocolVersion.V2024_11_05, context.session().version());
    assertTrue(context.session().version().acceptsBatches());
    assertTrue(context.session().version().isLegacy());
    assertFalse(org.mcpkit.protocol.ProtocolVersion.V2025_06_18.acceptsBatches());
  }

  @Test
  void legacyResultsCarryNoModernEnvelope() throws Exception {
    initialize("2025-11-25", "{}");
    JsonNode r = call("tools/list", "{}").get("result");
    assertFalse(r.has("resultType"));
    assertFalse(r.has("ttlMs"));
    assertFalse(r.has("_meta"));
    assertEquals("weather", r.get("tools").get(0).get("name").asText());
    assertEquals(
        TestClient.parse("{\"content\":[{\"type\":\"text\",\"text\":\"hi\"}]}"),
        call("tools/call", "{\"name\":\"echo\",\"arguments\":{\"text\":\"hi\"}}").get("result"));
  }

  @Test
  void pingSetLevelAndUnknownMethods() throws Exception {
    initialize("2025-11-25", "{}");
    assertEquals(TestClient.parse("{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{}}"), call("ping", "{}"));
    assertEquals(TestClient.parse("{}"), call("logging/setLevel", "{\"level\":\"debug\"}").get("result"));
    assertEquals(-32602, call("logging/setLevel", "{\"level\":\"loud\"}").get("error").get("code").asInt());
    for (String m : List.of("subscriptions/listen", "server/discover", "nope")) {
      assertEquals(-32601, call(m, "{}").get("error").get("code").asInt(), m);
    }
  }

  @Test
  void missingResourceIsMinus32002() throws Exception {
    initialize("2025-11-25", "{}");
    assertEquals(
        TestClient.parse(
            "{\"code\":-32002,\"message\":\"Resource not found: test://none\",\"data\":{\"uri\":\"test://none\"}}"),
        call("resources/read", "{\"uri\":\"test://none\"}").get("error"));
  }

  @Test
  void theSameToolElicitsThroughARealServerRequest() throws Exception {
    initialize("2025-11-25", "{\"elicitation\":{}}");
    BlockingQueue<JsonRpcRequest> outbound = new LinkedBlockingQueue<>();
    RecordingSink sink =
        new RecordingSink() {
          @Override
          public boolean request(JsonRpcRequest request) {
            outbound.add(request);
            return true;
          }
        };
    dispatcher.dispatch(
        new JsonRpcRequest(RequestId.of(50), "tools/call", Map.of("name", "ask")), context, sink);
    JsonRpcRequest ask = outbound.poll(10, TimeUnit.SECONDS);
    assertEquals("elicitation/create", ask.method());
    assertEquals(
        TestClient.parse(
            "{\"message\":\"What is your name?\",\"requestedSchema\":{\"type\":\"object\","
                + "\"properties\":{\"name\":{\"type\":\"string\"}},\"required\":[\"name\"]}}"),
        TestClient.MAPPER.valueToTree(ask.params()));
    assertFalse(sink.response.isDone());
    assertTrue(
        dispatcher.clientResponse(
            new JsonRpcSuccess(ask.id(), Map.of("action", "accept", "content", Map.of("name", "Alice"))),
            context));
    assertEquals(
        TestClient.parse(
            "{\"jsonrpc\":\"2.0\",\"id\":50,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"Hello, Alice!\"}]}}"),
        tree(sink.await()));
    assertFalse(dispatcher.clientResponse(new JsonRpcSuccess(ask.id(), Map.of()), context));
  }

  @Test
  void elicitationWithoutTheCapabilityIsRefused() throws Exception {
    initialize("2025-11-25", "{}");
    assertEquals(-32021, call("tools/call", "{\"name\":\"ask\"}").get("error").get("code").asInt());
  }

  @Test
  void unansweredServerRequestTimesOutLocally() throws Exception {
    try (McpServer quick = Fixtures.builder().clientRequestTimeout(Duration.ofMillis(200)).build()) {
      Dispatcher d = Dispatchers.of(quick);
      TransportContext ctx = TransportContext.anonymous();
      RecordingSink init = new RecordingSink();
      d.dispatch(
          new JsonRpcRequest(
              RequestId.of(1),
              "initialize",
              TestClient.json(
                  "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{\"elicitation\":{}},"
                      + "\"clientInfo\":{\"name\":\"c\",\"version\":\"1\"}}")),
          ctx,
          init);
      init.await();
      d.notification(new JsonRpcNotification("notifications/initialized", Map.of()), ctx);
      RecordingSink sink =
          new RecordingSink() {
            @Override
            public boolean request(JsonRpcRequest request) {
              return true;
            }
          };
      d.dispatch(new JsonRpcRequest(RequestId.of(2), "tools/call", Map.of("name", "ask")), ctx, sink);
      assertEquals(
          TestClient.parse(
              "{\"jsonrpc\":\"2.0\",\"id\":2,\"error\":{\"code\":-32603,"
                  + "\"message\":\"No answer to elicitation/create within 200 ms\"}}"),
          TestClient.MAPPER.readTree(d.codec().encode(sink.await())));
      assertEquals("notifications/cancelled", sink.notifications.get(0).method());
    }
  }

  @Test
  void logLevelIsSessionWide() throws Exception {
    initialize("2025-11-25", "{}");
    RecordingSink all = send("tools/call", "{\"name\":\"progress\"}");
    all.await();
    assertEquals(2, all.notifications.size());
    call("logging/setLevel", "{\"level\":\"warning\"}");
    RecordingSink warnings = send("tools/call", "{\"name\":\"progress\"}");
    warnings.await();
    assertEquals(
        List.of(
            new JsonRpcNotification(
                "notifications/message", Map.of("level", "warning", "logger", "app", "data", Map.of("w", 1)))),
        warnings.notifications);
  }

  @Test
  void subscriptionsAndListChangesGoToTheSession() throws Exception {
    initialize("2025-11-25", "{}");
    call("resources/subscribe", "{\"uri\":\"test://static\"}");
    server.notifyResourceUpdated("test://static");
    server.notifyResourceUpdated("test://other");
    assertEquals(
        new JsonRpcNotification("notifications/resources/updated", Map.of("uri", "test://static")),
        sessionOut.poll(10, TimeUnit.SECONDS));
    call("resources/unsubscribe", "{\"uri\":\"test://static\"}");
    server.notifyResourceUpdated("test://static");
    server.removeTool("boom");
    assertEquals(
        new JsonRpcNotification("notifications/tools/list_changed", Map.of()),
        sessionOut.poll(10, TimeUnit.SECONDS));
    assertTrue(sessionOut.isEmpty());
  }

  @Test
  void modernRequestInALegacySessionIsServedStatelessly() throws Exception {
    initialize("2025-11-25", "{}");
    JsonNode r =
        call(
            "tools/list",
            "{\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
                + "\"io.modelcontextprotocol/clientCapabilities\":{}}}");
    assertEquals("complete", r.get("result").get("resultType").asText());
  }

  @Test
  void endingTheSessionStopsItsNotifications() throws Exception {
    initialize("2025-11-25", "{}");
    dispatcher.endSession(context);
    server.removeTool("boom");
    assertEquals(null, context.session());
    assertTrue(sessionOut.isEmpty());
    assertEquals(-32602, call("tools/list", "{}").get("error").get("code").asInt());
  }
}
