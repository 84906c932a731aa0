package org.mcpkit.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mcpkit.server.http.HttpEndpointOptions;
import org.mcpkit.server.http.McpHttpEndpoint;
import org.mcpkit.testing.ContractServer;
import org.mcpkit.testing.FakeHttpExchange;

/** 2025-era sessions over HTTP: principal binding, the session cap and idle expiry. */
class LegacySessionsHttpTest {
  private static final ObjectMapper M = new ObjectMapper();
  private final ContractServer fixture = new ContractServer();
  private McpHttpEndpoint endpoint;

  @AfterEach
  void close() {
    endpoint.close();
    fixture.server.close();
  }

  private FakeHttpExchange.Head post(String body, String session, String user) throws Exception {
    Map<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    h.put("Content-Type", List.of("application/json"));
    h.put("Accept", List.of("application/json, text/event-stream"));
    h.put("Host", List.of("127.0.0.1:8080"));
    if (session != null) {
      h.put("Mcp-Session-Id", List.of(session));
    }
    Principal p = user == null ? null : () -> user;
    FakeHttpExchange ex =
        new FakeHttpExchange("POST", "/mcp", h, body.getBytes(StandardCharsets.UTF_8), p);
    endpoint.service(ex);
    return ex.head.get(10, TimeUnit.SECONDS);
  }

  private static final String INIT =
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\","
          + "\"capabilities\":{},\"clientInfo\":{\"name\":\"c\",\"version\":\"1\"}}}";
  private static final String LIST = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}";

  @Test
  void aSessionIsBoundToThePrincipalThatCreatedIt() throws Exception {
    endpoint = McpHttpEndpoint.create(fixture.server);
    FakeHttpExchange.Head init = post(INIT, null, "alice");
    String session = init.headers().get("Mcp-Session-Id").get(0);
    assertEquals(200, post(LIST, session, "alice").status());
    for (String intruder : new String[] {"mallory", null}) {
      LegacyHttp.Reply r = LegacyHttp.post(endpoint, LIST, session, intruder);
      assertEquals(404, r.status());
      assertEquals(M.readTree(NOT_FOUND), r.json(), "answered like an unknown id");
    }
  }

  private static final String NOT_FOUND =
      "{\"jsonrpc\":\"2.0\",\"id\":2,\"error\":{\"code\":-32600,\"message\":\"Session not found\"}}";

  @Test
  void anUnsupportedProtocolVersionHeaderIs400AndASupportedDifferentOneIsServed() throws Exception {
    endpoint = McpHttpEndpoint.create(fixture.server);
    String session = post(INIT, null, null).headers().get("Mcp-Session-Id").get(0);
    LegacyHttp.Reply bad = LegacyHttp.post(endpoint, LIST, session, null, "MCP-Protocol-Version", "2099-01-01");
    assertEquals(400, bad.status());
    assertEquals(M.readTree("{\"jsonrpc\":\"2.0\",\"id\":2,\"error\":{\"code\":-32600,"
        + "\"message\":\"Bad request: unsupported MCP-Protocol-Version\"}}"), bad.json());
    LegacyHttp.Reply older = LegacyHttp.post(endpoint, LIST, session, null, "MCP-Protocol-Version", "2025-03-26");
    assertEquals(200, older.status(), "a supported version other than the negotiated one is accepted");
    assertEquals("echo", older.json().get("result").get("tools").get(0).get("name").asText());
    assertEquals(200, LegacyHttp.post(endpoint, LIST, session, null).status(), "absent: 2025-03-26 semantics");
  }

  @Test
  void batchesAreAnsweredWhen20250326WasNegotiated() throws Exception {
    endpoint = McpHttpEndpoint.create(fixture.server);
    String old = post(INIT.replace("2025-11-25", "2025-03-26"), null, null).headers().get("Mcp-Session-Id").get(0);
    Map<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    h.put("Content-Type", List.of("application/json"));
    h.put("Accept", List.of("application/json, text/event-stream"));
    h.put("Host", List.of("127.0.0.1:8080"));
    h.put("Mcp-Session-Id", List.of(old));
    FakeHttpExchange ex =
        new FakeHttpExchange("POST", "/mcp", h,
            ("[{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"ping\"},"
                + "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"},"
                + "{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"arguments\":{\"text\":\"b\"}}}]")
                .getBytes(StandardCharsets.UTF_8));
    java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
    java.util.concurrent.CompletableFuture<Void> done = new java.util.concurrent.CompletableFuture<>();
    endpoint.service(ex);
    assertEquals(200, ex.head.get(10, TimeUnit.SECONDS).status());
    ex.subscribe(new java.util.concurrent.Flow.Subscriber<List<java.nio.ByteBuffer>>() {
      @Override public void onSubscribe(java.util.concurrent.Flow.Subscription s) { s.request(Long.MAX_VALUE); }
      @Override public void onNext(List<java.nio.ByteBuffer> items) {
        for (java.nio.ByteBuffer b : items) {
          byte[] bytes = new byte[b.remaining()];
          b.get(bytes);
          body.write(bytes, 0, bytes.length);
        }
      }
      @Override public void onError(Throwable t) { done.completeExceptionally(t); }
      @Override public void onComplete() { done.complete(null); }
    });
    done.get(10, TimeUnit.SECONDS);
    assertEquals(
        M.readTree("[{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{}},"
            + "{\"jsonrpc\":\"2.0\",\"id\":8,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"b\"}]}}]"),
        M.readTree(body.toByteArray()));
    String modern = post(INIT, null, null).headers().get("Mcp-Session-Id").get(0);
    h.put("Mcp-Session-Id", List.of(modern));
    FakeHttpExchange refused = new FakeHttpExchange("POST", "/mcp", h,
        "[{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"ping\"}]".getBytes(StandardCharsets.UTF_8));
    endpoint.service(refused);
    assertEquals(400, refused.head.get(10, TimeUnit.SECONDS).status(), "2025-11-25 does not accept batches");
  }

  @Test
  void foreignSessionIdsCanBeServedSessionless() throws Exception {
    endpoint = McpHttpEndpoint.create(fixture.server);
    assertEquals(404, post(LIST, "platform-123", null).status());
    endpoint.close();
    endpoint =
        McpHttpEndpoint.create(fixture.server, HttpEndpointOptions.builder().acceptUnknownSessionIds(true).build());
    FakeHttpExchange.Head served = post(LIST, "platform-123", null);
    assertEquals(200, served.status());
    assertEquals(null, served.headers().get("Mcp-Session-Id"), "a foreign id is never echoed");
    assertEquals(0, endpoint.sessionCount());
  }

  @Test
  void aStraySessionIdOnAModernRequestIsIgnoredAndNotEchoed() throws Exception {
    endpoint = McpHttpEndpoint.create(fixture.server);
    Map<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    h.put("Content-Type", List.of("application/json"));
    h.put("Accept", List.of("application/json, text/event-stream"));
    h.put("Host", List.of("127.0.0.1:8080"));
    h.put("Mcp-Session-Id", List.of("stray"));
    h.put("MCP-Protocol-Version", List.of("2026-07-28"));
    h.put("Mcp-Method", List.of("tools/list"));
    FakeHttpExchange ex = new FakeHttpExchange("POST", "/mcp", h,
        ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{\"_meta\":{"
            + "\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\",\"io.modelcontextprotocol/clientCapabilities\":{}}}}")
            .getBytes(StandardCharsets.UTF_8));
    endpoint.service(ex);
    FakeHttpExchange.Head head = ex.head.get(10, TimeUnit.SECONDS);
    assertEquals(200, head.status());
    assertEquals(null, head.headers().get("Mcp-Session-Id"));
  }

  @Test
  void initializeBeyondTheSessionCapIsRefusedClearly() throws Exception {
    endpoint = McpHttpEndpoint.create(fixture.server, HttpEndpointOptions.builder().maxSessions(1).build());
    String first = post(INIT, null, null).headers().get("Mcp-Session-Id").get(0);
    LegacyHttp.Reply second = LegacyHttp.post(endpoint, INIT, null, null);
    assertEquals(503, second.status());
    assertEquals(M.readTree("{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32603,\"message\":\"Too many sessions, retry later\"}}"),
        second.json());
    assertEquals(null, second.header("Mcp-Session-Id"));
    assertEquals(200, post(LIST, first, null).status(), "the existing session is unharmed");
  }

  @Test
  void idleSessionsExpireAndLeaveNothingBehind() throws Exception {
    endpoint =
        McpHttpEndpoint.create(
            fixture.server, HttpEndpointOptions.builder().sessionIdleTimeout(Duration.ofMillis(100)).build());
    String session = post(INIT, null, null).headers().get("Mcp-Session-Id").get(0);
    assertEquals(1, endpoint.sessionCount());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (endpoint.sessionCount() > 0 && System.nanoTime() < deadline) {
      java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20)); // polling deadline
    }
    assertEquals(0, endpoint.sessionCount());
    LegacyHttp.Reply gone = LegacyHttp.post(endpoint, LIST, session, null);
    assertEquals(404, gone.status());
    assertEquals(M.readTree(NOT_FOUND), gone.json());
    LegacyHttp.Reply deleteGone = LegacyHttp.delete(endpoint, session, null);
    assertEquals(404, deleteGone.status());
    assertEquals(M.readTree("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32600,\"message\":\"Session not found\"}}"),
        deleteGone.json());
  }

  @Test
  void afterDeleteEveryRequestOfTheSessionIs404WithABody() throws Exception {
    endpoint = McpHttpEndpoint.create(fixture.server);
    String session = post(INIT, null, null).headers().get("Mcp-Session-Id").get(0);
    assertEquals(200, LegacyHttp.delete(endpoint, session, null).status());
    LegacyHttp.Reply list = LegacyHttp.post(endpoint, LIST, session, null);
    assertEquals(404, list.status());
    assertEquals(M.readTree(NOT_FOUND), list.json());
    String gone = "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32600,\"message\":\"Session not found\"}}";
    LegacyHttp.Reply get = LegacyHttp.exchange(endpoint, "GET", "", session, null, "Accept", "text/event-stream");
    assertEquals(404, get.status());
    assertEquals(M.readTree(gone), get.json());
    LegacyHttp.Reply again = LegacyHttp.delete(endpoint, session, null);
    assertEquals(404, again.status());
    assertEquals(M.readTree(gone), again.json());
  }
}
