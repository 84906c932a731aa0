package org.mcpkit.internal.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.Principal;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mcpkit.jsonrpc.JsonRpcNotification;
import org.mcpkit.jsonrpc.JsonRpcRequest;
import org.mcpkit.jsonrpc.RequestId;
import org.mcpkit.jsonrpc.JsonRpcSuccess;
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

/**
 * 2025-11-25 tasks under the server's limits: the requested TTL on the injected clock (gone from
 * {@code tasks/get} and {@code tasks/list} once past), the binding to the principal across its
 * sessions (another principal gets "not found"; a question goes only to the session that can route
 * its answer), and the per-principal cap.
 */
class LegacyTaskLimitsTest {
  private final ManualTime time = new ManualTime();
  private final CountDownLatch release = new CountDownLatch(1);
  private final McpServer server =
      McpServer.builder(Implementation.of("legacy-task-limits", "1"))
          .clock(time.clock())
          .tasks(TaskOptions.builder().store(TaskStore.inMemory(100)).ttl(Duration.ofMinutes(10)).maxActivePerPrincipal(1).build())
          .tool(
              ToolSpec.of(
                      Tool.builder("hold", Map.of("type", "object")).build(),
                      (ctx, args) -> {
                        release.await(20, TimeUnit.SECONDS);
                        return CallToolResult.text("held");
                      })
                  .withTaskSupport(TaskSupport.OPTIONAL))
          .tool(
              ToolSpec.of(Tool.builder("quick", Map.of("type", "object")).build(), (ctx, args) -> CallToolResult.text("quick"))
                  .withTaskSupport(TaskSupport.OPTIONAL))
          .tool(
              ToolSpec.of(
                      Tool.builder("ask", Map.of("type", "object")).build(),
                      (ctx, args) -> {
                        var answer = ctx.elicit("name", ElicitRequest.form("Name?", Map.of("type", "object")));
                        return CallToolResult.text("Hello " + answer.content().get("name"));
                      })
                  .withTaskSupport(TaskSupport.OPTIONAL))
          .build();
  private final Dispatcher dispatcher = Dispatchers.of(server);
  private long ids;

  @AfterEach
  void close() {
    release.countDown();
    server.close();
    time.close();
  }

  private static TransportContext as(String name) {
    Principal p = () -> name;
    return new TransportContext(p, new Connection());
  }

  private JsonNode call(TransportContext ctx, String method, String paramsJson) throws Exception {
    RecordingSink sink = new RecordingSink();
    dispatcher.dispatch(new JsonRpcRequest(RequestId.of(++ids), method, TestClient.json(paramsJson)), ctx, sink);
    return TestClient.MAPPER.readTree(dispatcher.codec().encode(sink.await()));
  }

  private TransportContext session(TransportContext ctx) throws Exception {
    call(ctx, "initialize",
        "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{\"elicitation\":{}},\"clientInfo\":{\"name\":\"c\",\"version\":\"1\"}}");
    dispatcher.notification(new JsonRpcNotification("notifications/initialized", Map.of()), ctx);
    return ctx;
  }

  @Test
  void theRequestedTtlRunsOnTheInjectedClock() throws Exception {
    TransportContext alice = session(as("alice"));
    JsonNode task = call(alice, "tools/call", "{\"name\":\"quick\",\"task\":{\"ttl\":60000}}").at("/result/task");
    String id = task.get("taskId").asText();
    assertEquals(60000, task.get("ttl").asLong());
    assertEquals("quick", call(alice, "tasks/result", "{\"taskId\":\"" + id + "\"}").at("/result/content/0/text").asText());
    time.advance(Duration.ofSeconds(60));
    assertEquals("completed", call(alice, "tasks/get", "{\"taskId\":\"" + id + "\"}").at("/result/status").asText(), "kept to the end");
    assertEquals(1, call(alice, "tasks/list", "{}").at("/result/tasks").size());
    time.advance(Duration.ofMillis(1));
    JsonNode gone = call(alice, "tasks/get", "{\"taskId\":\"" + id + "\"}").get("error");
    assertEquals(-32602, gone.get("code").asInt());
    assertEquals("Task not found", gone.get("message").asText());
    assertEquals(0, call(alice, "tasks/list", "{}").at("/result/tasks").size());
    assertEquals(-32602, call(alice, "tasks/result", "{\"taskId\":\"" + id + "\"}").at("/error/code").asInt());
  }

  @Test
  void aTaskBelongsToItsPrincipalInEverySessionAndTheCapCountsThemAll() throws Exception {
    TransportContext first = session(as("alice"));
    TransportContext second = session(as("alice"));
    TransportContext mallory = session(as("mallory"));
    String id = call(first, "tools/call", "{\"name\":\"hold\",\"task\":{}}").at("/result/task/taskId").asText();
    assertEquals("working", call(second, "tasks/get", "{\"taskId\":\"" + id + "\"}").at("/result/status").asText(),
        "the same principal in another session");
    assertEquals(id, call(second, "tasks/list", "{}").at("/result/tasks/0/taskId").asText());
    JsonNode foreign = call(mallory, "tasks/get", "{\"taskId\":\"" + id + "\"}").get("error");
    assertEquals(-32602, foreign.get("code").asInt());
    assertEquals("Task not found", foreign.get("message").asText());
    assertEquals(-32602, call(mallory, "tasks/cancel", "{\"taskId\":\"" + id + "\"}").at("/error/code").asInt());
    assertEquals(0, call(mallory, "tasks/list", "{}").at("/result/tasks").size());

    JsonNode capped = call(second, "tools/call", "{\"name\":\"hold\",\"task\":{}}").get("error");
    assertEquals(-32603, capped.get("code").asInt(), capped.toString());
    assertEquals("Too many unfinished tasks for this client (limit 1); retry when one has finished", capped.get("message").asText());
    assertEquals("working", call(mallory, "tools/call", "{\"name\":\"hold\",\"task\":{}}").at("/result/task/status").asText(),
        "another principal has a cap of its own");
  }

  @Test
  void aQuestionGoesOutOnlyInTheSessionThatWillRouteItsAnswer() throws Exception {
    TransportContext asking = session(as("alice"));
    TransportContext other = session(as("alice"));
    String id = call(asking, "tools/call", "{\"name\":\"ask\",\"task\":{}}").at("/result/task/taskId").asText();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!"input_required".equals(call(other, "tasks/get", "{\"taskId\":\"" + id + "\"}").at("/result/status").asText())
        && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    LegacyTaskSessionTest.AskingSink elsewhere = new LegacyTaskSessionTest.AskingSink();
    dispatcher.dispatch(new JsonRpcRequest(RequestId.of(++ids), "tasks/result", Map.of("taskId", id)), other, elsewhere);
    LegacyTaskSessionTest.AskingSink here = new LegacyTaskSessionTest.AskingSink();
    dispatcher.dispatch(new JsonRpcRequest(RequestId.of(++ids), "tasks/result", Map.of("taskId", id)), asking, here);
    JsonRpcRequest question = here.nextRequest();
    assertTrue(dispatcher.clientResponse(
        new JsonRpcSuccess(question.id(), Map.of("action", "accept", "content", Map.of("name", "Cy"))), asking));
    assertEquals("Hello Cy", TestClient.MAPPER.readTree(dispatcher.codec().encode(here.await())).at("/result/content/0/text").asText());
    assertEquals("Hello Cy", TestClient.MAPPER.readTree(dispatcher.codec().encode(elsewhere.await())).at("/result/content/0/text").asText(),
        "the other session's tasks/result gets the result too");
    assertEquals(0, elsewhere.requests.size(), "but not the question, whose answer it could not route");
  }
}
