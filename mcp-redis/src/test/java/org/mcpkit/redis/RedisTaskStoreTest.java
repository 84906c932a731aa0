package org.mcpkit.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mcpkit.protocol.CallToolResult;
import org.mcpkit.protocol.ElicitRequest;
import org.mcpkit.protocol.Implementation;
import org.mcpkit.protocol.Tool;
import org.mcpkit.server.McpServer;
import org.mcpkit.server.ToolSpec;
import org.mcpkit.server.task.TaskOptions;
import org.mcpkit.server.task.TaskRecord;
import org.mcpkit.server.task.TaskStatus;
import org.mcpkit.server.task.TaskStore;
import org.mcpkit.server.task.TaskSupport;
import org.mcpkit.transport.undertow.UndertowMcpServer;

/**
 * The Redis task store against a real redis-server: two clients as two instances (the cap and
 * atomic updates across them, expiry on the engine's clock, results kept across a restart of the
 * client), and two Undertow endpoints sharing one Redis: a task started through A is answered and
 * fetched through B.
 */
class RedisTaskStoreTest {
  private static final ObjectMapper M = new ObjectMapper();
  private static RedisProcess redis;
  private static McpRedis one;
  private static McpRedis two;
  private static RedisClient raw;
  private static StatefulRedisConnection<String, String> cli;

  @BeforeAll
  static void start() throws Exception {
    redis = RedisProcess.start();
    one = McpRedis.builder(redis.uri()).keyPrefix("tt:").build();
    two = McpRedis.builder(redis.uri()).keyPrefix("tt:").build();
    raw = RedisClient.create(redis.uri());
    cli = raw.connect();
  }

  @AfterAll
  static void stop() throws Exception {
    cli.close();
    raw.shutdown();
    one.close();
    two.close();
    redis.close();
  }

  private static TaskRecord task(String id, String owner, Instant now, Duration ttl) {
    return TaskRecord.working(id, owner, now, ttl, Duration.ofMillis(500), Map.of("name", "t", "arguments", Map.of("n", 1)), Map.of());
  }

  @Test
  void theCapHoldsAcrossInstancesAndFinishedTasksFreeTheirPlace() {
    TaskStore a = one.taskStore();
    TaskStore b = two.taskStore();
    Instant now = Instant.now();
    assertEquals(TaskStore.Created.CREATED, a.create(task("cap-1", "alice", now, Duration.ofMinutes(5)), 2, now));
    assertEquals(TaskStore.Created.CREATED, b.create(task("cap-2", "alice", now, Duration.ofMinutes(5)), 2, now));
    assertEquals(TaskStore.Created.OWNER_LIMIT, a.create(task("cap-3", "alice", now, Duration.ofMinutes(5)), 2, now));
    assertEquals(TaskStore.Created.CREATED, a.create(task("cap-4", "bob", now, Duration.ofMinutes(5)), 2, now), "another owner");
    Optional<TaskRecord> done = b.update("cap-1", t -> t.completed(Map.of("content", java.util.List.of()), now), now);
    assertEquals(TaskStatus.COMPLETED, done.orElseThrow().status());
    assertEquals(TaskStore.Created.CREATED, a.create(task("cap-3", "alice", now, Duration.ofMinutes(5)), 2, now), "a finished task frees its place");
    long pttl = cli.sync().pttl("tt:{tasks}:t:cap-1");
    assertTrue(pttl > 0 && pttl <= Duration.ofMinutes(5).toMillis(), "the key expires with the task: " + pttl);
  }

  @Test
  void updatesAreAtomicAcrossInstancesAndReadBackExactly() throws Exception {
    TaskStore a = one.taskStore();
    TaskStore b = two.taskStore();
    Instant now = Instant.ofEpochMilli(Instant.now().toEpochMilli());
    a.create(task("cas", "carol", now, Duration.ofMinutes(5)), 10, now);
    int threads = 4;
    int each = 25;
    CountDownLatch go = new CountDownLatch(1);
    Thread[] workers = new Thread[threads];
    for (int i = 0; i < threads; i++) {
      TaskStore store = i % 2 == 0 ? a : b;
      workers[i] = new Thread(() -> {
        try {
          go.await();
          for (int k = 0; k < each; k++) {
            store.update("cas", t -> {
              int n = t.answers().get("n") instanceof Number x ? x.intValue() : 0;
              return t.answered(Map.of("n", n + 1), Map.of(), now);
            }, now);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      workers[i].start();
    }
    go.countDown();
    for (Thread w : workers) {
      w.join(TimeUnit.SECONDS.toMillis(30));
    }
    TaskRecord t = b.get("cas", now).orElseThrow();
    assertEquals(threads * each, ((Number) t.answers().get("n")).intValue(), "no update lost");
    assertEquals(TaskStatus.WORKING, t.status());
    assertEquals(now, t.createdAt());
    assertEquals(Duration.ofMinutes(5), t.ttl());
    assertEquals(Map.of("name", "t", "arguments", Map.of("n", 1)), t.request());
  }

  @Test
  void aTaskIsGoneOnceTheEnginesClockPassesItsExpiryAndResultsOutliveAClientRestart() {
    Instant now = Instant.ofEpochMilli(Instant.now().toEpochMilli());
    TaskStore a = one.taskStore();
    a.create(task("ttl", "dave", now, Duration.ofMinutes(1)), 10, now);
    a.update("ttl", t -> t.completed(Map.of("content", java.util.List.of(Map.of("type", "text", "text", "kept"))), now), now);
    assertTrue(a.get("ttl", now.plusSeconds(59)).isPresent());
    assertEquals(Optional.empty(), a.get("ttl", now.plusSeconds(61)));
    assertEquals(Optional.empty(), a.update("ttl", t -> t.withStatusMessage("late", now), now.plusSeconds(61)));
    try (McpRedis restarted = McpRedis.builder(redis.uri()).keyPrefix("tt:").build()) {
      TaskRecord t = restarted.taskStore().get("ttl", now.plusSeconds(1)).orElseThrow();
      assertEquals(TaskStatus.COMPLETED, t.status());
      assertEquals("kept", ((Map<?, ?>) ((java.util.List<?>) t.result().get("content")).get(0)).get("text"));
    }
  }

  // ---------------------------------------------------------------- two endpoints, one Redis

  private static McpServer server(String name, McpRedis shared, AtomicInteger runs, CountDownLatch release) {
    return McpServer.builder(Implementation.of(name, "1"))
        .tasks(TaskOptions.builder().store(shared.taskStore()).build())
        .tool(
            ToolSpec.of(
                    Tool.builder("ask", Map.of("type", "object")).build(),
                    (ctx, args) -> {
                      runs.incrementAndGet();
                      var answer = ctx.elicit("name", ElicitRequest.form("Name?", Map.of("type", "object")));
                      return CallToolResult.text("Hi " + answer.content().get("name") + " from " + name);
                    })
                .withTaskSupport(TaskSupport.OPTIONAL))
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

  private static JsonNode send(HttpClient http, UndertowMcpServer to, String method, String name, String params) throws Exception {
    String body =
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":{" + params
            + ",\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
            + "\"io.modelcontextprotocol/clientCapabilities\":{\"elicitation\":{},"
            + "\"extensions\":{\"io.modelcontextprotocol/tasks\":{}}}}}}";
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(to.url())).timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, text/event-stream")
            .header("MCP-Protocol-Version", "2026-07-28")
            .header("Mcp-Method", method)
            .header("Mcp-Name", name)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
    return PostAnswer.message(response.body());
  }

  private static JsonNode awaitStatus(HttpClient http, UndertowMcpServer to, String id, String status) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    JsonNode r = send(http, to, "tasks/get", id, "\"taskId\":\"" + id + "\"");
    while (!status.equals(r.at("/result/status").asText()) && System.nanoTime() < deadline) {
      Thread.onSpinWait();
      r = send(http, to, "tasks/get", id, "\"taskId\":\"" + id + "\"");
    }
    assertEquals(status, r.at("/result/status").asText(), r.toString());
    return r;
  }

  @Test
  void aTaskStartedThroughAIsAnsweredAndFetchedThroughB() throws Exception {
    AtomicInteger runsA = new AtomicInteger();
    AtomicInteger runsB = new AtomicInteger();
    CountDownLatch release = new CountDownLatch(1);
    McpServer mcpA = server("a", one, runsA, release);
    McpServer mcpB = server("b", two, runsB, release);
    UndertowMcpServer a = UndertowMcpServer.builder(mcpA).host("127.0.0.1").port(0).shutdownHook(false).build().start();
    UndertowMcpServer b = UndertowMcpServer.builder(mcpB).host("127.0.0.1").port(0).shutdownHook(false).build().start();
    HttpClient http = HttpClient.newHttpClient();
    try {
      JsonNode created = send(http, a, "tools/call", "hold", "\"name\":\"hold\"");
      assertEquals("task", created.at("/result/resultType").asText(), created.toString());
      String held = created.at("/result/taskId").asText();
      assertEquals("working", send(http, b, "tasks/get", held, "\"taskId\":\"" + held + "\"").at("/result/status").asText());
      release.countDown();
      assertEquals("held on a", awaitStatus(http, b, held, "completed").at("/result/result/content/0/text").asText());

      String asked = send(http, a, "tools/call", "ask", "\"name\":\"ask\"").at("/result/taskId").asText();
      JsonNode waiting = awaitStatus(http, b, asked, "input_required");
      assertEquals("elicitation/create", waiting.at("/result/inputRequests/name/method").asText());
      send(http, b, "tasks/update", asked,
          "\"taskId\":\"" + asked + "\",\"inputResponses\":{\"name\":{\"action\":\"accept\",\"content\":{\"name\":\"Ada\"}}}");
      assertEquals("Hi Ada from b", awaitStatus(http, a, asked, "completed").at("/result/result/content/0/text").asText());
      assertEquals(1, runsA.get());
      assertEquals(1, runsB.get());
    } finally {
      release.countDown();
      a.close();
      b.close();
      mcpA.close();
      mcpB.close();
    }
  }
}
