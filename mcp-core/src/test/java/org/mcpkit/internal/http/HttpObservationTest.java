package org.mcpkit.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mcpkit.internal.http.LegacyHttp.init;
import static org.mcpkit.internal.http.LegacyHttp.post;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mcpkit.server.McpServer;
import org.mcpkit.server.http.HttpEndpointOptions;
import org.mcpkit.server.http.McpHttpEndpoint;
import org.mcpkit.server.http.SessionBus;
import org.mcpkit.server.observe.Era;
import org.mcpkit.server.observe.RequestStart;
import org.mcpkit.server.observe.StreamKind;
import org.mcpkit.server.observe.Transport;
import org.mcpkit.testing.ContractServer;
import org.mcpkit.testing.InMemoryHttpClient;
import org.mcpkit.testing.ManualTime;
import org.mcpkit.testing.RecordingObserver;
import org.mcpkit.testing.SseReader;

/** What the HTTP endpoint tells an observer: origins, streams and their ends, sessions, keep-alives, refusals, bus failures. */
class HttpObservationTest {
  private static final URI MCP = URI.create("http://127.0.0.1:8080/mcp");
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
  private final ManualTime time = new ManualTime();
  private final RecordingObserver observer = new RecordingObserver();
  private McpServer server;
  private McpHttpEndpoint endpoint;

  private McpHttpEndpoint start(HttpEndpointOptions.Builder options) {
    server = new ContractServer(observer).server;
    endpoint = McpHttpEndpoint.create(server, options.clock(time.clock()).scheduler(time.scheduler()).build());
    return endpoint;
  }

  @AfterEach
  void stop() {
    if (endpoint != null) {
      endpoint.close();
    }
    if (server != null) {
      server.close();
    }
    time.close();
  }

  private static String modern(String method, String params) {
    return "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"" + method + "\",\"params\":{" + params
        + (params.isEmpty() ? "" : ",")
        + "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
        + "\"io.modelcontextprotocol/clientCapabilities\":{}}}}";
  }

  private static HttpRequest.Builder modernPost(String method, String name, String body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(MCP).timeout(WAIT)
        .header("Content-Type", "application/json")
        .header("Accept", "application/json, text/event-stream")
        .header("MCP-Protocol-Version", "2026-07-28")
        .header("Mcp-Method", method)
        .POST(HttpRequest.BodyPublishers.ofString(body));
    return name == null ? b : b.header("Mcp-Name", name);
  }

  @Test
  void aModernCallCarriesItsHttpTraceHeadersAndItsPostStreamEndsCompleted() throws Exception {
    start(HttpEndpointOptions.builder().responseMode(HttpEndpointOptions.ResponseMode.ALWAYS_SSE));
    HttpClient http = new InMemoryHttpClient(endpoint);
    HttpResponse<String> r = http.send(
        modernPost("tools/call", "progress", modern("tools/call", "\"name\":\"progress\""))
            .header("traceparent", TRACEPARENT).header("baggage", "user=alice").build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode());
    assertTrue(r.body().contains("progressed"), r.body());
    RequestStart s = observer.requests.get(0).start;
    assertEquals(Transport.STREAMABLE_HTTP, s.transport());
    assertEquals(Era.MODERN, s.era());
    assertEquals(Optional.of(TRACEPARENT), s.httpTrace().traceparent());
    assertEquals(Optional.of("user=alice"), s.httpTrace().baggage());
    assertEquals(Optional.of("progress"), s.toolName());
    RecordingObserver.await(WAIT, "the stream to close: " + observer.events, () -> observer.events("streamClosed").size() == 1);
    assertEquals(List.of("streamOpened POST", "streamClosed POST COMPLETED"), observer.events("stream"));
    assertEquals(0, observer.openStreams(StreamKind.POST));
  }

  @Test
  void refusalsAreReportedByTheirFailureTableEntry() throws Exception {
    start(HttpEndpointOptions.builder().maxBodyBytes(200));
    HttpClient http = new InMemoryHttpClient(endpoint);
    http.send(HttpRequest.newBuilder(MCP).header("Content-Type", "text/plain")
            .header("Accept", "application/json, text/event-stream")
            .POST(HttpRequest.BodyPublishers.ofString(modern("tools/list", ""))).build(),
        HttpResponse.BodyHandlers.ofString());
    http.send(modernPost("tools/call", "echo", modern("tools/call", "\"name\":\"echo\",\"arguments\":{\"text\":\""
        + "x".repeat(300) + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(List.of(
            "rejected STREAMABLE_HTTP unsupported_media_type 415 -32600",
            "rejected STREAMABLE_HTTP payload_too_large 413 -32600"),
        observer.events("rejected"));
    assertEquals(List.of(), observer.requests, "refused before any request started");
  }

  @Test
  void aSessionItsGetStreamAndItsKeepAlivesAreReportedUntilDelete() throws Exception {
    start(HttpEndpointOptions.builder().keepAlive(Duration.ofSeconds(15)));
    LegacyHttp.Reply init = post(endpoint, init("2025-11-25"), null, null);
    String session = init.header("Mcp-Session-Id");
    assertEquals(List.of("sessionOpened STREAMABLE_HTTP 2025-11-25"), observer.events("session"));
    assertEquals(Era.LEGACY, observer.requests.get(0).start.era());
    HttpClient http = new InMemoryHttpClient(endpoint);
    HttpResponse<InputStream> get = http.send(
        HttpRequest.newBuilder(MCP).header("Accept", "text/event-stream").header("Mcp-Session-Id", session).GET().build(),
        HttpResponse.BodyHandlers.ofInputStream());
    try (SseReader events = new SseReader(get.body())) {
      assertEquals(":", events.next(5));
      time.advance(Duration.ofSeconds(16));
      assertEquals(":", events.next(5));
      assertEquals(List.of("keepAlive GET"), observer.events("keepAlive"));
      assertEquals(1, observer.openStreams(StreamKind.GET));
      assertEquals(200, LegacyHttp.delete(endpoint, session, null).status());
      RecordingObserver.await(WAIT, "the GET stream to close", () -> observer.openStreams(StreamKind.GET) == 0);
    }
    assertEquals(List.of("streamOpened GET", "streamClosed GET SESSION_ENDED"), observer.events("stream"));
    assertEquals(List.of("sessionOpened STREAMABLE_HTTP 2025-11-25", "sessionClosed STREAMABLE_HTTP DELETED"),
        observer.events("session"));
  }

  @Test
  void anIdleSessionExpiresInTheSweep() throws Exception {
    start(HttpEndpointOptions.builder().sessionIdleTimeout(Duration.ofMinutes(30)));
    post(endpoint, init("2025-06-18"), null, null);
    time.advance(Duration.ofMinutes(31));
    RecordingObserver.await(WAIT, "the expiry", () -> observer.events("sessionClosed").size() == 1);
    assertEquals(List.of("sessionClosed STREAMABLE_HTTP EXPIRED"), observer.events("sessionClosed"));
  }

  @Test
  void aFailingSessionBusIsReportedAsAStoreFailure() throws Exception {
    SessionBus failing = new SessionBus() {
      @Override
      public void publish(byte[] signal) {
        throw new IllegalStateException("bus down");
      }

      @Override
      public AutoCloseable subscribe(Consumer<byte[]> listener) {
        return () -> {};
      }

      @Override
      public void close() {}
    };
    start(HttpEndpointOptions.builder().sessionBus(failing));
    String session = post(endpoint, init("2025-11-25"), null, null).header("Mcp-Session-Id");
    assertEquals(200, LegacyHttp.delete(endpoint, session, null).status());
    assertEquals(List.of("storeFailed SESSION_BUS publish"), observer.events("storeFailed"));
  }

  @Test
  void anHttpSseSessionAndItsStreamEndWhenTheClientLeaves() throws Exception {
    start(HttpEndpointOptions.builder().httpSse("/sse", "/message"));
    HttpClient http = new InMemoryHttpClient(endpoint);
    HttpResponse<InputStream> sse = http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:8080/sse")).header("Accept", "text/event-stream").GET().build(),
        HttpResponse.BodyHandlers.ofInputStream());
    SseReader events = new SseReader(sse.body());
    assertTrue(events.next(5).startsWith("/message?sessionId="));
    assertEquals(1, observer.openStreams(StreamKind.HTTP_SSE));
    events.close();
    RecordingObserver.await(WAIT, "the session to end", () -> observer.events("sessionClosed").size() == 1);
    assertEquals(List.of("streamOpened HTTP_SSE", "streamClosed HTTP_SSE CLIENT_GONE"), observer.events("stream"));
    assertEquals(List.of("sessionOpened HTTP_SSE -", "sessionClosed HTTP_SSE CLIENT_GONE"), observer.events("session"));
  }
}
