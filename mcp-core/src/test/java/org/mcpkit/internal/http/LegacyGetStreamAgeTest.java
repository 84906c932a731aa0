package org.mcpkit.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mcpkit.server.http.HttpEndpointOptions;
import org.mcpkit.server.http.McpHttpEndpoint;
import org.mcpkit.testing.ContractServer;
import org.mcpkit.testing.InMemoryHttpClient;
import org.mcpkit.testing.SseReader;

/**
 * A session's GET stream that ended is replaced by the client's next one, and the old stream's
 * maximum-age timer, firing later, leaves the new stream alone.
 */
class LegacyGetStreamAgeTest {
  private static final URI MCP = URI.create("http://127.0.0.1:8080/mcp");
  private static final long AGE_MILLIS = 4_000;
  private final ContractServer fixture = new ContractServer();
  private McpHttpEndpoint endpoint;
  private HttpClient http;

  @BeforeEach
  void start() {
    endpoint = McpHttpEndpoint.create(fixture.server,
        HttpEndpointOptions.builder().maxStreamAge(Duration.ofMillis(AGE_MILLIS)).build());
    http = new InMemoryHttpClient(endpoint);
  }

  @AfterEach
  void stop() {
    endpoint.close();
    fixture.server.close();
  }

  private HttpResponse<InputStream> get(String session) throws Exception {
    return http.send(
        HttpRequest.newBuilder(MCP).header("Accept", "text/event-stream").header("Mcp-Session-Id", session).GET().build(),
        HttpResponse.BodyHandlers.ofInputStream());
  }

  private HttpResponse<String> post(String body, String session) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(MCP)
        .header("Content-Type", "application/json")
        .header("Accept", "application/json, text/event-stream")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (session != null) {
      b.header("Mcp-Session-Id", session);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void parkUntil(long nanoTime) {
    while (System.nanoTime() < nanoTime) {
      LockSupport.parkNanos(nanoTime - System.nanoTime()); // the age timer is the subject: time must pass
    }
  }

  @Test
  void anOldStreamsAgeTimerDoesNotCutOffTheNewStream() throws Exception {
    String session = post(LegacyHttp.init("2025-11-25"), null).headers().firstValue("Mcp-Session-Id").orElseThrow();
    assertEquals(202, post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", session).statusCode());

    long firstOpened = System.nanoTime();
    HttpResponse<InputStream> first = get(session);
    assertEquals(200, first.statusCode());
    try (SseReader sse = new SseReader(first.body())) {
      assertEquals(":", sse.next(5));
    } // the client drops its first stream

    // Reconnect halfway through the first stream's life: its timer fires at most 4.4 s after it
    // opened, the new stream's no earlier than 6 s; look in between.
    parkUntil(firstOpened + TimeUnit.MILLISECONDS.toNanos(AGE_MILLIS / 2));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    HttpResponse<InputStream> second = get(session);
    while (second.statusCode() == 409 && System.nanoTime() < deadline) {
      second.body().close();
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20)); // polling deadline: the close is noticed
      second = get(session);
    }
    assertEquals(200, second.statusCode());
    try (SseReader sse = new SseReader(second.body())) {
      assertEquals(":", sse.next(5));
      parkUntil(firstOpened + TimeUnit.MILLISECONDS.toNanos(AGE_MILLIS + AGE_MILLIS / 10 + 600));
      assertTrue(System.nanoTime() < firstOpened + TimeUnit.MILLISECONDS.toNanos(AGE_MILLIS * 3 / 2),
          "checked before the new stream's own maximum age");

      HttpResponse<InputStream> third = get(session);
      assertEquals(409, third.statusCode(), "the new stream still holds the session");
      third.body().close();
      fixture.server.removeTool("touch");
      String event = sse.nextEvent(5);
      assertEquals(LegacyHttp.M.readTree("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/tools/list_changed\"}"),
          LegacyHttp.M.readTree(event),
          "session notifications still reach the new stream");
    }
  }
}
