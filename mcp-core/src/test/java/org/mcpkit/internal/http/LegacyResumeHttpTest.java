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
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mcpkit.server.http.EventStore;
import org.mcpkit.server.http.HttpEndpointOptions;
import org.mcpkit.server.http.McpHttpEndpoint;
import org.mcpkit.testing.ContractServer;
import org.mcpkit.testing.InMemoryHttpClient;
import org.mcpkit.testing.SseReader;

/** Resuming 2025-era streams: retention, ids past retention, events of ended sessions. */
class LegacyResumeHttpTest {
  static final URI MCP = URI.create("http://127.0.0.1:8080/mcp");
  final ContractServer fixture = new ContractServer();
  final InMemoryEventStore events = (InMemoryEventStore) EventStore.inMemory(100, Duration.ofMinutes(5));
  McpHttpEndpoint endpoint;
  HttpClient http;

  @AfterEach
  void close() {
    endpoint.close();
    fixture.server.close();
  }

  void start(HttpEndpointOptions.Builder options) {
    endpoint = McpHttpEndpoint.create(fixture.server, options.eventStore(events).build());
    http = new InMemoryHttpClient(endpoint);
  }

  static HttpRequest.Builder post(String body, String session) {
    HttpRequest.Builder b = HttpRequest.newBuilder(MCP).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json")
        .header("Accept", "application/json, text/event-stream")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    return session == null ? b : b.header("Mcp-Session-Id", session);
  }

  String session() throws Exception {
    HttpResponse<String> init = http.send(post(LegacyHttp.init("2025-11-25"), null).build(), HttpResponse.BodyHandlers.ofString());
    String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
    assertEquals(202, http.send(post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", session).build(),
        HttpResponse.BodyHandlers.ofString()).statusCode());
    return session;
  }

  HttpResponse<InputStream> resume(String session, String lastEventId) throws Exception {
    return http.send(
        HttpRequest.newBuilder(MCP).header("Accept", "text/event-stream").header("Mcp-Session-Id", session)
            .header("Last-Event-ID", lastEventId).GET().build(),
        HttpResponse.BodyHandlers.ofInputStream());
  }

  /** Runs the progress tool on a stream and reads it to its end; returns the priming event id. */
  String progressCall(String session, int id) throws Exception {
    HttpResponse<InputStream> r = http.send(post("{\"jsonrpc\":\"2.0\",\"id\":" + id
        + ",\"method\":\"tools/call\",\"params\":{\"name\":\"progress\",\"_meta\":{\"progressToken\":\"p\"}}}", session).build(),
        HttpResponse.BodyHandlers.ofInputStream());
    try (SseReader sse = new SseReader(r.body())) {
      String priming = sse.next(10);
      assertTrue(priming.startsWith("id:"), priming);
      while (!sse.nextEvent(10).equals(SseReader.EOF)) {
        // read to the end
      }
      return priming.substring(3);
    }
  }

  @Test
  void anIdPastRetentionGetsACleanEmptyReplayAndAForeignOneIs400() throws Exception {
    start(HttpEndpointOptions.builder());
    String session = session();
    HttpResponse<InputStream> r = resume(session, session + "~AAAAAAAAAAAAAAAAAAAAAA.7");
    assertEquals(200, r.statusCode());
    assertEquals(Optional.of("text/event-stream"), r.headers().firstValue("Content-Type"));
    try (SseReader sse = new SseReader(r.body())) {
      assertEquals(SseReader.EOF, sse.nextEvent(10), "nothing to replay: the stream ends at once");
    }
    HttpResponse<String> foreign = http.send(
        HttpRequest.newBuilder(MCP).header("Accept", "text/event-stream").header("Mcp-Session-Id", session)
            .header("Last-Event-ID", "someone-else~AAAAAAAAAAAAAAAAAAAAAA.1").GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(400, foreign.statusCode());
    assertEquals(canon("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32600,\"message\":\"Bad request: unknown Last-Event-ID\"}}"),
        canon(foreign.body()));
  }

  @Test
  void deletingASessionRemovesItsEvents() throws Exception {
    start(HttpEndpointOptions.builder());
    String session = session();
    String other = session();
    String priming = progressCall(session, 3);
    progressCall(other, 4);
    assertEquals(2, events.streamCount());
    assertEquals(200, http.send(HttpRequest.newBuilder(MCP).header("Mcp-Session-Id", session).DELETE().build(),
        HttpResponse.BodyHandlers.ofString()).statusCode());
    assertEquals(1, events.streamCount(), "only the other session's stream is left");
    assertEquals(Optional.empty(), events.streamOf(priming));
  }

  @Test
  void anExpiredSessionLeavesNoEventsBehind() throws Exception {
    start(HttpEndpointOptions.builder().sessionIdleTimeout(Duration.ofMillis(200)));
    String session = session();
    progressCall(session, 5);
    assertEquals(1, events.streamCount());
    assertTrue(LegacyHttp.eventually(() -> endpoint.sessionCount() == 0 && events.streamCount() == 0));
  }

  @Test
  void aStreamResumedWhileItsCallRunsReplaysThenGoesLiveAndTwoStreamsStaySeparate() throws Exception {
    start(HttpEndpointOptions.builder());
    String session = session();
    HttpResponse<InputStream> stepper = http.send(post("{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/call\","
        + "\"params\":{\"name\":\"stepper\",\"_meta\":{\"progressToken\":\"s\"}}}", session).build(),
        HttpResponse.BodyHandlers.ofInputStream());
    String stepperPriming;
    String first;
    try (SseReader sse = SseReader.withIds(stepper.body())) {
      stepperPriming = sse.next(10).substring(3);
      String e = sse.nextEvent(10);
      first = e.substring(0, e.indexOf(' '));
      assertEquals(
          canon("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{\"progressToken\":\"s\",\"progress\":1.0,\"total\":2.0,\"message\":\"first\"}}"),
          canon(e.substring(e.indexOf(' ') + 1)));
    } // connection killed while the call waits
    String otherPriming = progressCall(session, 10); // a second stream of the same session, completed
    assertEquals(1, endpoint.activeRequests(), "the stepper call still runs");

    HttpResponse<InputStream> resumed = resume(session, first);
    assertEquals(200, resumed.statusCode());
    String stream = stepperPriming.substring(0, stepperPriming.lastIndexOf('.'));
    try (SseReader sse = SseReader.withIds(resumed.body())) {
      fixture.stepperGo.countDown(); // the call goes on while the client is resumed
      assertEquals(stream + ".3 " + canon("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\","
          + "\"params\":{\"progressToken\":\"s\",\"progress\":2.0,\"total\":2.0,\"message\":\"second\"}}"),
          normalize(sse.nextEvent(10)));
      assertEquals(stream + ".4 " + canon("{\"jsonrpc\":\"2.0\",\"id\":9,\"result\":{\"content\":"
          + "[{\"type\":\"text\",\"text\":\"stepped\"}]}}"), normalize(sse.nextEvent(10)));
      assertEquals(SseReader.EOF, sse.nextEvent(10), "the resumed stream ends with the answer");
    }
    assertEquals(stream + ".2", first);

    // Each stream replays only its own events, exactly once, in order.
    assertEquals(List.of(
            stream + ".2 " + canon("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{\"progressToken\":\"s\",\"progress\":1.0,\"total\":2.0,\"message\":\"first\"}}"),
            stream + ".3 " + canon("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{\"progressToken\":\"s\",\"progress\":2.0,\"total\":2.0,\"message\":\"second\"}}"),
            stream + ".4 " + canon("{\"jsonrpc\":\"2.0\",\"id\":9,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"stepped\"}]}}")),
        replayAll(session, stepperPriming));
    String other = otherPriming.substring(0, otherPriming.lastIndexOf('.'));
    assertEquals(List.of(
            other + ".2 " + canon("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{\"progressToken\":\"p\",\"progress\":1.0,\"total\":2.0,\"message\":\"half\"}}"),
            other + ".3 " + canon("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{\"progressToken\":\"p\",\"progress\":2.0,\"total\":2.0,\"message\":\"done\"}}"),
            other + ".4 " + canon("{\"jsonrpc\":\"2.0\",\"id\":10,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"progressed\"}]}}")),
        replayAll(session, otherPriming));
  }

  /** "<id> <json>" with the JSON in canonical form. */
  private static String normalize(String frame) throws Exception {
    int space = frame.indexOf(' ');
    return frame.substring(0, space) + " " + canon(frame.substring(space + 1));
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper CANON = new com.fasterxml.jackson.databind.ObjectMapper()
      .configure(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  /** JSON with object keys sorted, for exact comparison as text. */
  private static String canon(String json) {
    try {
      return CANON.writeValueAsString(CANON.readValue(json, Object.class));
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  private List<String> replayAll(String session, String from) throws Exception {
    List<String> out = new java.util.ArrayList<>();
    try (SseReader sse = SseReader.withIds(resume(session, from).body())) {
      for (String e = sse.nextEvent(10); !e.equals(SseReader.EOF); e = sse.nextEvent(10)) {
        out.add(normalize(e));
      }
    }
    return out;
  }
}
