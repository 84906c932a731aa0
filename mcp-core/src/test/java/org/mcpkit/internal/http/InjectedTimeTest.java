package org.mcpkit.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mcpkit.internal.http.LegacyHttp.M;
import static org.mcpkit.internal.http.LegacyHttp.init;
import static org.mcpkit.internal.http.LegacyHttp.post;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mcpkit.server.http.HttpEndpointOptions;
import org.mcpkit.server.http.McpHttpEndpoint;
import org.mcpkit.server.http.SessionStore;
import org.mcpkit.testing.ContractServer;
import org.mcpkit.testing.InMemoryHttpClient;
import org.mcpkit.testing.ManualTime;
import org.mcpkit.testing.SseReader;

/**
 * Session expiry, stream ages and stream claims on the endpoint's injected clock and scheduler: time
 * moves when the test says, so nothing waits for a timeout.
 */
class InjectedTimeTest {
  private static final String LIST = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}";
  private final ManualTime time = new ManualTime();
  private final ContractServer fixture = new ContractServer();
  private final SessionStore store = SessionStore.inMemory();
  private McpHttpEndpoint endpoint;

  private McpHttpEndpoint start(HttpEndpointOptions.Builder options) {
    endpoint = McpHttpEndpoint.create(fixture.server,
        options.clock(time.clock()).scheduler(time.scheduler()).sessionStore(store).build());
    return endpoint;
  }

  @AfterEach
  void stop() {
    if (endpoint != null) {
      endpoint.close();
    }
    fixture.server.close();
    time.close();
  }

  private String session() throws Exception {
    LegacyHttp.Reply r = post(endpoint, init("2025-11-25"), null, null);
    assertEquals(200, r.status());
    return r.header("Mcp-Session-Id");
  }

  @Test
  void aSessionExpiresAfterItsIdleTimeoutCountedFromItsLastUse() throws Exception {
    start(HttpEndpointOptions.builder().sessionIdleTimeout(Duration.ofMinutes(30)));
    String idle = session();
    String used = session();
    time.advance(Duration.ofMinutes(20));
    assertEquals(200, post(endpoint, LIST, used, null).status(), "a request is use");
    time.advance(Duration.ofMinutes(11)); // idle: 31 min since creation; used: 11 min since its request
    LegacyHttp.Reply gone = post(endpoint, LIST, idle, null);
    assertEquals(404, gone.status());
    assertEquals(M.readTree("{\"jsonrpc\":\"2.0\",\"id\":2,\"error\":{\"code\":-32600,\"message\":\"Session not found\"}}"),
        gone.json());
    assertEquals(200, post(endpoint, LIST, used, null).status());
    assertEquals(1, endpoint.sessionCount());
    time.advance(Duration.ofMinutes(31));
    assertEquals(404, post(endpoint, LIST, used, null).status());
    assertEquals(0, endpoint.sessionCount());
  }

  @Test
  void aGetStreamEndsAtItsMaximumAgeWithARetryHint() throws Exception {
    start(HttpEndpointOptions.builder().maxStreamAge(Duration.ofMinutes(10)).keepAlive(Duration.ofSeconds(15)));
    String session = session();
    InMemoryHttpClient http = new InMemoryHttpClient(endpoint);
    HttpResponse<InputStream> stream = http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:8080/mcp")).header("Accept", "text/event-stream")
            .header("Mcp-Session-Id", session).GET().build(),
        HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(200, stream.statusCode());
    try (SseReader events = new SseReader(stream.body())) {
      assertEquals(":", events.next(5), "the stream opens with a comment");
      time.advance(Duration.ofSeconds(16));
      assertEquals(":", events.next(5), "a keep-alive after 15 idle seconds");
      time.advance(Duration.ofMinutes(9)); // 9 min 16 s: younger than the age, jitter or not
      time.advance(Duration.ofMinutes(2)); // 11 min 16 s: past the age plus its 10% jitter
      String next = events.nextEvent(5);
      while (next.equals(":")) {
        next = events.nextEvent(5); // keep-alives written on the way
      }
      assertEquals("retry:3000", next);
      assertEquals(SseReader.EOF, events.nextEvent(5));
    }
    assertEquals(200, post(endpoint, LIST, session, null).status(), "the session outlives its stream");
  }

  @Test
  void aClaimOfAnInstanceThatDiedLapsesAfterOneLease() throws Exception {
    start(HttpEndpointOptions.builder());
    String session = session();
    assertTrue(store.claimStream(session, "dead-instance/1", time.now(), Duration.ofSeconds(30)));
    InMemoryHttpClient http = new InMemoryHttpClient(endpoint);
    HttpRequest get = HttpRequest.newBuilder(URI.create("http://127.0.0.1:8080/mcp")).header("Accept", "text/event-stream")
        .header("Mcp-Session-Id", session).GET().build();
    HttpResponse<String> refused = http.send(get, HttpResponse.BodyHandlers.ofString());
    assertEquals(409, refused.statusCode());
    assertEquals(M.readTree("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32600,"
        + "\"message\":\"Conflict: this session already has an open GET stream\"}}"), M.readTree(refused.body()));
    time.advance(Duration.ofSeconds(31));
    assertFalse(store.streamClaimed(session, time.now()));
    HttpResponse<InputStream> stream = http.send(get, HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(200, stream.statusCode(), "the dead instance's claim no longer blocks the client");
    try (SseReader events = new SseReader(stream.body())) {
      assertEquals(":", events.next(5));
      time.advance(Duration.ofSeconds(25)); // renewed every 10 s: the live claim does not lapse
      assertTrue(store.streamClaimed(session, time.now()));
      assertFalse(store.claimStream(session, "other/1", time.now(), Duration.ofSeconds(30)));
    }
  }
}
