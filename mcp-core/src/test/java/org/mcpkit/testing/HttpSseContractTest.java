package org.mcpkit.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mcpkit.protocol.ReadResourceResult;
import org.mcpkit.protocol.Resource;
import org.mcpkit.protocol.TextResourceContents;
import org.mcpkit.server.ResourceSpec;
import org.mcpkit.server.http.HttpEndpointOptions;
import org.mcpkit.server.http.McpHttpEndpoint;

/**
 * The deprecated HTTP+SSE transport (2024-11-05) contract: a GET stream at {@code /sse} announces
 * {@code /message?sessionId=...}; every POST there is answered 202 and everything the server says
 * arrives as {@code message} events on the stream. Subclasses serve the endpoint's {@code /sse} and
 * {@code /message} paths on 127.0.0.1, port 0.
 */
public abstract class HttpSseContractTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String INIT =
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2024-11-05\","
          + "\"capabilities\":%s,\"clientInfo\":{\"name\":\"old-client\",\"version\":\"1\"}}}";

  protected ContractServer fixture;
  protected McpHttpEndpoint endpoint;
  /** The server's root, e.g. {@code http://127.0.0.1:1234/}. */
  protected URI base;
  protected HttpClient http;

  /** Starts a server routing {@code /sse}, {@code /message} (and {@code /mcp}) to the endpoint; returns its root. */
  protected abstract URI start(McpHttpEndpoint endpoint) throws Exception;

  /** Stops the server. */
  protected abstract void stop() throws Exception;

  /** The client the tests talk through: a real one by default. */
  protected HttpClient client(McpHttpEndpoint endpoint) {
    return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  protected HttpEndpointOptions options() {
    return HttpEndpointOptions.builder()
        .keepAlive(Duration.ofMillis(300))
        .maxBodyBytes(64 * 1024)
        .httpSse("/sse", "/message")
        .build();
  }

  @BeforeEach
  void startServer() throws Exception {
    fixture = new ContractServer();
    fixture.server.addResource(
        ResourceSpec.of(
            Resource.of("test://r", "r"),
            (ctx, u, vars) -> new ReadResourceResult(List.of(new TextResourceContents(u, "text/plain", "r", null)), null)));
    endpoint = McpHttpEndpoint.create(fixture.server, options());
    base = start(endpoint);
    http = client(endpoint);
  }

  @AfterEach
  void stopServer() throws Exception {
    stop();
    endpoint.close();
    fixture.server.close();
  }

  // ------------------------------------------------------------------ helpers

  /** An open HTTP+SSE session: its stream and the message URI it announced. */
  protected final class OldClient implements AutoCloseable {
    final HttpResponse<InputStream> response;
    final SseReader events;
    final URI messages;
    final String sessionId;

    public OldClient() throws Exception {
      response =
          http.send(
              HttpRequest.newBuilder(base.resolve("/sse")).header("Accept", "text/event-stream").GET().build(),
              HttpResponse.BodyHandlers.ofInputStream());
      assertEquals(200, response.statusCode());
      assertEquals(Optional.of("text/event-stream"), response.headers().firstValue("Content-Type"));
      assertEquals(Optional.of("no-cache, no-transform"), response.headers().firstValue("Cache-Control"));
      events = new SseReader(response.body(), true);
      String endpointEvent = events.nextEvent(10);
      assertTrue(
          endpointEvent.matches("endpoint /message\\?sessionId=[A-Za-z0-9_-]{27}"),
          () -> "the first event names the message endpoint: " + endpointEvent);
      String relative = endpointEvent.substring("endpoint ".length());
      sessionId = relative.substring(relative.indexOf('=') + 1);
      messages = base.resolve(relative);
    }

    /** POSTs one message the way old clients do (no Accept header); returns the status. */
    public HttpResponse<String> post(String body) throws Exception {
      return send(messages, body);
    }

    /** POSTs and expects 202 with an empty body. */
    public void accepted(String body) throws Exception {
      HttpResponse<String> r = post(body);
      assertEquals(202, r.statusCode(), r::body);
      assertEquals("", r.body());
    }

    /** The next {@code message} event as JSON. */
    public JsonNode next() throws Exception {
      String e = events.nextEvent(10);
      assertTrue(e.startsWith("message "), () -> "a message event: " + e);
      return MAPPER.readTree(e.substring("message ".length()));
    }

    public void initialize(String capabilities) throws Exception {
      accepted(String.format(INIT, capabilities));
      assertEquals(
          json("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"protocolVersion\":\"2024-11-05\","
              + "\"capabilities\":{\"logging\":{},\"resources\":{\"subscribe\":true,\"listChanged\":true},"
              + "\"tools\":{\"listChanged\":true}},\"serverInfo\":{\"name\":\"contract\",\"version\":\"1.0.0\"}}}"),
          next());
      accepted("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
    }

    @Override
    public void close() throws Exception {
      events.close();
    }
  }

  protected HttpResponse<String> send(URI uri, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(20))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  protected static JsonNode json(String s) throws Exception {
    return MAPPER.readTree(s);
  }

  protected static void assertJsonError(HttpResponse<String> r, int status, String body) throws Exception {
    assertEquals(status, r.statusCode(), r::body);
    assertEquals(Optional.of("application/json"), r.headers().firstValue("Content-Type").map(v -> v.split(";")[0]));
    assertEquals(json(body), json(r.body()));
  }

  /** The number of live sessions on the serving endpoint. */
  protected int liveSessions() {
    return endpoint.sessionCount();
  }

  /** Polls until the condition holds, failing after {@code seconds}. */
  protected static void await(BooleanSupplier condition, double seconds, String what) {
    long deadline = System.nanoTime() + (long) (seconds * 1e9);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + seconds + " s: " + what);
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10)); // polling deadline
    }
  }

  // ------------------------------------------------------------------ tests

  @Test
  void roundTripOnOneSession() throws Exception {
    try (OldClient c = new OldClient()) {
      c.initialize("{}");
      assertEquals(1, liveSessions());

      c.accepted("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}");
      assertEquals(json("{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{}}"), c.next());

      c.accepted("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/list\"}");
      JsonNode list = c.next();
      assertEquals(3, list.get("id").asInt());
      assertEquals(
          List.of("ask", "echo", "hold", "needs_sampling", "progress", "reconnect", "stepper", "touch"),
          java.util.stream.StreamSupport.stream(list.get("result").get("tools").spliterator(), false)
              .map(t -> t.get("name").asText()).sorted().toList());
      assertEquals(false, list.get("result").has("resultType"), "legacy shape");

      c.accepted("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"arguments\":{\"text\":\"hi\"}}}");
      assertEquals(
          json("{\"jsonrpc\":\"2.0\",\"id\":4,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"hi\"}]}}"), c.next());

      c.accepted("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\",\"params\":{\"name\":\"progress\",\"_meta\":{\"progressToken\":\"p1\"}}}");
      // 2024-11-05 progress notifications have no message (added in 2025-03-26): the handler's text is not sent
      assertEquals(
          json("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{\"progressToken\":\"p1\",\"progress\":1.0,\"total\":2.0}}"),
          c.next());
      assertEquals(
          json("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{\"progressToken\":\"p1\",\"progress\":2.0,\"total\":2.0}}"),
          c.next());
      assertEquals(
          json("{\"jsonrpc\":\"2.0\",\"id\":5,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"progressed\"}]}}"), c.next());

      c.accepted("{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"logging/setLevel\",\"params\":{\"level\":\"info\"}}");
      assertEquals(json("{\"jsonrpc\":\"2.0\",\"id\":6,\"result\":{}}"), c.next());
      c.accepted("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"touch\"}}");
      assertEquals(
          json("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\",\"params\":{\"level\":\"info\",\"data\":\"touched\"}}"),
          c.next());
      assertEquals(
          json("{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"touched\"}]}}"), c.next());

      c.accepted("{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"resources/read\",\"params\":{\"uri\":\"test://r\"}}");
      assertEquals(
          json("{\"jsonrpc\":\"2.0\",\"id\":8,\"result\":{\"contents\":[{\"uri\":\"test://r\",\"mimeType\":\"text/plain\",\"text\":\"r\"}]}}"),
          c.next());

      c.accepted("{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"resources/subscribe\",\"params\":{\"uri\":\"test://r\"}}");
      assertEquals(json("{\"jsonrpc\":\"2.0\",\"id\":9,\"result\":{}}"), c.next());
      fixture.server.notifyResourceUpdated("test://r");
      assertEquals(
          json("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/resources/updated\",\"params\":{\"uri\":\"test://r\"}}"),
          c.next());

      c.accepted("{\"jsonrpc\":\"2.0\",\"id\":10,\"method\":\"prompts/list\"}");
      assertEquals(
          json("{\"jsonrpc\":\"2.0\",\"id\":10,\"error\":{\"code\":-32601,\"message\":\"Method not found: prompts/list\"}}"),
          c.next(), "no prompts registered: not advertised, not served");
    }
  }

  @Test
  void elicitationIsARealRequestOnTheStreamAnsweredByAPost() throws Exception {
    try (OldClient c = new OldClient()) {
      c.initialize("{\"elicitation\":{}}");
      c.accepted("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"ask\"}}");
      JsonNode ask = c.next();
      assertEquals("elicitation/create", ask.get("method").asText());
      assertEquals(
          json("{\"message\":\"Name?\",\"requestedSchema\":{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"}}}}"),
          ask.get("params"));
      c.accepted("{\"jsonrpc\":\"2.0\",\"id\":" + ask.get("id") + ",\"result\":{\"action\":\"accept\",\"content\":{\"name\":\"Bo\"}}}");
      assertEquals(
          json("{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"Hi Bo\"}]}}"), c.next());
    }
  }

  @Test
  void batchesAreAnsweredAsOneArrayEvent() throws Exception {
    try (OldClient c = new OldClient()) {
      c.initialize("{}");
      c.accepted("[{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"ping\"},"
          + "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"},"
          + "{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"arguments\":{\"text\":\"b\"}}}]");
      assertEquals(
          json("[{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{}},"
              + "{\"jsonrpc\":\"2.0\",\"id\":8,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"b\"}]}}]"),
          c.next());
      c.accepted("[" + String.format(INIT, "{}").replace("\"id\":1", "\"id\":9") + ",{\"jsonrpc\":\"2.0\",\"id\":10,\"method\":\"ping\"}]");
      assertEquals(
          json("[{\"jsonrpc\":\"2.0\",\"id\":9,\"error\":{\"code\":-32600,"
              + "\"message\":\"Invalid request: initialize must not be part of a batch\"}},"
              + "{\"jsonrpc\":\"2.0\",\"id\":10,\"result\":{}}]"),
          c.next());
      assertJsonError(c.post("[]"), 400,
          "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32600,\"message\":\"Invalid request: empty batch\"}}");
    }
  }

  @Test
  void unknownOrMissingSessionAndBadRequests() throws Exception {
    assertJsonError(send(base.resolve("/message?sessionId=no-such-session"), "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}"), 404,
        "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32600,\"message\":\"Session not found\"}}");
    assertJsonError(send(base.resolve("/message"), "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}"), 400,
        "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32600,\"message\":\"Bad request: sessionId query parameter is required\"}}");
    assertJsonError(send(base.resolve("/message?sessionId="), "{}"), 400,
        "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32600,\"message\":\"Bad request: sessionId query parameter is required\"}}");

    HttpResponse<String> getMessages = http.send(HttpRequest.newBuilder(base.resolve("/message")).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertJsonError(getMessages, 405, "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32600,\"message\":\"Method not allowed\"}}");
    assertEquals(Optional.of("POST"), getMessages.headers().firstValue("Allow"));
    HttpResponse<String> postSse = send(base.resolve("/sse"), "{}");
    assertJsonError(postSse, 405, "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32600,\"message\":\"Method not allowed\"}}");
    assertEquals(Optional.of("GET"), postSse.headers().firstValue("Allow"));
    assertJsonError(
        http.send(HttpRequest.newBuilder(base.resolve("/sse")).header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString()),
        406, "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32600,\"message\":\"Not acceptable: Accept must include text/event-stream\"}}");
    assertJsonError(
        http.send(HttpRequest.newBuilder(base.resolve("/sse")).header("Accept", "text/event-stream")
            .header("Origin", "https://evil.example").GET().build(), HttpResponse.BodyHandlers.ofString()),
        403, "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32600,\"message\":\"Forbidden: Origin not allowed\"}}");

    try (OldClient c = new OldClient()) {
      assertJsonError(c.post("{not json"), 400,
          "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32700,\"message\":\"Parse error: invalid JSON\"}}");
      HttpResponse<String> text = http.send(
          HttpRequest.newBuilder(c.messages).header("Content-Type", "text/plain")
              .POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertJsonError(text, 415,
          "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32600,\"message\":\"Unsupported media type: Content-Type must be application/json\"}}");
      assertJsonError(c.post("{\"pad\":\"" + "x".repeat(70 * 1024) + "\"}"), 413,
          "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32600,\"message\":\"Payload too large: the limit is 65536 bytes\"}}");
      c.accepted("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}"); // an answer nobody waits for is dropped
    }
  }

  @Test
  void closingTheStreamEndsTheSessionAndItsCalls() throws Exception {
    OldClient c = new OldClient();
    c.initialize("{}");
    c.accepted("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"hold\"}}");
    assertTrue(fixture.holdStarted.await(10, TimeUnit.SECONDS));
    assertEquals(1, liveSessions());
    c.close(); // the client goes away
    assertTrue(fixture.holdInterrupted.await(10, TimeUnit.SECONDS), "the running call is cancelled");
    await(() -> liveSessions() == 0, 10, "the session is gone");
    assertEquals(0, endpoint.activeRequests());
    assertJsonError(c.post("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"ping\"}"), 404,
        "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32600,\"message\":\"Session not found\"}}");
  }

  @Test
  void drainEndsTheStreamAfterInFlightCallsAndRefusesNewRequests() throws Exception {
    try (OldClient c = new OldClient()) {
      c.initialize("{}");
      c.accepted("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"stepper\",\"_meta\":{\"progressToken\":1}}}");
      assertEquals("notifications/progress", c.next().get("method").asText());
      java.util.concurrent.CompletableFuture<Boolean> drained =
          java.util.concurrent.CompletableFuture.supplyAsync(() -> endpoint.drain(Duration.ofSeconds(10)));
      await(() -> {
        try {
          return send(base.resolve("/message?sessionId=probe"), "{}").statusCode() == 503;
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }, 10, "new requests are refused while draining");
      fixture.stepperGo.countDown();
      assertEquals("notifications/progress", c.next().get("method").asText());
      assertEquals(
          json("{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"stepped\"}]}}"), c.next());
      assertEquals(true, drained.get(10, TimeUnit.SECONDS));
      assertEquals(SseReader.EOF, c.events.nextEvent(10), "then the stream ends");
      assertEquals(0, liveSessions());
      assertJsonError(
          http.send(HttpRequest.newBuilder(base.resolve("/sse")).header("Accept", "text/event-stream").GET().build(),
              HttpResponse.BodyHandlers.ofString()),
          503, "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32603,\"message\":\"Server is shutting down\"}}");
    }
  }

  @Test
  void keepAliveCommentsFlowOnAnIdleStream() throws Exception {
    try (OldClient c = new OldClient()) {
      assertEquals(":", c.events.next(5));
      assertEquals(":", c.events.next(5));
    }
  }
}
