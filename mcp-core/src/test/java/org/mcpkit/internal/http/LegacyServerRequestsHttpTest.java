package org.mcpkit.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mcpkit.internal.http.LegacyHttp.M;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mcpkit.server.McpException;
import org.mcpkit.server.http.HttpEndpointOptions;
import org.mcpkit.server.http.McpHttpEndpoint;
import org.mcpkit.server.http.SessionStore;
import org.mcpkit.testing.ContractServer;
import org.mcpkit.testing.InMemoryHttpClient;
import org.mcpkit.testing.SseReader;

/** Server-to-client requests of 2025-era sessions: ping on the GET stream, nothing else before initialized. */
class LegacyServerRequestsHttpTest {
  private static final URI MCP = URI.create("http://127.0.0.1:8080/mcp");
  private final ContractServer fixture = new ContractServer();
  private final ContractServer other = new ContractServer();
  private McpHttpEndpoint endpoint;
  private McpHttpEndpoint second;

  @AfterEach
  void close() {
    endpoint.close();
    if (second != null) {
      second.close();
    }
    fixture.server.close();
    other.server.close();
  }

  private static HttpRequest.Builder post(String body, String session) {
    HttpRequest.Builder b = HttpRequest.newBuilder(MCP).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json")
        .header("Accept", "application/json, text/event-stream")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    return session == null ? b : b.header("Mcp-Session-Id", session);
  }

  private static String initialize(HttpClient http, String capabilities) throws Exception {
    HttpResponse<String> r = http.send(post(
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\","
            + "\"capabilities\":" + capabilities + ",\"clientInfo\":{\"name\":\"c\",\"version\":\"1\"}}}", null).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    return r.headers().firstValue("Mcp-Session-Id").orElseThrow();
  }

  private static int initialized(HttpClient http, String session) throws Exception {
    return http.send(post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", session).build(),
        HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  private static SseReader openGet(HttpClient http, String session) throws Exception {
    HttpResponse<InputStream> get = http.send(
        HttpRequest.newBuilder(MCP).header("Accept", "text/event-stream").header("Mcp-Session-Id", session).GET().build(),
        HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(200, get.statusCode());
    SseReader sse = new SseReader(get.body());
    assertEquals(":", sse.next(5));
    return sse;
  }

  private static McpException failure(CompletableFuture<?> f) {
    ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(10, TimeUnit.SECONDS));
    return assertInstanceOf(McpException.class, e.getCause());
  }

  @Test
  void theServerPingsASessionOnItsGetStreamEvenBeforeInitialized() throws Exception {
    endpoint = McpHttpEndpoint.create(fixture.server);
    HttpClient http = new InMemoryHttpClient(endpoint);
    String session = initialize(http, "{}");
    assertEquals("The session has no open stream to send ping on",
        failure(endpoint.ping(session, Duration.ofSeconds(5))).getMessage());
    assertEquals("Session not found", failure(endpoint.ping("no-such-session", Duration.ofSeconds(5))).getMessage());
    try (SseReader sse = openGet(http, session)) {
      CompletableFuture<Void> ping = endpoint.ping(session, Duration.ofSeconds(10));
      var request = M.readTree(sse.nextEvent(5));
      String first = request.get("id").asText();
      // Ids name this instance, so an answer reaching another instance can be sent back here.
      assertTrue(first.matches("mcpkit-[A-Za-z0-9_-]{8}-1"), first);
      String prefix = first.substring(0, first.length() - 1);
      assertEquals(M.readTree("{\"jsonrpc\":\"2.0\",\"id\":\"" + first + "\",\"method\":\"ping\"}"), request,
          "ping is allowed before notifications/initialized");
      HttpResponse<String> answer = http.send(post("{\"jsonrpc\":\"2.0\",\"id\":\"" + first + "\",\"result\":{}}", session).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(202, answer.statusCode());
      assertNull(ping.get(10, TimeUnit.SECONDS));

      CompletableFuture<Void> refused = endpoint.ping(session, Duration.ofSeconds(10));
      assertEquals(prefix + "2", M.readTree(sse.nextEvent(5)).get("id").asText());
      http.send(post("{\"jsonrpc\":\"2.0\",\"id\":\"" + prefix + "2\",\"error\":{\"code\":-32601,\"message\":\"no\"}}", session).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals("The client answered ping with error -32601", failure(refused).getMessage());

      CompletableFuture<Void> unanswered = endpoint.ping(session, Duration.ofMillis(200));
      assertEquals(prefix + "3", M.readTree(sse.nextEvent(5)).get("id").asText());
      assertEquals("No answer to ping within 200 ms", failure(unanswered).getMessage());
      HttpResponse<String> late = http.send(post("{\"jsonrpc\":\"2.0\",\"id\":\"" + prefix + "3\",\"result\":{}}", session).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(202, late.statusCode(), "a late answer is accepted and dropped");

      CompletableFuture<Void> pending = endpoint.ping(session, Duration.ofSeconds(30));
      assertEquals(prefix + "4", M.readTree(sse.nextEvent(5)).get("id").asText());
      assertEquals(200, http.send(HttpRequest.newBuilder(MCP).header("Mcp-Session-Id", session).DELETE().build(),
          HttpResponse.BodyHandlers.ofString()).statusCode());
      assertEquals("Session ended before ping was answered", failure(pending).getMessage());
    }
  }

  @Test
  void noElicitationGoesOutBeforeNotificationsInitialized() throws Exception {
    endpoint = McpHttpEndpoint.create(fixture.server);
    HttpClient http = new InMemoryHttpClient(endpoint);
    String session = initialize(http, "{\"elicitation\":{}}");
    HttpResponse<String> early = http.send(
        post("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"ask\"}}", session).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, early.statusCode());
    assertEquals(
        M.readTree("{\"jsonrpc\":\"2.0\",\"id\":7,\"error\":{\"code\":-32603,"
            + "\"message\":\"Cannot send elicitation/create before the client sent notifications/initialized\"}}"),
        M.readTree(early.body()));
    assertEquals(202, initialized(http, session));
    assertElicits(http, endpoint, session);
  }

  @Test
  void initializedSentToAnotherInstanceCountsEverywhere() throws Exception {
    SessionStore shared = SessionStore.inMemory();
    HttpEndpointOptions options = HttpEndpointOptions.builder().sessionStore(shared).build();
    endpoint = McpHttpEndpoint.create(fixture.server, options);
    second = McpHttpEndpoint.create(other.server, options);
    HttpClient a = new InMemoryHttpClient(endpoint);
    HttpClient b = new InMemoryHttpClient(second);
    String session = initialize(a, "{\"elicitation\":{}}");
    assertEquals(false, Records.state(shared.find(session).orElseThrow()).initialized());
    assertEquals(202, initialized(b, session));
    assertEquals(true, Records.state(shared.find(session).orElseThrow()).initialized());
    assertElicits(a, endpoint, session);
  }

  private static void assertElicits(HttpClient http, McpHttpEndpoint endpoint, String session) throws Exception {
    HttpResponse<InputStream> call = http.send(
        post("{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"tools/call\",\"params\":{\"name\":\"ask\"}}", session).build(),
        HttpResponse.BodyHandlers.ofInputStream());
    try (SseReader sse = new SseReader(call.body())) {
      var ask = M.readTree(sse.nextEvent(10));
      assertEquals("elicitation/create", ask.get("method").asText());
      assertEquals(202, http.send(post("{\"jsonrpc\":\"2.0\",\"id\":" + ask.get("id")
          + ",\"result\":{\"action\":\"accept\",\"content\":{\"name\":\"Bo\"}}}", session).build(),
          HttpResponse.BodyHandlers.ofString()).statusCode());
      assertEquals(
          M.readTree("{\"jsonrpc\":\"2.0\",\"id\":8,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"Hi Bo\"}]}}"),
          M.readTree(sse.nextEvent(10)));
    }
  }
}
