package org.mcpkit.redis;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.mcpkit.protocol.CallToolResult;
import org.mcpkit.protocol.Implementation;
import org.mcpkit.protocol.LoggingLevel;
import org.mcpkit.protocol.ReadResourceResult;
import org.mcpkit.protocol.Resource;
import org.mcpkit.protocol.TextResourceContents;
import org.mcpkit.protocol.Tool;
import org.mcpkit.server.McpServer;
import org.mcpkit.server.ResourceSpec;
import org.mcpkit.server.ToolSpec;
import org.mcpkit.server.http.HttpEndpointOptions;
import org.mcpkit.testing.SseReader;
import org.mcpkit.transport.undertow.UndertowMcpServer;

/**
 * Two Undertow instances in one JVM sharing one real Redis through {@link McpRedis}, each with its
 * own Lettuce client, as two tasks behind a load balancer without affinity. Subclasses say which
 * Redis: a standalone redis-server ({@link RedisTwoInstancesTest}) or a Redis Cluster ({@link
 * RedisClusterTwoInstancesTest}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TwoInstancesContract {
  private static final ObjectMapper M = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  static Instance a;
  static Instance b;
  private static volatile CountDownLatch gate = new CountDownLatch(0);
  private static volatile CountDownLatch done = new CountDownLatch(0);

  /** One instance: its server, its Redis client, its listener. */
  record Instance(McpServer mcp, McpRedis redis, UndertowMcpServer http) {
    void close() {
      http.close();
      mcp.close();
      redis.close();
    }

    String url() {
      return http.url();
    }
  }

  private static Tool tool(String name) {
    return Tool.builder(name, Map.of("type", "object")).description(name).build();
  }

  /** Starts the Redis the instances share. */
  abstract void startRedis() throws Exception;

  /** How an instance connects to it (a new builder per call). */
  abstract McpRedis.Builder client();

  /** Stops what {@link #startRedis} started. */
  abstract void stopRedis() throws Exception;

  private static Instance instance(McpRedis.Builder redis) {
    McpRedis r = redis.commandTimeout(Duration.ofMillis(500)).sessionTtl(Duration.ofMinutes(5)).build();
    McpServer mcp = McpServer.builder(Implementation.of("redis-twins", "1"))
        .notificationBus(r.notificationBus())
        .tool(ToolSpec.of(tool("echo"), (ctx, args) -> CallToolResult.text("echo " + args.get("n"))))
        .tool(ToolSpec.of(tool("steps"), (ctx, args) -> {
          for (int i = 1; i <= 2; i++) {
            ctx.log(LoggingLevel.INFO, "step " + i);
          }
          try {
            gate.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          for (int i = 3; i <= 5; i++) {
            ctx.log(LoggingLevel.INFO, "step " + i);
          }
          done.countDown();
          return CallToolResult.text("stepped");
        }))
        .resource(ResourceSpec.of(Resource.of("test://hot", "hot"), (ctx, u, vars) ->
            new ReadResourceResult(List.of(new TextResourceContents(u, "text/plain", "x", null)), null)))
        .build();
    HttpEndpointOptions options = r.endpointOptions(HttpEndpointOptions.builder()).keepAlive(Duration.ofSeconds(30)).build();
    UndertowMcpServer http = UndertowMcpServer.builder(mcp).host("127.0.0.1").port(0).options(options)
        .readinessCheck(r::isReachable).shutdownHook(false).build().start();
    return new Instance(mcp, r, http);
  }

  @BeforeAll
  void start() throws Exception {
    startRedis();
    a = instance(client());
    b = instance(client());
  }

  @AfterAll
  void stop() throws Exception {
    if (a != null) {
      a.close();
    }
    if (b != null) {
      b.close();
    }
    stopRedis();
  }

  private static HttpRequest.Builder post(Instance to, String body, String session) {
    HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(to.url())).timeout(Duration.ofSeconds(20))
        .header("Content-Type", "application/json")
        .header("Accept", "application/json, text/event-stream")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (session != null) {
      r.header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-11-25");
    }
    return r;
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest.Builder get(Instance to, String session) {
    return HttpRequest.newBuilder(URI.create(to.url())).header("Accept", "text/event-stream")
        .header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-11-25").GET();
  }

  /** A 2025-11-25 session initialized through A and confirmed through B. */
  private static String session() throws Exception {
    HttpResponse<String> init = send(post(a, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
        + "\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"c\",\"version\":\"1\"}}}", null));
    assertEquals(200, init.statusCode(), init.body());
    String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
    assertEquals(202, send(post(b, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", session)).statusCode());
    return session;
  }

  private static String call(int id, String tool, int n) {
    return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
        + "\",\"arguments\":{\"n\":" + n + "}}}";
  }

  private static void await(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within 15 s: " + what);
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20)); // polling deadline
    }
  }

  @Test
  void aSessionInitializedOnAIsServedByBFor200Calls() throws Exception {
    String session = session();
    for (int i = 0; i < 200; i++) {
      HttpResponse<String> r = send(post(b, call(10 + i, "echo", i), session));
      assertEquals(200, r.statusCode(), r.body());
      assertEquals(M.readTree("{\"jsonrpc\":\"2.0\",\"id\":" + (10 + i)
          + ",\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"echo " + i + "\"}]}}"), M.readTree(r.body()));
    }
  }

  @Test
  void aGetStreamOnAGetsWhatBCausesAndEndsWhenADeletes() throws Exception {
    String session = session();
    assertEquals(200, send(post(b, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"resources/subscribe\",\"params\":{\"uri\":\"test://hot\"}}",
        session)).statusCode());
    HttpResponse<InputStream> stream = HTTP.send(get(b, session).build(), HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(200, stream.statusCode());
    try (SseReader events = new SseReader(stream.body())) {
      assertEquals(":", events.next(5));
      HttpResponse<String> second = HTTP.send(get(a, session).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(409, second.statusCode(), "one GET stream per session across instances");
      a.mcp().notifyResourceUpdated("test://hot");
      assertEquals(M.readTree("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/resources/updated\",\"params\":{\"uri\":\"test://hot\"}}"),
          M.readTree(events.nextEvent(5)));
      HttpResponse<String> deleted = HTTP.send(HttpRequest.newBuilder(URI.create(a.url()))
          .header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-11-25").DELETE().build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, deleted.statusCode());
      assertEquals("retry:3000", events.nextEvent(5), "B ends the stream when A ends the session");
      assertEquals(SseReader.EOF, events.nextEvent(5));
    }
    assertEquals(404, send(post(b, call(3, "echo", 1), session)).statusCode());
  }

  @Test
  void aGetStreamOnAGetsEachNotificationCausedOnBOnce() throws Exception {
    String session = session();
    assertEquals(200, send(post(a, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"resources/subscribe\",\"params\":{\"uri\":\"test://hot\"}}",
        session)).statusCode());
    HttpResponse<InputStream> stream = HTTP.send(get(a, session).build(), HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(200, stream.statusCode());
    try (SseReader events = new SseReader(stream.body())) {
      assertEquals(":", events.next(5));
      b.mcp().addTool(ToolSpec.of(tool("added"), (ctx, args) -> CallToolResult.text("added")));
      assertEquals(M.readTree("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/tools/list_changed\"}"),
          M.readTree(events.nextEvent(5)));
      b.mcp().notifyResourceUpdated("test://hot");
      // the next event is the update: the list change came exactly once
      assertEquals(M.readTree("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/resources/updated\",\"params\":{\"uri\":\"test://hot\"}}"),
          M.readTree(events.nextEvent(5)));
      b.mcp().notifyResourceUpdated("test://hot");
      assertEquals("notifications/resources/updated", M.readTree(events.nextEvent(5)).get("method").asText());
    }
  }

  @Test
  void aStreamCutOnAResumesOnBInOrderExactlyOnce() throws Exception {
    String session = session();
    assertEquals(200, send(post(a, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"logging/setLevel\",\"params\":{\"level\":\"info\"}}",
        session)).statusCode());
    gate = new CountDownLatch(1);
    done = new CountDownLatch(1);
    HttpResponse<InputStream> call = HTTP.send(post(a, call(4, "steps", 0), session).build(), HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(200, call.statusCode());
    String lastId;
    List<String> seen = new ArrayList<>();
    try (SseReader events = SseReader.withIds(call.body())) {
      for (int i = 1; i <= 2; i++) {
        String frame = events.nextEvent(5);
        seen.add(frame.substring(frame.indexOf(' ') + 1));
        lastId = frame.substring(0, frame.indexOf(' '));
        if (i == 1) {
          // cut after the first event: what follows must come from B
          String cut = lastId;
          events.close();
          gate.countDown();
          assertTrue(done.await(10, TimeUnit.SECONDS));
          HttpResponse<InputStream> resumed = HTTP.send(get(b, session).header("Last-Event-ID", cut).build(),
              HttpResponse.BodyHandlers.ofInputStream());
          assertEquals(200, resumed.statusCode());
          try (SseReader replay = new SseReader(resumed.body())) {
            List<String> rest = new ArrayList<>();
            while (true) {
              String f = replay.nextEvent(5);
              if (f.equals(SseReader.EOF)) {
                break;
              }
              rest.add(f);
            }
            assertEquals(5, rest.size(), rest.toString());
            for (int s = 2; s <= 5; s++) {
              assertEquals("step " + s, M.readTree(rest.get(s - 2)).at("/params/data").asText(), rest.toString());
            }
            assertEquals(M.readTree("{\"jsonrpc\":\"2.0\",\"id\":4,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"stepped\"}]}}"),
                M.readTree(rest.get(4)));
          }
          break;
        }
      }
    }
    assertEquals("step 1", M.readTree(seen.get(0)).at("/params/data").asText());
  }

  @Test
  void aListenStreamOnAGetsChangesPublishedOnB() throws Exception {
    String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"subscriptions/listen\",\"params\":{\"notifications\":"
        + "{\"toolsListChanged\":true,\"resourceSubscriptions\":[\"test://hot\"]},\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":"
        + "\"2026-07-28\",\"io.modelcontextprotocol/clientCapabilities\":{}}}}";
    HttpResponse<InputStream> listen = HTTP.send(HttpRequest.newBuilder(URI.create(a.url()))
        .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
        .header("MCP-Protocol-Version", "2026-07-28").header("Mcp-Method", "subscriptions/listen")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(200, listen.statusCode());
    try (SseReader events = new SseReader(listen.body())) {
      assertEquals("notifications/subscriptions/acknowledged", M.readTree(events.nextEvent(5)).get("method").asText());
      b.mcp().notifyResourceUpdated("test://hot");
      JsonNode updated = M.readTree(events.nextEvent(5));
      assertEquals("notifications/resources/updated", updated.get("method").asText(), updated.toString());
      assertEquals("test://hot", updated.at("/params/uri").asText());
      b.mcp().addTool(ToolSpec.of(tool("late"), (ctx, args) -> CallToolResult.text("late")));
      JsonNode changed = M.readTree(events.nextEvent(5));
      assertEquals("notifications/tools/list_changed", changed.get("method").asText(), changed.toString());
    }
  }
}
