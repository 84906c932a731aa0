package org.mcpkit.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mcpkit.protocol.CallToolResult;
import org.mcpkit.protocol.Implementation;
import org.mcpkit.protocol.Tool;
import org.mcpkit.server.McpServer;
import org.mcpkit.server.ToolSpec;
import org.mcpkit.server.http.HttpEndpointOptions;
import org.mcpkit.transport.undertow.UndertowMcpServer;

/**
 * Fail closed and recover: with redis-server stopped, the requests that need shared state get 503
 * with a JSON-RPC error and {@code Retry-After} within the command timeout, {@code /readyz} turns
 * 503, 2026-07-28 calls go on; when it returns, service resumes without restarting anything. Every
 * key the instances wrote carries a TTL.
 */
class RedisFailClosedTest {
  private static final ObjectMapper M = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private RedisProcess redis;
  private McpRedis redisA;
  private McpRedis redisB;
  private McpServer mcpA;
  private McpServer mcpB;
  private UndertowMcpServer a;
  private UndertowMcpServer b;

  private UndertowMcpServer start(McpRedis r, McpServer mcp) {
    HttpEndpointOptions options = r.endpointOptions(HttpEndpointOptions.builder()).build();
    return UndertowMcpServer.builder(mcp).host("127.0.0.1").port(0).options(options)
        .readinessCheck(r::isReachable).shutdownHook(false).build().start();
  }

  private static McpServer server(McpRedis r) {
    return McpServer.builder(Implementation.of("redis-fail", "1")).notificationBus(r.notificationBus())
        .tool(ToolSpec.of(Tool.builder("echo", Map.of("type", "object")).description("echo").build(),
            (ctx, args) -> CallToolResult.text("echo " + args.get("n"))))
        .build();
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : new AutoCloseable[] {a, b, mcpA, mcpB, redisA, redisB, redis}) {
      if (c != null) {
        c.close();
      }
    }
  }

  private HttpResponse<String> legacy(UndertowMcpServer to, String session, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(to.url())).timeout(Duration.ofSeconds(20))
        .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
        .header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-11-25")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> modernEcho(UndertowMcpServer to) throws Exception {
    String body = "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"arguments\":{\"n\":7},"
        + "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\",\"io.modelcontextprotocol/clientCapabilities\":{}}}}";
    return http.send(HttpRequest.newBuilder(URI.create(to.url())).timeout(Duration.ofSeconds(20))
        .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
        .header("MCP-Protocol-Version", "2026-07-28").header("Mcp-Method", "tools/call").header("Mcp-Name", "echo")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest listen(UndertowMcpServer to) {
    String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"subscriptions/listen\",\"params\":{\"notifications\":"
        + "{\"toolsListChanged\":true},\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":"
        + "\"2026-07-28\",\"io.modelcontextprotocol/clientCapabilities\":{}}}}";
    return HttpRequest.newBuilder(URI.create(to.url()))
        .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
        .header("MCP-Protocol-Version", "2026-07-28").header("Mcp-Method", "subscriptions/listen")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
  }

  private int readyz(UndertowMcpServer to) {
    try {
      return http.send(HttpRequest.newBuilder(URI.create(to.url().replace("/mcp", "/readyz"))).GET().build(),
          HttpResponse.BodyHandlers.ofString()).statusCode();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static void await(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within 15 s: " + what);
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50)); // polling deadline
    }
  }

  private static String echo(int id, int n) {
    return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"arguments\":{\"n\":" + n + "}}}";
  }

  @Test
  void failsClosedWhileRedisIsDownAndRecoversByItself() throws Exception {
    redis = RedisProcess.start();
    redisA = McpRedis.builder(redis.uri()).commandTimeout(Duration.ofMillis(500)).build();
    redisB = McpRedis.builder(redis.uri()).commandTimeout(Duration.ofMillis(500)).build();
    mcpA = server(redisA);
    mcpB = server(redisB);
    a = start(redisA, mcpA);
    b = start(redisB, mcpB);

    HttpResponse<String> init = http.send(HttpRequest.newBuilder(URI.create(a.url()))
        .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
        .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
            + "\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"c\",\"version\":\"1\"}}}"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, init.statusCode());
    String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
    assertEquals(202, legacy(b, session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}").statusCode());
    assertEquals(200, legacy(b, session, echo(2, 2)).statusCode());
    assertEquals(200, readyz(a));
    assertEveryKeyHasATtl();
    assertEquals(4, otherClients());
    // Twice: the second outage must cost no thread the first did not (Lettuce starts its
    // reconnect executors lazily, once), and each recovery ends on the same four connections.
    int threads = outageAndRecovery(session, 10);
    assertTrue(outageAndRecovery(session, 20) <= threads + 2, "threads grew across outages");

    // A frozen Redis (connections open, no answers): b serves the session from its copy for at
    // most the one-second revalidation window (or until its background check fails), then reads
    // Redis, waits the command timeout and answers 503.
    redis.signal("STOP");
    try {
      long frozenAt = System.nanoTime();
      int served = 0;
      while (true) { // bounded by the deadline below
        long t0 = System.nanoTime();
        HttpResponse<String> frozen = legacy(b, session, echo(40, 0));
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        long sinceMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - frozenAt);
        if (frozen.statusCode() == 200) {
          assertTrue(sinceMs < 1500, "served from the copy " + sinceMs + " ms into the freeze");
          served++;
          continue;
        }
        assertEquals(503, frozen.statusCode(), frozen.body());
        assertEquals(List.of("3"), frozen.headers().allValues("Retry-After"));
        assertTrue(tookMs < 3000, "answered after " + tookMs + " ms with a 500 ms command timeout");
        assertTrue(sinceMs < 3000, "refused " + sinceMs + " ms into the freeze");
        break;
      }
      assertTrue(served < 10_000, "bounded");
      HttpResponse<String> still = legacy(b, session, echo(40, 0));
      assertEquals(503, still.statusCode(), "once refused, every request reads the frozen Redis: " + still.body());
    } finally {
      redis.signal("CONT");
    }
    await(() -> {
      try {
        return legacy(b, session, echo(41, 1)).statusCode() == 200;
      } catch (Exception e) {
        return false;
      }
    }, "served again once Redis thaws");
    assertEquals(200, legacy(a, session, echo(42, 2)).statusCode());
  }

  private int outageAndRecovery(String session, int id) throws Exception {
    redis.stopSaving();
    long t0 = System.nanoTime();
    HttpResponse<String> refused = legacy(b, session, echo(id + 3, 3));
    long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    assertEquals(503, refused.statusCode(), refused.body());
    assertEquals(List.of("3"), refused.headers().allValues("Retry-After"));
    assertEquals(M.readTree("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32603,"
        + "\"message\":\"Service unavailable: shared session state is unreachable, retry later\"}}"), M.readTree(refused.body()));
    assertTrue(tookMs < 5000, "refused after " + tookMs + " ms");
    HttpResponse<String> stream = http.send(HttpRequest.newBuilder(URI.create(a.url())).header("Accept", "text/event-stream")
        .header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-11-25").GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(503, stream.statusCode(), stream.body());
    assertEquals(List.of("3"), stream.headers().allValues("Retry-After"));
    HttpResponse<String> modern = modernEcho(a);
    assertEquals(200, modern.statusCode(), "2026-07-28 calls need no shared state");
    assertEquals(M.readTree("{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"echo 7\"}],"
        + "\"resultType\":\"complete\",\"_meta\":{\"io.modelcontextprotocol/serverInfo\":{\"name\":\"redis-fail\",\"version\":\"1\"}}}}"),
        M.readTree(modern.body()));
    await(() -> readyz(a) == 503 && readyz(b) == 503, "/readyz 503 while Redis is down");
    HttpResponse<String> listenDown = http.send(listen(a), HttpResponse.BodyHandlers.ofString());
    assertEquals(503, listenDown.statusCode(), "a listen stream on a bus that reaches no other instance is refused");
    assertEquals(List.of("3"), listenDown.headers().allValues("Retry-After"));
    for (int i = 0; i < 20; i++) { // bounded: repeated refusals leak nothing
      assertEquals(503, legacy(a, session, echo(id * 100 + i, i)).statusCode());
    }

    redis.run();
    await(() -> readyz(a) == 200 && readyz(b) == 200, "/readyz 200 once Redis is back");
    HttpResponse<String> resumed = legacy(a, session, echo(id + 4, 4));
    assertEquals(200, resumed.statusCode(), resumed.body());
    assertEquals(M.readTree("{\"jsonrpc\":\"2.0\",\"id\":" + (id + 4) + ",\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"echo 4\"}]}}"),
        M.readTree(resumed.body()));
    assertEquals(200, legacy(b, session, echo(id + 5, 5)).statusCode());
    HttpResponse<java.io.InputStream> listening = http.send(listen(a), HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(200, listening.statusCode());
    try (org.mcpkit.testing.SseReader events = new org.mcpkit.testing.SseReader(listening.body())) {
      assertEquals("notifications/subscriptions/acknowledged", M.readTree(events.nextEvent(5)).get("method").asText());
      mcpB.addTool(ToolSpec.of(Tool.builder("late" + id, Map.of("type", "object")).description("late").build(),
          (ctx, args) -> CallToolResult.text("late")));
      assertEquals("notifications/tools/list_changed", M.readTree(events.nextEvent(5)).get("method").asText());
    }
    await(() -> otherClients() == 4, "each instance back on exactly its two connections (commands, pub/sub)");
    return Thread.activeCount();
  }

  /** Connections to Redis other than the one asking. */
  private int otherClients() {
    RedisClient client = RedisClient.create(redis.uri());
    try (StatefulRedisConnection<String, String> c = client.connect()) {
      return (int) c.sync().clientList().lines().filter(l -> !l.isBlank()).count() - 1;
    } finally {
      client.shutdown();
    }
  }

  private void assertEveryKeyHasATtl() {
    RedisClient client = RedisClient.create(redis.uri());
    try (StatefulRedisConnection<String, String> c = client.connect()) {
      List<String> keys = c.sync().keys("*");
      assertTrue(keys.size() >= 2, keys.toString());
      for (String key : keys) {
        long ttl = c.sync().pttl(key);
        assertTrue(ttl > 0, key + " has no TTL: " + ttl);
      }
    } finally {
      client.shutdown();
    }
  }
}
