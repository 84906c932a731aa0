package org.mcpkit.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mcpkit.internal.http.LegacyHttp.M;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mcpkit.server.http.HttpEndpointOptions;
import org.mcpkit.server.http.McpHttpEndpoint;
import org.mcpkit.server.http.SessionBus;
import org.mcpkit.server.http.SessionRecord;
import org.mcpkit.server.http.SessionStore;
import org.mcpkit.server.http.StoreUnavailableException;
import org.mcpkit.testing.ContractServer;
import org.mcpkit.testing.InMemoryHttpClient;
import org.mcpkit.testing.ManualTime;

/**
 * {@link HttpEndpointOptions#sessionRevalidation()}: within the window an instance serves a 2025-era
 * session from its own copy without reading the store; what another instance ends or changes
 * reaches the copy on the bus at once; a lost signal leaves it stale for at most the window; and
 * while the store is unreachable every request reads it (and is refused).
 */
class SessionRevalidationTest {
  private static final URI MCP = URI.create("http://127.0.0.1:8080/mcp");
  private final ManualTime time = new ManualTime(Instant.parse("2026-12-04T10:00:00Z"));
  private final ContractServer serverA = new ContractServer();
  private final ContractServer serverB = new ContractServer();
  private final CountingStore store = new CountingStore(SessionStore.inMemory());
  private McpHttpEndpoint a;
  private McpHttpEndpoint b;
  private HttpClient toA;
  private HttpClient toB;

  /** Counts reads of a real in-memory store; can be made unreachable (every call then fails). */
  private static final class CountingStore extends ForwardingSessionStore {
    final AtomicInteger finds = new AtomicInteger();
    final AtomicBoolean down = new AtomicBoolean();

    CountingStore(SessionStore real) {
      super(real);
    }

    private void check() {
      if (down.get()) {
        throw new StoreUnavailableException(new java.io.IOException("connection refused"));
      }
    }

    @Override
    public boolean reachable() {
      return !down.get();
    }

    @Override
    public Optional<SessionRecord> find(String id) {
      finds.incrementAndGet();
      check();
      return real.find(id);
    }

    @Override public void save(SessionRecord record) { check(); real.save(record); }
    @Override public boolean replace(SessionRecord record, byte[] expected) { check(); return real.replace(record, expected); }
    @Override public boolean delete(String id) { check(); return real.delete(id); }
  }

  @AfterEach
  void close() {
    a.close();
    b.close();
    serverA.server.close();
    serverB.server.close();
    time.close();
  }

  private void start(Duration window, SessionBus busOfA, SessionBus busOfB) {
    a = McpHttpEndpoint.create(serverA.server, options(window, busOfA));
    b = McpHttpEndpoint.create(serverB.server, options(window, busOfB));
    toA = new InMemoryHttpClient(a);
    toB = new InMemoryHttpClient(b);
  }

  private HttpEndpointOptions options(Duration window, SessionBus bus) {
    return HttpEndpointOptions.builder().sessionStore(store).sessionBus(bus).sessionRevalidation(window)
        .clock(time.clock()).scheduler(time.scheduler()).build();
  }

  private static HttpResponse<String> post(HttpClient http, String body, String session) throws Exception {
    HttpRequest.Builder r = HttpRequest.newBuilder(MCP).timeout(Duration.ofSeconds(20))
        .header("Content-Type", "application/json")
        .header("Accept", "application/json, text/event-stream")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (session != null) {
      r.header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-11-25");
    }
    return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
  }

  private String session() throws Exception {
    HttpResponse<String> init = post(toA, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
        + "\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"c\",\"version\":\"1\"}}}", null);
    assertEquals(200, init.statusCode(), init.body());
    String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
    assertEquals(202, post(toA, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", session).statusCode());
    return session;
  }

  private static HttpResponse<String> echo(HttpClient http, String session, int id) throws Exception {
    return post(http, "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"echo\","
        + "\"arguments\":{\"text\":\"t" + id + "\"}}}", session);
  }

  private static void assertEcho(HttpResponse<String> r, int id) throws Exception {
    assertEquals(200, r.statusCode(), r.body());
    assertEquals(M.readTree("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"t"
        + id + "\"}]}}"), M.readTree(r.body()));
  }

  @Test
  void withinTheWindowACopyIsServedWithoutReadingTheStore() throws Exception {
    SessionBus bus = SessionBus.inMemory();
    start(Duration.ofSeconds(1), bus, bus);
    String session = session();
    store.finds.set(0);
    for (int i = 2; i < 7; i++) {
      assertEcho(echo(toA, session, i), i);
    }
    assertEquals(0, store.finds.get(), "A saved the session: its copy is current");

    assertEcho(echo(toB, session, 7), 7);
    assertEquals(1, store.finds.get(), "B reads the session once to rebuild it");
    assertEcho(echo(toB, session, 8), 8);
    assertEquals(1, store.finds.get());

    time.advance(Duration.ofMillis(1000));
    assertEcho(echo(toB, session, 9), 9);
    assertEcho(echo(toB, session, 10), 10);
    assertEquals(2, store.finds.get(), "after the window B reads the store once more, then trusts it again");
  }

  @Test
  void withoutAWindowEveryRequestReadsTheStore() throws Exception {
    SessionBus bus = SessionBus.inMemory();
    start(Duration.ZERO, bus, bus);
    String session = session();
    store.finds.set(0);
    for (int i = 2; i < 7; i++) {
      assertEcho(echo(toA, session, i), i);
    }
    assertEquals(5, store.finds.get());
  }

  @Test
  void aSessionEndedThroughAnotherInstanceIsGoneAtOnce() throws Exception {
    SessionBus bus = SessionBus.inMemory();
    start(Duration.ofSeconds(1), bus, bus);
    String session = session();
    assertEcho(echo(toB, session, 2), 2);
    HttpResponse<String> deleted = toA.send(HttpRequest.newBuilder(MCP).header("Mcp-Session-Id", session)
        .header("MCP-Protocol-Version", "2025-11-25").DELETE().build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, deleted.statusCode());
    assertEquals(404, echo(toB, session, 3).statusCode(), "the end signal dropped B's copy");
  }

  @Test
  void aChangeSignalledByAnotherInstanceIsReadOnTheNextRequest() throws Exception {
    SessionBus bus = SessionBus.inMemory();
    start(Duration.ofSeconds(1), bus, bus);
    String session = session();
    assertEcho(echo(toB, session, 2), 2);
    assertEquals(200, post(toA, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"logging/setLevel\",\"params\":{\"level\":\"error\"}}",
        session).statusCode());
    store.finds.set(0);
    assertEcho(echo(toB, session, 4), 4);
    assertEcho(echo(toB, session, 5), 5);
    assertEquals(1, store.finds.get(), "B re-reads the changed session once");
  }

  @Test
  void aLostEndSignalLeavesACopyUsableForAtMostTheWindow() throws Exception {
    start(Duration.ofSeconds(1), SessionBus.inMemory(), SessionBus.inMemory()); // B hears nothing from A
    String session = session();
    assertEcho(echo(toB, session, 2), 2);
    HttpResponse<String> deleted = toA.send(HttpRequest.newBuilder(MCP).header("Mcp-Session-Id", session)
        .header("MCP-Protocol-Version", "2025-11-25").DELETE().build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, deleted.statusCode());
    time.advance(Duration.ofMillis(999));
    assertEcho(echo(toB, session, 3), 3);
    time.advance(Duration.ofMillis(1));
    assertEquals(404, echo(toB, session, 4).statusCode(), "the window is over: B reads the store and finds no session");
  }

  @Test
  void aCopyThatIsNotInitializedYetIsNeverTrusted() throws Exception {
    start(Duration.ofSeconds(1), SessionBus.inMemory(), SessionBus.inMemory()); // A hears nothing from B
    HttpResponse<String> init = post(toA, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
        + "\"protocolVersion\":\"2025-11-25\",\"capabilities\":{\"elicitation\":{}},"
        + "\"clientInfo\":{\"name\":\"c\",\"version\":\"1\"}}}", null);
    String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
    // Round robin: initialize went to A, notifications/initialized to B, the next call to A again.
    assertEquals(202, post(toB, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", session).statusCode());
    store.finds.set(0);
    HttpResponse<java.io.InputStream> call = toA.send(HttpRequest.newBuilder(MCP).timeout(Duration.ofSeconds(20))
        .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
        .header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-11-25")
        .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\","
            + "\"params\":{\"name\":\"ask\",\"arguments\":{}}}")).build(), HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(200, call.statusCode());
    try (org.mcpkit.testing.SseReader events = new org.mcpkit.testing.SseReader(call.body())) {
      assertEquals("elicitation/create", M.readTree(events.nextEvent(5)).get("method").asText(),
          "A read the store and saw the session initialized, instead of refusing the request from its stale copy");
    }
    assertEquals(1, store.finds.get());
  }

  @Test
  void aGetStreamOpensFromTheStoredStateNotATrustedCopy() throws Exception {
    SessionBus bus = SessionBus.inMemory();
    start(Duration.ofSeconds(1), bus, bus);
    String session = session();
    assertEcho(echo(toA, session, 2), 2);
    store.finds.set(0);
    HttpResponse<java.io.InputStream> stream = toA.send(HttpRequest.newBuilder(MCP).header("Accept", "text/event-stream")
        .header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-11-25").GET().build(),
        HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(200, stream.statusCode());
    try (org.mcpkit.testing.SseReader events = new org.mcpkit.testing.SseReader(stream.body())) {
      assertEquals(":", events.next(5));
    }
    assertEquals(1, store.finds.get(), "the stream carries the session's subscriptions from now on: read them");
  }

  @Test
  void whileTheStoreIsUnreachableEveryRequestReadsItAndIsRefused() throws Exception {
    SessionBus bus = SessionBus.inMemory();
    start(Duration.ofSeconds(1), bus, bus);
    String session = session();
    assertEcho(echo(toA, session, 2), 2);
    store.down.set(true);
    store.finds.set(0);
    for (int i = 3; i < 6; i++) {
      HttpResponse<String> refused = echo(toA, session, i);
      assertEquals(503, refused.statusCode(), refused.body());
      assertEquals(List.of("3"), refused.headers().allValues("Retry-After"));
      assertEquals(M.readTree("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32603,\"message\":\""
          + StoreUnavailableException.MESSAGE + "\"}}"), M.readTree(refused.body()));
    }
    assertEquals(3, store.finds.get());
    store.down.set(false);
    assertEcho(echo(toA, session, 6), 6);
  }

  @Test
  void anotherPrincipalIsRefusedFromATrustedCopyToo() throws Exception {
    SessionBus bus = SessionBus.inMemory();
    start(Duration.ofSeconds(1), bus, bus);
    String list = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}";
    LegacyHttp.Reply init = LegacyHttp.post(a, LegacyHttp.init("2025-11-25"), null, "alice");
    assertEquals(200, init.status(), init.body());
    String session = init.header("Mcp-Session-Id");
    assertEquals(202, LegacyHttp.post(a, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", session, "alice")
        .status(), "only an initialized copy is trusted");
    assertEquals(200, LegacyHttp.post(a, list, session, "alice").status());
    store.finds.set(0);
    for (String intruder : new String[] {"mallory", null}) {
      LegacyHttp.Reply other = LegacyHttp.post(a, list, session, intruder);
      assertEquals(404, other.status(), other.body());
    }
    assertEquals(0, store.finds.get(), "refused from the trusted copy");
    assertEquals(200, LegacyHttp.post(a, list, session, "alice").status());
  }
}
