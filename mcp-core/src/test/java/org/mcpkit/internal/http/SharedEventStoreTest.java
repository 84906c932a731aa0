package org.mcpkit.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mcpkit.internal.http.LegacyHttp.M;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mcpkit.server.http.EventStore;
import org.mcpkit.server.http.HttpEndpointOptions;
import org.mcpkit.server.http.McpHttpEndpoint;
import org.mcpkit.server.http.SessionStore;
import org.mcpkit.testing.ContractServer;
import org.mcpkit.testing.InMemoryHttpClient;
import org.mcpkit.testing.SseReader;

/** Two instances sharing one session store and one event store mint distinct event ids. */
class SharedEventStoreTest {
  private static final URI MCP = URI.create("http://127.0.0.1:8080/mcp");

  private static HttpRequest.Builder post(String body, String session) {
    HttpRequest.Builder b = HttpRequest.newBuilder(MCP).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json")
        .header("Accept", "application/json, text/event-stream")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    return session == null ? b : b.header("Mcp-Session-Id", session);
  }

  private static String progressCall(int id) {
    return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"progress\","
        + "\"_meta\":{\"progressToken\":\"p" + id + "\"}}}";
  }

  /** Reads a whole 2025-11-25 call stream: the priming id, then every event id and payload. */
  private static List<String[]> readCall(HttpClient http, String session, int id) throws Exception {
    HttpResponse<InputStream> r = http.send(post(progressCall(id), session).build(), HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(200, r.statusCode());
    List<String[]> events = new ArrayList<>();
    try (SseReader sse = SseReader.withIds(r.body())) {
      String priming = sse.next(10);
      assertTrue(priming.startsWith("id:"), priming);
      events.add(new String[] {priming.substring(3), ""});
      for (String e = sse.nextEvent(10); !e.equals(SseReader.EOF); e = sse.nextEvent(10)) {
        int space = e.indexOf(' ');
        events.add(new String[] {e.substring(0, space), e.substring(space + 1)});
      }
    }
    return events;
  }

  @Test
  void eventIdsAreUniqueAcrossInstancesAndAResumeElsewhereReplaysOnlyItsStream() throws Exception {
    EventStore events = EventStore.inMemory(100, Duration.ofMinutes(5));
    HttpEndpointOptions options =
        HttpEndpointOptions.builder().sessionStore(SessionStore.inMemory()).eventStore(events).build();
    ContractServer a = new ContractServer();
    ContractServer b = new ContractServer();
    try (McpHttpEndpoint first = McpHttpEndpoint.create(a.server, options);
        McpHttpEndpoint second = McpHttpEndpoint.create(b.server, options)) {
      HttpClient onA = new InMemoryHttpClient(first);
      HttpClient onB = new InMemoryHttpClient(second);
      HttpResponse<String> init = onA.send(post(LegacyHttp.init("2025-11-25"), null).build(), HttpResponse.BodyHandlers.ofString());
      String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
      assertEquals(202, onA.send(post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", session).build(),
          HttpResponse.BodyHandlers.ofString()).statusCode());

      List<String[]> fromA = readCall(onA, session, 9);
      List<String[]> fromB = readCall(onB, session, 10);
      assertEquals(4, fromA.size(), "priming, two progress notifications, the result");
      assertEquals(4, fromB.size());
      Set<String> ids = new HashSet<>();
      for (List<String[]> call : List.of(fromA, fromB)) {
        for (String[] e : call) {
          assertTrue(ids.add(e[0]), "event id reused: " + e[0]);
          assertTrue(e[0].matches(java.util.regex.Pattern.quote(session) + "~[A-Za-z0-9_-]{22}\\.[0-9]+"), e[0]);
        }
      }
      assertNotEquals(events.streamOf(fromA.get(0)[0]), events.streamOf(fromB.get(0)[0]));

      // A's stream resumed on B from its priming event: exactly A's three events, then the end.
      HttpResponse<InputStream> resumed = onB.send(
          HttpRequest.newBuilder(MCP).header("Accept", "text/event-stream").header("Mcp-Session-Id", session)
              .header("Last-Event-ID", fromA.get(0)[0]).GET().build(),
          HttpResponse.BodyHandlers.ofInputStream());
      assertEquals(200, resumed.statusCode());
      try (SseReader sse = SseReader.withIds(resumed.body())) {
        for (int i = 1; i < 4; i++) {
          String e = sse.nextEvent(10);
          assertEquals(fromA.get(i)[0], e.substring(0, e.indexOf(' ')));
          assertEquals(M.readTree(fromA.get(i)[1]), M.readTree(e.substring(e.indexOf(' ') + 1)));
        }
        assertEquals(SseReader.EOF, sse.nextEvent(10));
      }
      assertEquals(
          M.readTree("{\"jsonrpc\":\"2.0\",\"id\":9,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"progressed\"}]}}"),
          M.readTree(fromA.get(3)[1]));
      assertEquals(10, M.readTree(fromB.get(3)[1]).get("id").asInt());
    } finally {
      a.server.close();
      b.server.close();
    }
  }
}
