package org.mcpkit.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.mcpkit.internal.dispatch.InMemoryNotificationBus;
import org.mcpkit.internal.dispatch.ServerImpl;
import org.mcpkit.internal.json.Json;
import org.mcpkit.protocol.ClientCapabilities;
import org.mcpkit.protocol.Implementation;
import org.mcpkit.protocol.LoggingLevel;
import org.mcpkit.server.McpServer;
import org.mcpkit.server.http.HttpEndpointOptions;
import org.mcpkit.server.http.McpHttpEndpoint;
import org.mcpkit.internal.dispatch.SessionState;
import org.mcpkit.server.http.SessionStore;
import org.mcpkit.testing.ManualTime;
import org.mcpkit.testing.ContractServer;
import org.mcpkit.testing.FakeHttpExchange;

/** Sessions behind the {@link SessionStore} interface: roaming between instances, expiry, memory. */
class SharedSessionStoreTest {
  private static final String INIT =
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\","
          + "\"capabilities\":{},\"clientInfo\":{\"name\":\"c\",\"version\":\"1\"}}}";

  private static FakeHttpExchange.Head post(McpHttpEndpoint endpoint, String body, String session) throws Exception {
    Map<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    h.put("Content-Type", List.of("application/json"));
    h.put("Accept", List.of("application/json, text/event-stream"));
    h.put("Host", List.of("127.0.0.1:8080"));
    if (session != null) {
      h.put("Mcp-Session-Id", List.of(session));
    }
    FakeHttpExchange ex = new FakeHttpExchange("POST", "/mcp", h, body.getBytes(StandardCharsets.UTF_8));
    endpoint.service(ex);
    return ex.head.get(10, TimeUnit.SECONDS);
  }

  private static FakeHttpExchange.Head delete(McpHttpEndpoint endpoint, String session) throws Exception {
    Map<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    h.put("Host", List.of("127.0.0.1:8080"));
    h.put("Mcp-Session-Id", List.of(session));
    FakeHttpExchange ex = new FakeHttpExchange("DELETE", "/mcp", h, new byte[0]);
    endpoint.service(ex);
    return ex.head.get(10, TimeUnit.SECONDS);
  }

  @Test
  void anyInstanceServesASessionFromASharedStore() throws Exception {
    SessionStore shared = SessionStore.inMemory();
    ContractServer a = new ContractServer();
    ContractServer b = new ContractServer();
    HttpEndpointOptions options = HttpEndpointOptions.builder().sessionStore(shared).build();
    McpHttpEndpoint first = McpHttpEndpoint.create(a.server, options);
    McpHttpEndpoint second = McpHttpEndpoint.create(b.server, options);
    try {
      String session = post(first, INIT, null).headers().get("Mcp-Session-Id").get(0);
      assertEquals(200, post(second, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}", session).status());
      assertEquals(200, post(second, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"logging/setLevel\",\"params\":{\"level\":\"warning\"}}", session).status());
      assertEquals(LoggingLevel.WARNING, Records.state(shared.find(session).orElseThrow()).logLevel());
      assertEquals("2025-11-25", Records.state(shared.find(session).orElseThrow()).protocolVersion());
      assertEquals(200, delete(first, session).status());
      assertEquals(404, post(second, "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/list\"}", session).status());
      assertEquals(0, shared.count());
    } finally {
      first.close();
      second.close();
      a.server.close();
      b.server.close();
    }
  }

  @Test
  void sessionStateIsJson() throws Exception {
    ObjectMapper m = Json.mapper();
    SessionState state =
        new SessionState("2025-06-18", Implementation.of("c", "1"), ClientCapabilities.none(),
            LoggingLevel.INFO, "alice", Set.of("test://a"), Instant.parse("2026-11-24T10:00:00Z").toEpochMilli(), true);
    String json = m.writeValueAsString(state);
    assertEquals(
        "{\"protocolVersion\":\"2025-06-18\",\"clientInfo\":{\"name\":\"c\",\"version\":\"1\"},\"clientCapabilities\":{},"
            + "\"logLevel\":\"info\",\"principal\":\"alice\",\"subscriptions\":[\"test://a\"],\"createdAt\":1795514400000,"
            + "\"initialized\":true}",
        json);
    assertEquals(state, m.readValue(json, SessionState.class));
  }

  @Test
  void tenThousandIdleSessionsAreCheap() throws Exception {
    InMemoryNotificationBus bus = new InMemoryNotificationBus();
    McpServer server = McpServer.builder(Implementation.of("many", "1")).notificationBus(bus).build();
    McpHttpEndpoint endpoint =
        McpHttpEndpoint.create(server, HttpEndpointOptions.builder().maxSessions(20_000).build());
    try {
      Runtime runtime = Runtime.getRuntime();
      System.gc();
      long before = runtime.totalMemory() - runtime.freeMemory();
      for (int i = 0; i < 10_000; i++) {
        assertEquals(200, post(endpoint, INIT, null).status());
      }
      System.gc();
      long after = runtime.totalMemory() - runtime.freeMemory();
      long perSession = (after - before) / 10_000;
      System.err.printf("10000 idle sessions: ~%d bytes of heap per session%n", perSession);
      assertEquals(10_000, endpoint.sessionCount());
      ServerImpl impl = (ServerImpl) server;
      assertEquals(10_000, impl.legacySessionCount());
      assertEquals(1, bus.subscriberCount(), "one bus subscription serves every session");
      assertTrue(perSession < 16 * 1024, "heap per session: " + perSession);
    } finally {
      endpoint.close();
      server.close();
    }
  }

  @Test
  void expiredSessionsLeaveNothingBehind() throws Exception {
    InMemoryNotificationBus bus = new InMemoryNotificationBus();
    McpServer server = McpServer.builder(Implementation.of("many", "1")).notificationBus(bus).build();
    ManualTime time = new ManualTime();
    McpHttpEndpoint endpoint =
        McpHttpEndpoint.create(server, HttpEndpointOptions.builder().sessionIdleTimeout(Duration.ofMinutes(30))
            .clock(time.clock()).scheduler(time.scheduler()).build());
    try {
      for (int i = 0; i < 500; i++) {
        assertEquals(200, post(endpoint, INIT, null).status());
      }
      ServerImpl impl = (ServerImpl) server;
      assertEquals(500, endpoint.sessionCount());
      assertEquals(500, impl.legacySessionCount());
      time.advance(Duration.ofMinutes(29));
      assertEquals(500, endpoint.sessionCount(), "not idle long enough yet");
      time.advance(Duration.ofMinutes(2)); // the sweep runs every minute
      assertEquals(0, endpoint.sessionCount());
      assertEquals(0, impl.legacySessionCount(), "expired sessions leave nothing registered for notifications");
      server.close();
      assertEquals(0, bus.subscriberCount(), "a closed server leaves no bus subscription behind");
    } finally {
      endpoint.close();
      server.close();
      time.close();
    }
  }
}
