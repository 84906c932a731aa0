package org.mcpkit.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mcpkit.internal.http.LegacyHttp.M;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mcpkit.server.http.HttpEndpointOptions;
import org.mcpkit.server.http.McpHttpEndpoint;
import org.mcpkit.testing.ContractServer;
import org.mcpkit.testing.InMemoryHttpClient;
import org.mcpkit.testing.ManualTime;
import org.mcpkit.testing.SseReader;

/** Ending a 2025-era session (DELETE, expiry) ends its open streams and cancels its running calls. */
class LegacySessionEndHttpTest {
  private static final URI MCP = URI.create("http://127.0.0.1:8080/mcp");
  private static final String HOLD = "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"hold\"}}";
  private final ContractServer fixture = new ContractServer();
  private McpHttpEndpoint endpoint;
  private HttpClient http;

  @AfterEach
  void close() {
    endpoint.close();
    fixture.server.close();
  }

  private void start(HttpEndpointOptions options) {
    endpoint = McpHttpEndpoint.create(fixture.server, options);
    http = new InMemoryHttpClient(endpoint);
  }

  private static HttpRequest.Builder post(String body, String session) {
    HttpRequest.Builder b = HttpRequest.newBuilder(MCP).timeout(Duration.ofSeconds(20))
        .header("Content-Type", "application/json")
        .header("Accept", "application/json, text/event-stream")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    return session == null ? b : b.header("Mcp-Session-Id", session);
  }

  private String session() throws Exception {
    HttpResponse<String> init = http.send(post(LegacyHttp.init("2025-11-25"), null).build(), HttpResponse.BodyHandlers.ofString());
    String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
    assertEquals(202, http.send(post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", session).build(),
        HttpResponse.BodyHandlers.ofString()).statusCode());
    return session;
  }

  @Test
  void deleteEndsTheGetAndPostStreamsWithRetryAndCancelsTheRunningCall() throws Exception {
    start(HttpEndpointOptions.defaults());
    String session = session();
    HttpResponse<InputStream> get = http.send(
        HttpRequest.newBuilder(MCP).header("Accept", "text/event-stream").header("Mcp-Session-Id", session).GET().build(),
        HttpResponse.BodyHandlers.ofInputStream());
    HttpResponse<InputStream> call = http.send(
        post(HOLD, session).setHeader("Accept", "text/event-stream, application/json").build(),
        HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(200, call.statusCode());
    assertTrue(fixture.holdStarted.await(10, TimeUnit.SECONDS));
    try (SseReader getStream = new SseReader(get.body()); SseReader callStream = new SseReader(call.body())) {
      assertEquals(":", getStream.next(5));
      assertTrue(callStream.next(5).startsWith("id:"), "the 2025-11-25 priming event");
      assertEquals(1, endpoint.activeRequests());
      assertEquals(200, http.send(HttpRequest.newBuilder(MCP).header("Mcp-Session-Id", session).DELETE().build(),
          HttpResponse.BodyHandlers.ofString()).statusCode());
      assertEquals("retry:3000", callStream.nextEvent(5));
      assertEquals(SseReader.EOF, callStream.nextEvent(5));
      assertEquals("retry:3000", getStream.nextEvent(5));
      assertEquals(SseReader.EOF, getStream.nextEvent(5));
      assertTrue(fixture.holdInterrupted.await(10, TimeUnit.SECONDS), "the running call is cancelled");
      assertEquals(0, endpoint.activeRequests());
    }
  }

  @Test
  void expiryCancelsARunningCallAndAnswersItsPendingJson404() throws Exception {
    ManualTime time = new ManualTime();
    start(HttpEndpointOptions.builder().sessionIdleTimeout(Duration.ofMinutes(30))
        .responseMode(HttpEndpointOptions.ResponseMode.ALWAYS_JSON).clock(time.clock()).scheduler(time.scheduler()).build());
    String session = session();
    java.util.concurrent.CompletableFuture<HttpResponse<String>> pending =
        http.sendAsync(post(HOLD, session).build(), HttpResponse.BodyHandlers.ofString());
    assertTrue(fixture.holdStarted.await(10, TimeUnit.SECONDS));
    time.advance(Duration.ofMinutes(31)); // a running call is no use of the session: it expires
    HttpResponse<String> call = pending.get(10, TimeUnit.SECONDS);
    time.close();
    assertEquals(404, call.statusCode());
    assertEquals(M.readTree("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32600,\"message\":\"Session not found\"}}"),
        M.readTree(call.body()));
    assertTrue(fixture.holdInterrupted.await(10, TimeUnit.SECONDS), "the running call is cancelled");
    assertEquals(0, endpoint.sessionCount());
    assertEquals(0, endpoint.activeRequests());
  }
}
