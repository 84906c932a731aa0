package org.mcpkit.internal.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.Principal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mcpkit.jsonrpc.JsonRpcRequest;
import org.mcpkit.protocol.CallToolResult;
import org.mcpkit.protocol.ElicitRequest;
import org.mcpkit.protocol.Implementation;
import org.mcpkit.protocol.Tool;
import org.mcpkit.server.McpServer;
import org.mcpkit.server.ToolSpec;
import org.mcpkit.server.task.TaskOptions;
import org.mcpkit.server.task.TaskStore;
import org.mcpkit.server.task.TaskSupport;
import org.mcpkit.testing.ManualTime;

/** Tool calls as tasks through the dispatcher: lifecycle, cancellation, TTL, principals, the cap. */
class TaskTest {
  private static final Map<String, Object> TASKS =
      Map.of("elicitation", Map.of(), "extensions", Map.of("io.modelcontextprotocol/tasks", Map.of()));
  private final ManualTime time = new ManualTime();
  private final CountDownLatch release = new CountDownLatch(1);
  private final CountDownLatch started = new CountDownLatch(1);
  private final CountDownLatch interrupted = new CountDownLatch(1);
  private final AtomicInteger askRuns = new AtomicInteger();
  private final McpServer server =
      McpServer.builder(Implementation.of("tasks", "1"))
          .clock(time.clock())
          .tasks(
              TaskOptions.builder()
                  .store(TaskStore.inMemory(100))
                  .ttl(Duration.ofMinutes(5))
                  .pollInterval(Duration.ofMillis(250))
                  .maxActivePerPrincipal(2)
                  .build())
          .tool(
              ToolSpec.of(
                      Tool.builder("hold", Map.of("type", "object")).build(),
                      (ctx, args) -> {
                        started.countDown();
                        ctx.progress(1, 2.0, "half way");
                        try {
                          release.await();
                        } catch (InterruptedException e) {
                          interrupted.countDown();
                          throw e;
                        }
                        return CallToolResult.text("released");
                      })
                  .withTaskSupport(TaskSupport.OPTIONAL))
          .tool(
              ToolSpec.of(
                      Tool.builder("ask", Map.of("type", "object")).build(),
                      (ctx, args) -> {
                        askRuns.incrementAndGet();
                        var answer = ctx.elicit("name", ElicitRequest.form("Name?", Map.of("type", "object")));
                        return CallToolResult.text("Hi " + answer.content().get("name"));
                      })
                  .withTaskSupport(TaskSupport.REQUIRED))
          .tool(ToolSpec.of(Tool.builder("plain", Map.of("type", "object")).build(), (ctx, args) -> CallToolResult.text("plain")))
          .build();
  private final TestClient client = new TestClient(server);

  TaskTest() {
    client.capabilities = TASKS;
  }

  @AfterEach
  void close() {
    release.countDown();
    server.close();
    time.close();
  }

  private JsonNode call(TransportContext ctx, String method, Map<String, Object> params) throws Exception {
    JsonRpcRequest request = client.request(method, params);
    RecordingSink sink = new RecordingSink();
    client.dispatcher.dispatch(request, ctx, sink);
    return client.tree(sink.await());
  }

  private String start(String tool) throws Exception {
    JsonNode r = client.call("tools/call", Map.of("name", tool));
    assertEquals("task", r.at("/result/resultType").asText(), r.toString());
    return r.at("/result/taskId").asText();
  }

  private JsonNode get(String taskId) throws Exception {
    return client.call("tasks/get", Map.of("taskId", taskId));
  }

  /** Polls tasks/get (bounded) until the status is reached. */
  private JsonNode awaitStatus(String taskId, String status) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    JsonNode r = get(taskId);
    while (!status.equals(r.at("/result/status").asText()) && System.nanoTime() < deadline) {
      Thread.onSpinWait();
      r = get(taskId);
    }
    assertEquals(status, r.at("/result/status").asText(), r.toString());
    return r;
  }

  @Test
  void createdTaskIsFoundAtOnceAndCompletesWithTheHandlersResult() throws Exception {
    JsonNode created = client.call("tools/call", Map.of("name", "hold"));
    JsonNode r = created.get("result");
    assertEquals("working", r.get("status").asText());
    assertEquals(300000, r.get("ttlMs").asLong());
    assertEquals(250, r.get("pollIntervalMs").asLong());
    assertEquals("2026-01-01T00:00:00Z", r.get("createdAt").asText());
    assertFalse(r.has("result"));
    assertFalse(r.has("requestState"));
    String id = r.get("taskId").asText();
    assertTrue(id.matches("[A-Za-z0-9_-]{32}"), id);
    assertEquals("working", get(id).at("/result/status").asText());
    started.await(10, TimeUnit.SECONDS);
    assertEquals("half way", awaitStatusMessage(id));
    release.countDown();
    JsonNode done = awaitStatus(id, "completed");
    assertEquals("complete", done.at("/result/resultType").asText());
    assertEquals("released", done.at("/result/result/content/0/text").asText());
  }

  private String awaitStatusMessage(String id) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    JsonNode r = get(id);
    while (!r.at("/result/statusMessage").isTextual() && System.nanoTime() < deadline) {
      Thread.onSpinWait();
      r = get(id);
    }
    return r.at("/result/statusMessage").asText();
  }

  @Test
  void cancellingARunningTaskInterruptsItsHandlerAndIsIdempotent() throws Exception {
    String id = start("hold");
    assertTrue(started.await(10, TimeUnit.SECONDS));
    JsonNode ack = client.call("tasks/cancel", Map.of("taskId", id));
    assertEquals("complete", ack.at("/result/resultType").asText());
    assertFalse(ack.get("result").has("status"));
    assertTrue(interrupted.await(10, TimeUnit.SECONDS), "the handler was interrupted");
    JsonNode after = get(id);
    assertEquals("cancelled", after.at("/result/status").asText());
    assertEquals("Cancelled by the client", after.at("/result/statusMessage").asText());
    assertEquals("complete", client.call("tasks/cancel", Map.of("taskId", id)).at("/result/resultType").asText());
    assertEquals("cancelled", get(id).at("/result/status").asText());
  }

  @Test
  void inputInsideATaskIsAskedOnTasksGetAndAnsweredWithTasksUpdate() throws Exception {
    String id = start("ask");
    JsonNode waiting = awaitStatus(id, "input_required");
    assertEquals("elicitation/create", waiting.at("/result/inputRequests/name/method").asText());
    JsonNode ignored = client.call("tasks/update", Map.of("taskId", id, "inputResponses", Map.of("other", Map.of("action", "accept"))));
    assertEquals("complete", ignored.at("/result/resultType").asText());
    assertEquals("input_required", get(id).at("/result/status").asText());
    client.call(
        "tasks/update",
        Map.of("taskId", id, "inputResponses", Map.of("name", Map.of("action", "accept", "content", Map.of("name", "Ada")))));
    JsonNode done = awaitStatus(id, "completed");
    assertEquals("Hi Ada", done.at("/result/result/content/0/text").asText());
    assertEquals(2, askRuns.get(), "the handler ran again from the top with the answer");
  }

  @Test
  void cancelWhileInputRequiredEndsTheTaskAndLaterAnswersAreIgnored() throws Exception {
    String id = start("ask");
    awaitStatus(id, "input_required");
    client.call("tasks/cancel", Map.of("taskId", id));
    JsonNode after = get(id);
    assertEquals("cancelled", after.at("/result/status").asText());
    assertFalse(after.get("result").has("inputRequests"));
    client.call("tasks/update", Map.of("taskId", id, "inputResponses", Map.of("name", Map.of("action", "accept"))));
    assertEquals("cancelled", get(id).at("/result/status").asText());
    assertEquals(1, askRuns.get());
  }

  @Test
  void aTaskExpiresWithItsTtlOnTheInjectedClock() throws Exception {
    String id = start("ask");
    awaitStatus(id, "input_required");
    time.advance(Duration.ofMinutes(5));
    assertEquals("input_required", get(id).at("/result/status").asText(), "kept for the whole TTL");
    time.advance(Duration.ofMillis(1));
    JsonNode gone = get(id);
    assertEquals(-32602, gone.at("/error/code").asInt());
    assertEquals("Task not found", gone.at("/error/message").asText());
  }

  @Test
  void anotherPrincipalSeesNotFound() throws Exception {
    TransportContext alice = new TransportContext(principal("alice"), new Connection());
    TransportContext bob = new TransportContext(principal("bob"), new Connection());
    JsonNode created = call(alice, "tools/call", Map.of("name", "ask"));
    String id = created.at("/result/taskId").asText();
    assertEquals("ask", "ask");
    for (String method : new String[] {"tasks/get", "tasks/cancel"}) {
      JsonNode r = call(bob, method, Map.of("taskId", id));
      assertEquals(-32602, r.at("/error/code").asInt(), method);
      assertEquals("Task not found", r.at("/error/message").asText());
    }
    JsonNode anonymous = get(id);
    assertEquals(-32602, anonymous.at("/error/code").asInt());
    assertTrue(call(alice, "tasks/get", Map.of("taskId", id)).at("/result/status").isTextual());
  }

  @Test
  void thePerPrincipalCapRefusesMoreUnfinishedTasksWithAClearError() throws Exception {
    String first = start("ask");
    start("ask");
    JsonNode third = client.call("tools/call", Map.of("name", "ask"));
    assertEquals(-32603, third.at("/error/code").asInt());
    assertEquals(
        "Too many unfinished tasks for this client (limit 2); retry when one has finished",
        third.at("/error/message").asText());
    TransportContext carol = new TransportContext(principal("carol"), new Connection());
    assertEquals("task", call(carol, "tools/call", Map.of("name", "ask")).at("/result/resultType").asText());
    client.call("tasks/cancel", Map.of("taskId", first));
    assertEquals("task", client.call("tools/call", Map.of("name", "ask")).at("/result/resultType").asText());
  }

  @Test
  void withoutTheExtensionTasksMethodsAndRequiredTaskToolsAreRefusedWithMinus32021() throws Exception {
    client.capabilities = Map.of();
    for (String method : new String[] {"tasks/get", "tasks/update", "tasks/cancel"}) {
      JsonNode r = client.call(method, Map.of("taskId", "x", "inputResponses", Map.of()));
      assertEquals(-32021, r.at("/error/code").asInt(), method);
      assertTrue(r.at("/error/data/requiredCapabilities/extensions/io.modelcontextprotocol~1tasks").isObject());
    }
    assertEquals(-32021, client.call("tools/call", Map.of("name", "ask")).at("/error/code").asInt());
    release.countDown();
    JsonNode sync = client.call("tools/call", Map.of("name", "hold"));
    assertEquals("complete", sync.at("/result/resultType").asText());
    assertEquals("released", sync.at("/result/content/0/text").asText());
    assertEquals("complete", client.call("tools/call", Map.of("name", "plain")).at("/result/resultType").asText());
  }

  @Test
  void removedMethodsAndUnknownIdsGetTheSpecCodes() throws Exception {
    assertEquals(-32601, client.call("tasks/result", Map.of("taskId", "x")).at("/error/code").asInt());
    assertEquals(-32601, client.call("tasks/list", Map.of()).at("/error/code").asInt());
    assertEquals(-32602, client.call("tasks/get", Map.of("taskId", "nope")).at("/error/code").asInt());
    assertEquals(-32602, client.call("tasks/get", Map.of()).at("/error/code").asInt());
    assertEquals(-32602, client.call("tasks/update", Map.of("taskId", "nope", "inputResponses", Map.of())).at("/error/code").asInt());
    JsonNode discover = client.call("server/discover", Map.of());
    assertTrue(discover.at("/result/capabilities/extensions/io.modelcontextprotocol~1tasks").isObject());
    assertFalse(discover.at("/result/capabilities").has("tasks"));
    Map<String, Object> plainOnly = new LinkedHashMap<>();
    plainOnly.put("name", "plain");
    plainOnly.put("task", Map.of("ttl", 1000));
    assertEquals("complete", client.call("tools/call", plainOnly).at("/result/resultType").asText());
  }

  private static Principal principal(String name) {
    return () -> name;
  }
}
