package org.mcpkit.internal.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mcpkit.jsonrpc.JsonRpcMessage;
import org.mcpkit.jsonrpc.JsonRpcNotification;
import org.mcpkit.jsonrpc.JsonRpcRequest;
import org.mcpkit.jsonrpc.RequestId;
import org.mcpkit.protocol.CallToolResult;
import org.mcpkit.protocol.Implementation;
import org.mcpkit.protocol.Tool;
import org.mcpkit.server.McpException;
import org.mcpkit.server.McpServer;
import org.mcpkit.server.ToolSpec;
import org.mcpkit.server.task.TaskOptions;
import org.mcpkit.server.task.TaskStore;
import org.mcpkit.server.task.TaskSupport;

/**
 * The experimental tasks of 2025-11-25 for 2025-era sessions, on the store the 2026-07-28 extension
 * uses: capability, tool listing, task-augmented calls, {@code tasks/get}, {@code tasks/result}
 * (waiting for the end), {@code tasks/cancel}, the session binding, the error codes; and nothing of
 * it for older sessions.
 */
class LegacyTasksTest {
  private final TaskStore store = TaskStore.inMemory(100);
  private final CountDownLatch release = new CountDownLatch(1);
  private final CountDownLatch holding = new CountDownLatch(1);
  private final McpServer server =
      McpServer.builder(Implementation.of("legacy-tasks", "1"))
          .tasks(TaskOptions.builder().store(store).ttl(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(20)).build())
          .tool(
              ToolSpec.of(
                      Tool.builder("hold", Map.of("type", "object")).build(),
                      (ctx, args) -> {
                        holding.countDown();
                        release.await(20, TimeUnit.SECONDS);
                        return CallToolResult.text("released");
                      })
                  .withTaskSupport(TaskSupport.OPTIONAL))
          .tool(
              ToolSpec.of(Tool.builder("must", Map.of("type", "object")).build(), (ctx, args) -> CallToolResult.text("ran"))
                  .withTaskSupport(TaskSupport.REQUIRED))
          .tool(
              ToolSpec.of(
                      Tool.builder("broken", Map.of("type", "object")).build(),
                      (ctx, args) -> {
                        throw McpException.invalidParams("Bad input for broken");
                      })
                  .withTaskSupport(TaskSupport.OPTIONAL))
          .tool(
              ToolSpec.of(
                      Tool.builder("oops", Map.of("type", "object")).build(),
                      (ctx, args) -> CallToolResult.error("Quota exhausted"))
                  .withTaskSupport(TaskSupport.OPTIONAL))
          .tool(ToolSpec.of(Tool.builder("plain", Map.of("type", "object")).build(), (ctx, args) -> CallToolResult.text("plain")))
          .build();
  private final Dispatcher dispatcher = Dispatchers.of(server);
  private final TransportContext context = TransportContext.anonymous();
  private long ids;

  @AfterEach
  void close() {
    release.countDown();
    server.close();
  }

  private JsonNode call(TransportContext ctx, String method, String paramsJson) throws Exception {
    RecordingSink sink = new RecordingSink();
    dispatcher.dispatch(new JsonRpcRequest(RequestId.of(++ids), method, TestClient.json(paramsJson)), ctx, sink);
    JsonRpcMessage m = sink.await();
    return TestClient.MAPPER.readTree(dispatcher.codec().encode(m));
  }

  private JsonNode call(String method, String paramsJson) throws Exception {
    return call(context, method, paramsJson);
  }

  private JsonNode initialize(TransportContext ctx, String version) throws Exception {
    JsonNode r =
        call(ctx, "initialize",
            "{\"protocolVersion\":\"" + version + "\",\"capabilities\":{\"elicitation\":{}},\"clientInfo\":{\"name\":\"c\",\"version\":\"1\"}}");
    dispatcher.notification(new JsonRpcNotification("notifications/initialized", Map.of()), ctx);
    return r;
  }

  private String start(String tool) throws Exception {
    JsonNode r = call("tools/call", "{\"name\":\"" + tool + "\",\"task\":{\"ttl\":60000}}").get("result");
    return r.at("/task/taskId").asText();
  }

  private JsonNode awaitStatus(String id, String status) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    JsonNode r = call("tasks/get", "{\"taskId\":\"" + id + "\"}").get("result");
    while (!status.equals(r.get("status").asText()) && System.nanoTime() < deadline) {
      Thread.onSpinWait();
      r = call("tasks/get", "{\"taskId\":\"" + id + "\"}").get("result");
    }
    assertEquals(status, r.get("status").asText(), r.toString());
    return r;
  }

  @Test
  void aSessionOf20251125SeesTheCapabilityAndTheToolsTaskSupport() throws Exception {
    JsonNode init = initialize(context, "2025-11-25").get("result");
    assertEquals(
        TestClient.parse("{\"list\":{},\"cancel\":{},\"requests\":{\"tools\":{\"call\":{}}}}"), init.at("/capabilities/tasks"));
    JsonNode tools = call("tools/list", "{}").at("/result/tools");
    assertEquals("optional", tools.at("/0/execution/taskSupport").asText(), tools.toString());
    assertEquals("required", tools.at("/1/execution/taskSupport").asText());
    assertFalse(tools.get(4).has("execution"), "a tool without task support: " + tools.get(4));
  }

  @Test
  void aTaskAugmentedCallReturnsTheTaskAndTasksResultWaitsForItsResult() throws Exception {
    initialize(context, "2025-11-25");
    JsonNode created = call("tools/call", "{\"name\":\"hold\",\"arguments\":{},\"task\":{\"ttl\":60000}}").get("result");
    JsonNode task = created.get("task");
    assertEquals("working", task.get("status").asText());
    assertEquals(60000, task.get("ttl").asLong(), "the requested TTL, below the configured 10 min");
    assertEquals(20, task.get("pollInterval").asLong());
    assertTrue(task.has("createdAt") && task.has("lastUpdatedAt"), task.toString());
    String id = task.get("taskId").asText();
    assertTrue(holding.await(10, TimeUnit.SECONDS));
    assertEquals("working", call("tasks/get", "{\"taskId\":\"" + id + "\"}").at("/result/status").asText());

    RecordingSink waiting = new RecordingSink();
    dispatcher.dispatch(
        new JsonRpcRequest(RequestId.of(++ids), "tasks/result", TestClient.json("{\"taskId\":\"" + id + "\"}")), context, waiting);
    release.countDown();
    JsonNode result = TestClient.MAPPER.readTree(dispatcher.codec().encode(waiting.await())).get("result");
    assertEquals("released", result.at("/content/0/text").asText(), result.toString());
    assertEquals(id, result.at("/_meta/io.modelcontextprotocol~1related-task/taskId").asText());
    assertEquals("completed", call("tasks/get", "{\"taskId\":\"" + id + "\"}").at("/result/status").asText());
  }

  @Test
  void aFailedTasksResultIsItsJsonRpcError() throws Exception {
    initialize(context, "2025-11-25");
    String broken = start("broken");
    JsonNode error = call("tasks/result", "{\"taskId\":\"" + broken + "\"}").get("error");
    assertEquals(-32602, error.get("code").asInt());
    assertEquals("Bad input for broken", error.get("message").asText());
    JsonNode failed = awaitStatus(broken, "failed");
    assertEquals("Bad input for broken", failed.get("statusMessage").asText());
  }

  @Test
  void aToolResultWithIsErrorFailsTheTaskAndTasksResultReturnsThatResult() throws Exception {
    initialize(context, "2025-11-25");
    String id = start("oops");
    JsonNode result = call("tasks/result", "{\"taskId\":\"" + id + "\"}").get("result");
    assertEquals(
        TestClient.parse(
            "{\"content\":[{\"type\":\"text\",\"text\":\"Quota exhausted\"}],\"isError\":true,"
                + "\"_meta\":{\"io.modelcontextprotocol/related-task\":{\"taskId\":\"" + id + "\"}}}"),
        result);
    JsonNode task = call("tasks/get", "{\"taskId\":\"" + id + "\"}").get("result");
    assertEquals("failed", task.get("status").asText(), "2025-11-25: an isError result fails the task");
    assertEquals("Tool 'oops' returned an error result; tasks/result returns it", task.get("statusMessage").asText());
    JsonNode cancel = call("tasks/cancel", "{\"taskId\":\"" + id + "\"}").get("error");
    assertEquals(-32602, cancel.get("code").asInt());
    assertEquals("Task already ended (failed)", cancel.get("message").asText());
    assertEquals("completed", store.get(id, java.time.Instant.now()).orElseThrow().status().wire(), "stored as the 2026 extension says");
  }

  @Test
  void cancelEndsTheTaskOnceAndAnEndedTaskCannotBeCancelled() throws Exception {
    initialize(context, "2025-11-25");
    String id = start("hold");
    assertTrue(holding.await(10, TimeUnit.SECONDS));
    JsonNode cancelled = call("tasks/cancel", "{\"taskId\":\"" + id + "\"}").get("result");
    assertEquals("cancelled", cancelled.get("status").asText());
    assertEquals("Cancelled by the client", cancelled.get("statusMessage").asText());
    JsonNode again = call("tasks/cancel", "{\"taskId\":\"" + id + "\"}").get("error");
    assertEquals(-32602, again.get("code").asInt());
    assertEquals("Task already ended (cancelled)", again.get("message").asText());
    assertEquals("Task cancelled", call("tasks/result", "{\"taskId\":\"" + id + "\"}").at("/error/message").asText());
  }

  @Test
  void theCodesOfTheSpecAndTheSessionBinding() throws Exception {
    initialize(context, "2025-11-25");
    assertEquals(-32601, call("tools/call", "{\"name\":\"must\"}").at("/error/code").asInt(), "required without a task");
    assertEquals(-32601, call("tools/call", "{\"name\":\"plain\",\"task\":{}}").at("/error/code").asInt(), "forbidden with a task");
    assertEquals("plain", call("tools/call", "{\"name\":\"plain\"}").at("/result/content/0/text").asText());
    assertEquals(-32602, call("tasks/get", "{\"taskId\":\"nope\"}").at("/error/code").asInt());
    String id = start("must");
    assertEquals("ran", call("tasks/result", "{\"taskId\":\"" + id + "\"}").at("/result/content/0/text").asText());

    TransportContext other = TransportContext.anonymous();
    initialize(other, "2025-11-25");
    JsonNode foreign = call(other, "tasks/get", "{\"taskId\":\"" + id + "\"}").get("error");
    assertEquals(-32602, foreign.get("code").asInt());
    assertEquals("Task not found", foreign.get("message").asText(), "another anonymous session does not see the task");
  }

  @Test
  void olderSessionsGetNoneOfIt() throws Exception {
    JsonNode init = initialize(context, "2025-06-18").get("result");
    assertFalse(init.get("capabilities").has("tasks"), init.toString());
    assertFalse(call("tools/list", "{}").at("/result/tools/0").has("execution"));
    assertEquals("ran", call("tools/call", "{\"name\":\"must\",\"task\":{}}").at("/result/content/0/text").asText(), "an ordinary call");
    assertEquals(-32601, call("tasks/get", "{\"taskId\":\"x\"}").at("/error/code").asInt());
  }
}
