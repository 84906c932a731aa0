package org.mcpkit.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mcpkit.protocol.CallToolResult;
import org.mcpkit.protocol.Implementation;
import org.mcpkit.protocol.Tool;
import org.mcpkit.server.McpServer;
import org.mcpkit.server.ServerEvent;
import org.mcpkit.server.ToolSpec;
import org.mcpkit.server.task.TaskOptions;
import org.mcpkit.server.task.TaskRecord;
import org.mcpkit.server.task.TaskStore;
import org.mcpkit.server.task.TaskSupport;
import org.mcpkit.testing.SseReader;
import org.mcpkit.transport.undertow.UndertowMcpServer;

/**
 * Listing and status notifications of tasks on a real redis-server: an owner's tasks paged through
 * the per-owner index from two clients (expired ones skipped, another owner's never listed), the
 * task-status event over Redis pub/sub, and a task running on Undertow instance A heard of on a
 * {@code subscriptions/listen} stream of instance B.
 */
class RedisTaskNotificationsTest {
  private static final ObjectMapper M = new ObjectMapper();
  private static RedisProcess redis;
  private static McpRedis one;
  private static McpRedis two;
  private static RedisClient raw;
  private static StatefulRedisConnection<String, String> cli;

  @BeforeAll
  static void start() throws Exception {
    redis = RedisProcess.start();
    one = McpRedis.builder(redis.uri()).keyPrefix("tn:").build();
    two = McpRedis.builder(redis.uri()).keyPrefix("tn:").build();
    raw = RedisClient.create(redis.uri());
    cli = raw.connect();
  }

  @AfterAll
  static void stop() throws Exception {
    if (cli != null) {
      cli.close();
    }
    if (raw != null) {
      raw.shutdown();
    }
    if (one != null) {
      one.close();
    }
    if (two != null) {
      two.close();
    }
    if (redis != null) {
      redis.close();
    }
  }

  private static TaskRecord task(String id, String owner, Instant created, Duration ttl) {
    return TaskRecord.working(id, owner, created, ttl, Duration.ofMillis(500), Map.of("name", "t"), Map.of());
  }

  private static List<String> ids(List<TaskRecord> tasks) {
    return tasks.stream().map(TaskRecord::taskId).toList();
  }

  @Test
  void anOwnersTasksArePagedInCreationOrderFromEitherInstanceAndExpiredOnesAreSkipped() {
    TaskStore a = one.taskStore();
    TaskStore b = two.taskStore();
    Instant t0 = Instant.ofEpochMilli(Instant.now().toEpochMilli());
    a.create(task("l-b", "erin", t0, Duration.ofMinutes(5)), 10, t0);
    b.create(task("l-a", "erin", t0, Duration.ofMinutes(5)), 10, t0); // same millisecond: ordered by id
    a.create(task("l-short", "erin", t0.plusMillis(1), Duration.ofSeconds(1)), 10, t0);
    b.create(task("l-c", "erin", t0.plusMillis(2), Duration.ofMinutes(5)), 10, t0);
    a.create(task("l-x", "frank", t0.plusMillis(1), Duration.ofMinutes(5)), 10, t0);

    List<TaskRecord> page1 = b.list("erin", TaskStore.Position.FIRST, 2, t0);
    assertEquals(List.of("l-a", "l-b"), ids(page1));
    List<TaskRecord> page2 = a.list("erin", TaskStore.Position.of(page1.get(1)), 2, t0);
    assertEquals(List.of("l-short", "l-c"), ids(page2));
    assertEquals(List.of(), ids(a.list("erin", TaskStore.Position.of(page2.get(1)), 2, t0)));
    assertEquals(
        List.of("l-a", "l-b", "l-c"), ids(b.list("erin", TaskStore.Position.FIRST, 10, t0.plusSeconds(2))),
        "expired on the engine's clock");
    assertEquals(List.of("l-x"), ids(a.list("frank", TaskStore.Position.FIRST, 10, t0)));
    assertEquals(List.of(), ids(a.list("nobody", TaskStore.Position.FIRST, 10, t0)));
    assertEquals(4, cli.sync().zcard("tn:{tasks}:a:erin"), "one index per owner, in the {tasks} slot");
    long pttl = cli.sync().pttl("tn:{tasks}:a:erin");
    assertTrue(pttl > Duration.ofMinutes(4).toMillis() && pttl <= Duration.ofMinutes(5).toMillis(), "the index expires: " + pttl);

    cli.sync().del("tn:{tasks}:t:l-b"); // Redis let the task go
    assertEquals(List.of("l-a", "l-short", "l-c"), ids(a.list("erin", TaskStore.Position.FIRST, 10, t0)));
    assertEquals(3, cli.sync().zcard("tn:{tasks}:a:erin"), "its id left the index");
  }

  @Test
  void aTaskStatusEventCrossesRedisWithItsTaskId() throws Exception {
    java.util.concurrent.BlockingQueue<ServerEvent> heard = new java.util.concurrent.LinkedBlockingQueue<>();
    try (AutoCloseable subscription = two.notificationBus().subscribe(heard::add)) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      ServerEvent got = null;
      while (got == null && System.nanoTime() < deadline) { // the subscription becomes active asynchronously
        one.notificationBus().publish(ServerEvent.taskStatus("t-42"));
        got = heard.poll(100, TimeUnit.MILLISECONDS);
      }
      assertEquals(ServerEvent.taskStatus("t-42"), got);
    }
  }

  private static McpServer server(String name, McpRedis shared, CountDownLatch release) {
    return McpServer.builder(Implementation.of(name, "1"))
        .notificationBus(shared.notificationBus())
        .tasks(TaskOptions.builder().store(shared.taskStore()).build())
        .tool(
            ToolSpec.of(
                    Tool.builder("hold", Map.of("type", "object")).build(),
                    (ctx, args) -> {
                      release.await(20, TimeUnit.SECONDS);
                      return CallToolResult.text("held on " + name);
                    })
                .withTaskSupport(TaskSupport.OPTIONAL))
        .build();
  }

  private static HttpRequest request(UndertowMcpServer to, String method, String name, String params) {
    String body =
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":{" + params
            + ",\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
            + "\"io.modelcontextprotocol/clientCapabilities\":{\"extensions\":{\"io.modelcontextprotocol/tasks\":{}}}}}}";
    HttpRequest.Builder r =
        HttpRequest.newBuilder(URI.create(to.url())).timeout(Duration.ofSeconds(20))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, text/event-stream")
            .header("MCP-Protocol-Version", "2026-07-28")
            .header("Mcp-Method", method)
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (name != null) {
      r.header("Mcp-Name", name);
    }
    return r.build();
  }

  @Test
  void aTaskRunningOnAIsHeardOfOnAListenStreamOfB() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    McpServer mcpA = server("a", one, release);
    McpServer mcpB = server("b", two, release);
    UndertowMcpServer a = UndertowMcpServer.builder(mcpA).host("127.0.0.1").port(0).shutdownHook(false).build().start();
    UndertowMcpServer b = UndertowMcpServer.builder(mcpB).host("127.0.0.1").port(0).shutdownHook(false).build().start();
    HttpClient http = HttpClient.newHttpClient();
    try {
      HttpResponse<String> created = http.send(request(a, "tools/call", "hold", "\"name\":\"hold\""), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, created.statusCode(), created.body());
      String id = PostAnswer.message(created.body()).at("/result/taskId").asText();
      HttpResponse<InputStream> listen = http.send(
          request(b, "subscriptions/listen", null, "\"notifications\":{\"taskIds\":[\"" + id + "\"]}"),
          HttpResponse.BodyHandlers.ofInputStream());
      assertEquals(200, listen.statusCode());
      try (SseReader sse = new SseReader(listen.body())) {
        JsonNode ack = M.readTree(sse.nextEvent(10));
        assertEquals(M.readTree("{\"taskIds\":[\"" + id + "\"]}"), ack.at("/params/notifications"), ack.toString());
        assertEquals("working", M.readTree(sse.nextEvent(10)).at("/params/status").asText());
        release.countDown();
        JsonNode done = M.readTree(sse.nextEvent(10));
        assertEquals("notifications/tasks", done.get("method").asText(), done.toString());
        assertEquals("completed", done.at("/params/status").asText());
        assertEquals("held on a", done.at("/params/result/content/0/text").asText(), "A ran it, B heard it over Redis");
      }
    } finally {
      release.countDown();
      mcpB.close(); // ends B's listen stream with its result first, so the endpoint has nothing to drain
      mcpA.close();
      a.close();
      b.close();
    }
  }
}
