package org.mcpkit.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mcpkit.protocol.CallToolResult;
import org.mcpkit.protocol.Implementation;
import org.mcpkit.protocol.Tool;
import org.mcpkit.server.McpServer;
import org.mcpkit.server.NotificationBus;
import org.mcpkit.server.ServerEvent;
import org.mcpkit.server.ToolSpec;
import org.mcpkit.server.http.HttpEndpointOptions;
import org.mcpkit.server.http.McpHttpEndpoint;
import org.mcpkit.testing.InMemoryHttpClient;
import org.mcpkit.testing.RecordingObserver;
import org.mcpkit.testing.SseReader;

/**
 * When the notification bus stops reaching the other instances (its Redis went away), open
 * {@code subscriptions/listen} and GET streams end with a {@code retry:} hint instead of going
 * silent, new ones are refused 503 with {@code Retry-After} while stateless calls go on, and once
 * the bus is back both open again (the GET stream's claim, which could not be released while the
 * bus was down, is released then).
 */
class ListenEndsWhenBusDownTest {
  private static final ObjectMapper M = new ObjectMapper();
  private static final URI MCP = URI.create("http://127.0.0.1:8080/mcp");
  private static final String META = "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
      + "\"io.modelcontextprotocol/clientCapabilities\":{}}";
  private final FakeBus bus = new FakeBus();
  private final RecordingObserver observer = new RecordingObserver();
  private McpServer server;
  private McpHttpEndpoint endpoint;
  private HttpClient http;

  /** A bus within this JVM whose availability the test sets, as a Redis bus reports reachability. */
  private static final class FakeBus implements NotificationBus {
    private final NotificationBus local = NotificationBus.inMemory();
    volatile boolean up = true;

    @Override
    public void publish(ServerEvent event) {
      local.publish(event);
    }

    @Override
    public AutoCloseable subscribe(Consumer<ServerEvent> listener) {
      return local.subscribe(listener);
    }

    @Override
    public boolean available() {
      return up;
    }

    @Override
    public void close() {
      local.close();
    }
  }

  @AfterEach
  void close() {
    if (endpoint != null) {
      endpoint.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private void start() {
    server = McpServer.builder(Implementation.of("bus-down", "1")).notificationBus(bus).observer(observer)
        .tool(ToolSpec.of(Tool.builder("echo", Map.of("type", "object")).description("echo").build(),
            (ctx, args) -> CallToolResult.text("echo " + args.get("n"))))
        .build();
    endpoint = McpHttpEndpoint.create(server, HttpEndpointOptions.builder().keepAlive(Duration.ZERO).build());
    http = new InMemoryHttpClient(endpoint);
  }

  private static HttpRequest.Builder post(String body) {
    return HttpRequest.newBuilder(MCP).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
        .POST(HttpRequest.BodyPublishers.ofString(body));
  }

  private HttpRequest listen() {
    return post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"subscriptions/listen\",\"params\":{\"notifications\":"
        + "{\"toolsListChanged\":true}," + META + "}}")
        .header("MCP-Protocol-Version", "2026-07-28").header("Mcp-Method", "subscriptions/listen").build();
  }

  private HttpRequest get(String session) {
    return HttpRequest.newBuilder(MCP).header("Accept", "text/event-stream")
        .header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-11-25").GET().build();
  }

  private String session() throws Exception {
    HttpResponse<String> init = http.send(post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
        + "\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"c\",\"version\":\"1\"}}}").build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, init.statusCode(), init.body());
    String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
    assertEquals(202, http.send(post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}")
        .header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-11-25").build(),
        HttpResponse.BodyHandlers.ofString()).statusCode());
    return session;
  }

  /** Every frame up to the end of the stream, events shown as {@code event}. */
  private static List<String> rest(SseReader sse) throws InterruptedException {
    List<String> frames = new java.util.ArrayList<>();
    String f;
    do {
      f = sse.next(10);
      frames.add(f.startsWith("{") ? "event" : f);
    } while (!f.equals(SseReader.EOF));
    return frames;
  }

  private static void assertRefused(HttpResponse<String> r) throws Exception {
    assertEquals(503, r.statusCode(), r.body());
    assertEquals(List.of("3"), r.headers().allValues("Retry-After"));
    assertEquals(M.readTree("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32603,"
        + "\"message\":\"Service unavailable: shared session state is unreachable, retry later\"}}"), M.readTree(r.body()));
  }

  private static void await(java.util.function.BooleanSupplier condition, java.util.function.Supplier<String> what) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, what);
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10)); // polling deadline
    }
  }

  @Test
  void openStreamsEndWithARetryHintWhileTheBusIsDownAndReopenOnceItIsBack() throws Exception {
    start();
    String session = session();
    HttpResponse<InputStream> listening = http.send(listen(), HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(200, listening.statusCode());
    HttpResponse<InputStream> getting = http.send(get(session), HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(200, getting.statusCode());
    try (SseReader listen = new SseReader(listening.body()); SseReader stream = new SseReader(getting.body())) {
      assertEquals("notifications/subscriptions/acknowledged", M.readTree(listen.nextEvent(5)).get("method").asText());
      assertEquals(":", stream.next(5));

      bus.up = false;
      assertEquals(List.of("retry:3000", SseReader.EOF), rest(listen), "the listen stream ends, telling when to come back");
      assertEquals(List.of("retry:3000", SseReader.EOF), rest(stream), "so does the session's GET stream");
    }
    await(() -> observer.events.containsAll(
        List.of("streamClosed LISTEN EVENTS_UNAVAILABLE", "streamClosed GET EVENTS_UNAVAILABLE")), observer.events::toString);
    assertRefused(http.send(listen(), HttpResponse.BodyHandlers.ofString()));
    assertRefused(http.send(get(session), HttpResponse.BodyHandlers.ofString()));
    HttpResponse<String> stateless = http.send(post("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{"
        + "\"name\":\"echo\",\"arguments\":{\"n\":7}," + META + "}}")
        .header("MCP-Protocol-Version", "2026-07-28").header("Mcp-Method", "tools/call").header("Mcp-Name", "echo").build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, stateless.statusCode(), "a call that needs no events goes on");
    assertEquals("echo 7", M.readTree(stateless.body()).at("/result/content/0/text").asText());

    bus.up = true;
    HttpResponse<InputStream> relistened = http.send(listen(), HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(200, relistened.statusCode());
    try (SseReader listen = new SseReader(relistened.body())) {
      assertEquals("notifications/subscriptions/acknowledged", M.readTree(listen.nextEvent(5)).get("method").asText());
      server.addTool(ToolSpec.of(Tool.builder("late", Map.of("type", "object")).description("late").build(),
          (ctx, args) -> CallToolResult.text("late")));
      assertEquals("notifications/tools/list_changed", M.readTree(listen.nextEvent(5)).get("method").asText());
    }
    // The claim of the ended GET stream is released at the next check after the bus returned.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    HttpResponse<InputStream> reopened;
    while ((reopened = http.send(get(session), HttpResponse.BodyHandlers.ofInputStream())).statusCode() == 409) {
      reopened.body().close();
      assertTrue(System.nanoTime() < deadline, "the GET stream's claim was never released");
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20)); // polling deadline
    }
    assertEquals(200, reopened.statusCode());
    try (SseReader stream = new SseReader(reopened.body())) {
      assertEquals(":", stream.next(5));
    }
  }
}
