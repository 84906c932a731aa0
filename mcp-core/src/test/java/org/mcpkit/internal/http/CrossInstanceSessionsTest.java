package org.mcpkit.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mcpkit.internal.http.LegacyHttp.M;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mcpkit.protocol.ReadResourceResult;
import org.mcpkit.protocol.Resource;
import org.mcpkit.protocol.TextResourceContents;
import org.mcpkit.server.ResourceSpec;
import org.mcpkit.server.http.EventStore;
import org.mcpkit.server.http.HttpEndpointOptions;
import org.mcpkit.server.http.McpHttpEndpoint;
import org.mcpkit.server.http.SessionBus;
import org.mcpkit.server.http.SessionStore;
import org.mcpkit.testing.ContractServer;
import org.mcpkit.testing.InMemoryHttpClient;
import org.mcpkit.testing.ManualTime;
import org.mcpkit.testing.SseReader;

/**
 * Two instances sharing a session store, an event store and a session bus, as a deployment behind a
 * load balancer without sticky routing: whatever a client sends to either instance reaches the one
 * that can act on it.
 */
class CrossInstanceSessionsTest {
  private static final URI MCP = URI.create("http://127.0.0.1:8080/mcp");
  private static final String HOLD = "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"hold\"}}";
  private static final String CONFLICT =
      "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32600,\"message\":\"Conflict: this session already has an open GET stream\"}}";
  private final ContractServer serverA = new ContractServer();
  private final ContractServer serverB = new ContractServer();
  private final SessionStore store = SessionStore.inMemory();
  private final SessionBus bus = SessionBus.inMemory();
  private final ManualTime time = new ManualTime();
  private McpHttpEndpoint a;
  private McpHttpEndpoint b;
  private HttpClient toA;
  private HttpClient toB;

  private void start(HttpEndpointOptions.Builder options) {
    HttpEndpointOptions shared =
        options.sessionStore(store).eventStore(EventStore.inMemory(1000, Duration.ofMinutes(10))).sessionBus(bus).build();
    a = McpHttpEndpoint.create(serverA.server, shared);
    b = McpHttpEndpoint.create(serverB.server, shared);
    toA = new InMemoryHttpClient(a);
    toB = new InMemoryHttpClient(b);
  }

  @AfterEach
  void close() {
    a.close();
    b.close();
    serverA.server.close();
    serverB.server.close();
    bus.close();
    time.close();
  }

  private static HttpRequest.Builder post(String body, String session) {
    HttpRequest.Builder r = HttpRequest.newBuilder(MCP).timeout(Duration.ofSeconds(20))
        .header("Content-Type", "application/json")
        .header("Accept", "application/json, text/event-stream")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    return session == null ? r : r.header("Mcp-Session-Id", session);
  }

  private static HttpResponse<String> send(HttpClient http, HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest.Builder get(String session) {
    return HttpRequest.newBuilder(MCP).header("Accept", "text/event-stream").header("Mcp-Session-Id", session).GET();
  }

  /** A session created on A, initialized through B. */
  private String session(String capabilities) throws Exception {
    HttpResponse<String> init = send(toA, post(
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\","
            + "\"capabilities\":" + capabilities + ",\"clientInfo\":{\"name\":\"c\",\"version\":\"1\"}}}", null));
    assertEquals(200, init.statusCode(), init.body());
    String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
    assertEquals(202, send(toB, post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", session)).statusCode());
    return session;
  }

  private static void await(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "timed out waiting: " + what);
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20)); // polling deadline
    }
  }

  @Test
  void anElicitationAnswerPostedToTheOtherInstanceCompletesTheWaitingCall() throws Exception {
    start(HttpEndpointOptions.builder());
    String session = session("{\"elicitation\":{}}");
    HttpResponse<InputStream> call = toA.send(
        post("{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"tools/call\",\"params\":{\"name\":\"ask\"}}", session).build(),
        HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(200, call.statusCode());
    try (SseReader sse = new SseReader(call.body())) {
      JsonNode ask = M.readTree(sse.nextEvent(10));
      assertEquals("elicitation/create", ask.get("method").asText());
      String id = ask.get("id").asText();
      assertTrue(id.matches("mcpkit-[A-Za-z0-9_-]{8}-[0-9]+"), id);
      assertEquals(202, send(toB, post("{\"jsonrpc\":\"2.0\",\"id\":\"" + id
          + "\",\"result\":{\"action\":\"accept\",\"content\":{\"name\":\"Bo\"}}}", session)).statusCode());
      assertEquals(
          M.readTree("{\"jsonrpc\":\"2.0\",\"id\":8,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"Hi Bo\"}]}}"),
          M.readTree(sse.nextEvent(10)));
    }
  }

  @Test
  void serverRequestIdsOfTwoInstancesNeverCollideInOneSession() throws Exception {
    start(HttpEndpointOptions.builder());
    String session = session("{\"elicitation\":{}}");
    String[] ids = new String[2];
    HttpClient[] clients = {toA, toB};
    for (int i = 0; i < 2; i++) {
      HttpResponse<InputStream> call = clients[i].send(
          post("{\"jsonrpc\":\"2.0\",\"id\":" + (20 + i) + ",\"method\":\"tools/call\",\"params\":{\"name\":\"ask\"}}", session).build(),
          HttpResponse.BodyHandlers.ofInputStream());
      try (SseReader sse = new SseReader(call.body())) {
        ids[i] = M.readTree(sse.nextEvent(10)).get("id").asText();
        // Each answer goes to the other instance, which sends it back to the one asking.
        assertEquals(202, send(clients[1 - i], post("{\"jsonrpc\":\"2.0\",\"id\":\"" + ids[i]
            + "\",\"result\":{\"action\":\"accept\",\"content\":{\"name\":\"N" + i + "\"}}}", session)).statusCode());
        assertEquals("Hi N" + i, M.readTree(sse.nextEvent(10)).at("/result/content/0/text").asText());
      }
    }
    assertTrue(ids[0].endsWith("-1") && ids[1].endsWith("-1"), ids[0] + " " + ids[1]);
    assertTrue(!ids[0].equals(ids[1]), "the instance name keeps the ids apart: " + ids[0] + " " + ids[1]);
  }

  @Test
  void aCancellationPostedToTheOtherInstanceStopsTheCall() throws Exception {
    start(HttpEndpointOptions.builder());
    String session = session("{}");
    HttpResponse<InputStream> call = toA.send(
        post(HOLD, session).setHeader("Accept", "text/event-stream, application/json").build(),
        HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(200, call.statusCode());
    assertTrue(serverA.holdStarted.await(10, TimeUnit.SECONDS));
    assertEquals(1, a.activeRequests());
    assertEquals(202, send(toB, post(
        "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":7,\"reason\":\"user\"}}",
        session)).statusCode());
    assertTrue(serverA.holdInterrupted.await(10, TimeUnit.SECONDS), "the call on A is cancelled");
    try (SseReader events = new SseReader(call.body())) {
      assertTrue(events.next(5).startsWith("id:"), "the 2025-11-25 priming event");
      assertEquals(SseReader.EOF, events.nextEvent(5), "no response follows a cancellation; the stream ends");
    }
    await(() -> a.activeRequests() == 0, "A lets go of the call");
  }

  @Test
  void aCancelledCallOwingAJsonAnswerIsAnswered204() throws Exception {
    start(HttpEndpointOptions.builder().responseMode(HttpEndpointOptions.ResponseMode.ALWAYS_JSON));
    String session = session("{}");
    java.util.concurrent.CompletableFuture<HttpResponse<String>> call =
        toA.sendAsync(post(HOLD, session).build(), HttpResponse.BodyHandlers.ofString());
    assertTrue(serverA.holdStarted.await(10, TimeUnit.SECONDS));
    assertEquals(202, send(toA, post(
        "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":7}}", session)).statusCode());
    HttpResponse<String> answer = call.get(10, TimeUnit.SECONDS);
    assertEquals(204, answer.statusCode());
    assertEquals("", answer.body());
    await(() -> a.activeRequests() == 0, "A lets go of the cancelled call"); // the 204 may be written before the slot is freed
  }

  @Test
  void deleteOnOneInstanceEndsTheStreamsAndCallsOfTheOther() throws Exception {
    start(HttpEndpointOptions.builder());
    String session = session("{}");
    HttpResponse<InputStream> getStream = toA.send(get(session).build(), HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(200, getStream.statusCode());
    HttpResponse<InputStream> call = toA.send(
        post(HOLD, session).setHeader("Accept", "text/event-stream, application/json").build(),
        HttpResponse.BodyHandlers.ofInputStream());
    assertTrue(serverA.holdStarted.await(10, TimeUnit.SECONDS));
    try (SseReader getEvents = new SseReader(getStream.body()); SseReader callEvents = new SseReader(call.body())) {
      assertEquals(":", getEvents.next(5));
      assertTrue(callEvents.next(5).startsWith("id:"), "the 2025-11-25 priming event");
      HttpResponse<String> deleted = toB.send(
          HttpRequest.newBuilder(MCP).header("Mcp-Session-Id", session).DELETE().build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, deleted.statusCode());
      // At once, not at A's next sweep.
      assertEquals("retry:3000", getEvents.nextEvent(5));
      assertEquals(SseReader.EOF, getEvents.nextEvent(5));
      assertEquals("retry:3000", callEvents.nextEvent(5));
      assertEquals(SseReader.EOF, callEvents.nextEvent(5));
      assertTrue(serverA.holdInterrupted.await(10, TimeUnit.SECONDS), "A's running call is cancelled");
      await(() -> a.activeRequests() == 0, "A's call ends");
    }
    HttpResponse<String> after = send(toA, post("{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/list\"}", session));
    assertEquals(404, after.statusCode());
    assertEquals(M.readTree("{\"jsonrpc\":\"2.0\",\"id\":9,\"error\":{\"code\":-32600,\"message\":\"Session not found\"}}"),
        M.readTree(after.body()));
  }

  @Test
  void aSessionHasOneGetStreamAcrossInstances() throws Exception {
    start(HttpEndpointOptions.builder());
    String session = session("{}");
    HttpResponse<InputStream> first = toA.send(get(session).build(), HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(200, first.statusCode());
    HttpResponse<String> second = send(toB, get(session));
    assertEquals(409, second.statusCode());
    assertEquals(M.readTree(CONFLICT), M.readTree(second.body()));
    assertEquals(409, send(toA, get(session)).statusCode());
    assertTrue(store.streamClaimed(session, Instant.now()));

    first.body().close(); // the client drops A's stream: its claim goes with it
    await(() -> !store.streamClaimed(session, Instant.now()), "A releases the claim");
    HttpResponse<InputStream> onB = toB.send(get(session).build(), HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(200, onB.statusCode());
    try (SseReader events = new SseReader(onB.body())) {
      assertEquals(":", events.next(5));
      HttpResponse<String> onA = send(toA, get(session));
      assertEquals(409, onA.statusCode());
      assertEquals(M.readTree(CONFLICT), M.readTree(onA.body()));
    }
  }

  @Test
  void subscriptionsMadeThroughOneInstanceSteerTheStreamTheOtherHolds() throws Exception {
    for (ContractServer c : List.of(serverA, serverB)) {
      c.server.addResource(ResourceSpec.of(Resource.of("test://r", "r"),
          (ctx, u, vars) -> new ReadResourceResult(List.of(new TextResourceContents(u, "text/plain", "r", null)), null)));
    }
    start(HttpEndpointOptions.builder());
    String session = session("{}");
    HttpResponse<InputStream> stream = toA.send(get(session).build(), HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(200, stream.statusCode());
    try (SseReader events = new SseReader(stream.body())) {
      assertEquals(":", events.next(5));
      assertEquals(200, send(toB, post(
          "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"resources/subscribe\",\"params\":{\"uri\":\"test://r\"}}", session)).statusCode());
      serverA.server.notifyResourceUpdated("test://r");
      assertEquals(
          M.readTree("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/resources/updated\",\"params\":{\"uri\":\"test://r\"}}"),
          M.readTree(events.nextEvent(5)));
      assertEquals(200, send(toB, post(
          "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"resources/unsubscribe\",\"params\":{\"uri\":\"test://r\"}}", session)).statusCode());
      serverA.server.notifyResourceUpdated("test://r");
      java.util.concurrent.CompletableFuture<Void> ping = a.ping(session, Duration.ofSeconds(10));
      JsonNode next = M.readTree(events.nextEvent(5));
      assertEquals("ping", next.get("method").asText(), "no update after unsubscribing through B: " + next);
      assertEquals(202, send(toB, post("{\"jsonrpc\":\"2.0\",\"id\":\"" + next.get("id").asText() + "\",\"result\":{}}", session)).statusCode());
      ping.get(10, TimeUnit.SECONDS); // answered through B as well
    }
  }

  @Test
  void anInstanceWithoutTheStreamPingsTheClientThroughTheOneHoldingIt() throws Exception {
    start(HttpEndpointOptions.builder());
    String session = session("{}");
    java.util.concurrent.ExecutionException noStream = org.junit.jupiter.api.Assertions.assertThrows(
        java.util.concurrent.ExecutionException.class, () -> b.ping(session, Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS));
    assertEquals("The session has no open stream to send ping on", noStream.getCause().getMessage());
    HttpResponse<InputStream> stream = toA.send(get(session).build(), HttpResponse.BodyHandlers.ofInputStream());
    try (SseReader events = new SseReader(stream.body())) {
      assertEquals(":", events.next(5));
      java.util.concurrent.CompletableFuture<Void> ping = b.ping(session, Duration.ofSeconds(10));
      JsonNode request = M.readTree(events.nextEvent(5));
      String id = request.get("id").asText();
      assertEquals(M.readTree("{\"jsonrpc\":\"2.0\",\"id\":\"" + id + "\",\"method\":\"ping\"}"), request);
      // Answered to A, the instance whose stream carried it; the id sends it on to B.
      assertEquals(202, send(toA, post("{\"jsonrpc\":\"2.0\",\"id\":\"" + id + "\",\"result\":{}}", session)).statusCode());
      assertEquals(null, ping.get(10, TimeUnit.SECONDS));
    }
  }

  /** A shared store whose claims can be made to lapse, as after an instance stalled past a lease. */
  private static final class LapsingStore extends ForwardingSessionStore {
    volatile boolean lapsed;

    LapsingStore() {
      super(SessionStore.inMemory());
    }

    @Override public boolean claimStream(String id, String holder, Instant now, Duration lease) {
      return !lapsed && real.claimStream(id, holder, now, lease);
    }
  }

  @Test
  void aStreamWhoseClaimLapsedToAnotherEndsAtTheNextRenewal() throws Exception {
    LapsingStore lapsing = new LapsingStore();
    HttpEndpointOptions options = HttpEndpointOptions.builder().sessionStore(lapsing).sessionBus(bus)
        .clock(time.clock()).scheduler(time.scheduler()).build();
    a = McpHttpEndpoint.create(serverA.server, options);
    b = McpHttpEndpoint.create(serverB.server, options);
    toA = new InMemoryHttpClient(a);
    toB = new InMemoryHttpClient(b);
    String session = session("{}");
    HttpResponse<InputStream> stream = toA.send(get(session).build(), HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(200, stream.statusCode());
    try (SseReader events = new SseReader(stream.body())) {
      assertEquals(":", events.next(5));
      lapsing.lapsed = true; // from now on the store refuses A's renewal: another stream holds the claim
      time.advance(Duration.ofSeconds(9));
      assertEquals(1, a.sessionCount(), "no renewal yet");
      time.advance(Duration.ofSeconds(1)); // renewals run every 10 s
      assertEquals("retry:3000", events.nextEvent(5), "the stream that lost its claim ends");
      assertEquals(SseReader.EOF, events.nextEvent(5));
    }
    assertEquals(200, send(toB, post("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}", session)).statusCode(),
        "the session itself lives on");
  }

  @Test
  void aGetStreamOnOneInstanceKeepsTheSessionAliveOnAll() throws Exception {
    start(HttpEndpointOptions.builder().sessionIdleTimeout(Duration.ofSeconds(2))
        .clock(time.clock()).scheduler(time.scheduler()));
    String session = session("{}");
    Instant created = store.find(session).orElseThrow().lastUsedAt();
    HttpResponse<InputStream> stream = toA.send(get(session).build(), HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(200, stream.statusCode());
    try (SseReader events = new SseReader(stream.body())) {
      assertEquals(":", events.next(5));
      // Both instances sweep every second: B sweeps the session past five idle timeouts without a
      // stream of its own.
      time.advance(Duration.ofSeconds(10));
      assertEquals(created.plusSeconds(9), store.find(session).orElseThrow().lastUsedAt(),
          "B's sweep keeps a session whose stream A holds: each sweep past the timeout marks it used");
      assertEquals(200, send(toB, post("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}", session)).statusCode());
    }
  }
}
