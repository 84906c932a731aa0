package org.mcpkit.internal.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mcpkit.jsonrpc.JsonRpcMessage;
import org.mcpkit.jsonrpc.JsonRpcNotification;
import org.mcpkit.jsonrpc.JsonRpcRequest;
import org.mcpkit.jsonrpc.JsonRpcSuccess;
import org.mcpkit.jsonrpc.RequestId;
import org.mcpkit.protocol.CallToolResult;
import org.mcpkit.protocol.ElicitRequest;
import org.mcpkit.protocol.Implementation;
import org.mcpkit.protocol.LoggingLevel;
import org.mcpkit.protocol.Tool;
import org.mcpkit.server.McpServer;
import org.mcpkit.server.ToolSpec;
import org.mcpkit.server.task.TaskOptions;
import org.mcpkit.server.task.TaskStore;
import org.mcpkit.server.task.TaskSupport;

/**
 * 2025-11-25 tasks as a session lives them: {@code tasks/list} with cursors, {@code
 * notifications/tasks/status}, progress and log messages of the handler on the session's stream,
 * and {@code ctx.elicit} inside a task as a real server request delivered with {@code
 * tasks/result} (also cancelled while it waits).
 */
class LegacyTaskSessionTest {
  private static final String RELATED = "/_meta/io.modelcontextprotocol~1related-task/taskId";
  private final CountDownLatch release = new CountDownLatch(1);
  private final CountDownLatch asking = new CountDownLatch(1);
  private final CountDownLatch askEnded = new CountDownLatch(1);
  private final McpServer server =
      McpServer.builder(Implementation.of("legacy-task-session", "1"))
          .pageSize(2)
          .tasks(TaskOptions.builder().store(TaskStore.inMemory(100)).pollInterval(Duration.ofMillis(20)).build())
          .tool(
              ToolSpec.of(Tool.builder("must", Map.of("type", "object")).build(), (ctx, args) -> CallToolResult.text("ran"))
                  .withTaskSupport(TaskSupport.REQUIRED))
          .tool(
              ToolSpec.of(
                      Tool.builder("report", Map.of("type", "object")).build(),
                      (ctx, args) -> {
                        ctx.progress(1, 2.0, "half way");
                        ctx.log(LoggingLevel.INFO, "report", "working");
                        release.await(20, TimeUnit.SECONDS);
                        return CallToolResult.text("done");
                      })
                  .withTaskSupport(TaskSupport.OPTIONAL))
          .tool(
              ToolSpec.of(
                      Tool.builder("ask", Map.of("type", "object")).build(),
                      (ctx, args) -> {
                        asking.countDown();
                        try {
                          var answer = ctx.elicit("name", ElicitRequest.form("Name?", Map.of("type", "object")));
                          return CallToolResult.text("Hello " + answer.content().get("name"));
                        } finally {
                          askEnded.countDown();
                        }
                      })
                  .withTaskSupport(TaskSupport.OPTIONAL))
          .build();
  private final Dispatcher dispatcher = Dispatchers.of(server);
  private final TransportContext context = TransportContext.anonymous();
  /** The session's stream (what the GET stream carries over HTTP). */
  private final BlockingQueue<JsonRpcMessage> stream = new LinkedBlockingQueue<>();
  private long ids;

  LegacyTaskSessionTest() throws Exception {
    call(
        context,
        "initialize",
        "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{\"elicitation\":{}},\"clientInfo\":{\"name\":\"c\",\"version\":\"1\"}}");
    dispatcher.notification(new JsonRpcNotification("notifications/initialized", Map.of()), context);
    context.connection().outbound(stream::add);
  }

  @AfterEach
  void close() {
    release.countDown();
    server.close();
  }

  /** Records the server's requests on a call's stream too. */
  static final class AskingSink extends RecordingSink {
    final BlockingQueue<JsonRpcRequest> requests = new LinkedBlockingQueue<>();

    @Override
    public boolean request(JsonRpcRequest request) {
      requests.add(request);
      return true;
    }

    JsonRpcRequest nextRequest() throws InterruptedException {
      JsonRpcRequest r = requests.poll(10, TimeUnit.SECONDS);
      if (r == null) {
        throw new AssertionError("no request within 10 s");
      }
      return r;
    }
  }

  private JsonNode call(TransportContext ctx, String method, String paramsJson) throws Exception {
    RecordingSink sink = new RecordingSink();
    dispatcher.dispatch(new JsonRpcRequest(RequestId.of(++ids), method, TestClient.json(paramsJson)), ctx, sink);
    return tree(sink.await());
  }

  private JsonNode tree(JsonRpcMessage m) throws Exception {
    return TestClient.MAPPER.readTree(dispatcher.codec().encode(m));
  }

  private String start(String tool, String extra) throws Exception {
    JsonNode r = call(context, "tools/call", "{\"name\":\"" + tool + "\",\"task\":{}" + extra + "}");
    return r.at("/result/task/taskId").asText();
  }

  private JsonNode awaitStatus(String id, String status) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    JsonNode r = call(context, "tasks/get", "{\"taskId\":\"" + id + "\"}").get("result");
    while (!status.equals(r.get("status").asText()) && System.nanoTime() < deadline) {
      Thread.onSpinWait();
      r = call(context, "tasks/get", "{\"taskId\":\"" + id + "\"}").get("result");
    }
    assertEquals(status, r.get("status").asText(), r.toString());
    return r;
  }

  private JsonNode nextOnStream() throws Exception {
    JsonRpcMessage m = stream.poll(10, TimeUnit.SECONDS);
    if (m == null) {
      throw new AssertionError("nothing on the session's stream within 10 s");
    }
    return tree(m);
  }

  @Test
  void tasksListPagesTheSessionsOwnTasksOldestFirstWithOpaqueCursors() throws Exception {
    List<String> started = List.of(start("must", ""), start("must", ""), start("must", ""));
    JsonNode page1 = call(context, "tasks/list", "{}").get("result");
    assertEquals(2, page1.get("tasks").size(), page1.toString());
    assertTrue(page1.get("nextCursor").isTextual(), page1.toString());
    JsonNode page2 = call(context, "tasks/list", "{\"cursor\":\"" + page1.get("nextCursor").asText() + "\"}").get("result");
    assertEquals(1, page2.get("tasks").size(), page2.toString());
    assertFalse(page2.has("nextCursor"), page2.toString());
    List<String> listed = new ArrayList<>();
    page1.get("tasks").forEach(t -> listed.add(t.get("taskId").asText()));
    page2.get("tasks").forEach(t -> listed.add(t.get("taskId").asText()));
    assertEquals(3, listed.size());
    assertEquals(Set.copyOf(started), Set.copyOf(listed), "each task exactly once");
    JsonNode one = page1.at("/tasks/0");
    assertTrue(one.has("status") && one.has("createdAt") && one.has("lastUpdatedAt") && one.has("ttl"), one.toString());
    assertFalse(one.has("_meta"), "no related-task key in tasks/list");

    JsonNode bad = call(context, "tasks/list", "{\"cursor\":\"bm90LW91cnM\"}").get("error");
    assertEquals(-32602, bad.get("code").asInt());
    assertEquals("Invalid params: invalid cursor", bad.get("message").asText());
    TransportContext other = TransportContext.anonymous();
    call(other, "initialize",
        "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"o\",\"version\":\"1\"}}");
    assertEquals(0, call(other, "tasks/list", "{}").at("/result/tasks").size(), "another session lists none of them");
  }

  @Test
  void progressLogAndStatusOfATaskReachTheSessionsStreamWithTheRelatedTaskKey() throws Exception {
    String id = start("report", ",\"_meta\":{\"progressToken\":\"p1\"}");
    JsonNode progress = nextOnStream();
    assertEquals("notifications/progress", progress.get("method").asText(), progress.toString());
    assertEquals("p1", progress.at("/params/progressToken").asText());
    assertEquals(1.0, progress.at("/params/progress").asDouble());
    assertEquals(2.0, progress.at("/params/total").asDouble());
    assertEquals("half way", progress.at("/params/message").asText());
    assertEquals(id, progress.at("/params" + RELATED).asText());
    JsonNode log = nextOnStream();
    assertEquals("notifications/message", log.get("method").asText(), log.toString());
    assertEquals("info", log.at("/params/level").asText());
    assertEquals("report", log.at("/params/logger").asText());
    assertEquals("working", log.at("/params/data").asText());
    assertEquals(id, log.at("/params" + RELATED).asText());
    assertEquals("half way", awaitStatus(id, "working").get("statusMessage").asText(), "progress is the status message too");

    release.countDown();
    JsonNode status = nextOnStream();
    assertEquals("notifications/tasks/status", status.get("method").asText(), status.toString());
    assertEquals(id, status.at("/params/taskId").asText());
    assertEquals("completed", status.at("/params/status").asText());
    assertTrue(status.at("/params/createdAt").isTextual() && status.at("/params/ttl").isNumber(), status.toString());
    assertFalse(status.get("params").has("_meta"), "the status notification carries no related-task key");
    assertNull(stream.poll(), "nothing else");
  }

  @Test
  void elicitationInsideATaskIsARealRequestSentWithTasksResultAndTheTaskResumesWithTheAnswer() throws Exception {
    String id = start("ask", "");
    assertTrue(asking.await(10, TimeUnit.SECONDS));
    JsonNode waiting = awaitStatus(id, "input_required");
    assertEquals("Waiting for input from the client", waiting.get("statusMessage").asText());
    JsonNode status = nextOnStream();
    assertEquals("input_required", status.at("/params/status").asText(), "told on the session's stream: " + status);

    AskingSink result = new AskingSink();
    dispatcher.dispatch(new JsonRpcRequest(RequestId.of(++ids), "tasks/result", Map.of("taskId", id)), context, result);
    JsonRpcRequest elicit = result.nextRequest();
    assertEquals("elicitation/create", elicit.method());
    JsonNode params = TestClient.MAPPER.valueToTree(elicit.params());
    assertEquals("Name?", params.get("message").asText(), params.toString());
    assertEquals(id, params.at(RELATED).asText());
    assertTrue(
        dispatcher.clientResponse(
            new JsonRpcSuccess(elicit.id(), Map.of("action", "accept", "content", Map.of("name", "Ada"))), context));

    JsonNode answered = tree(result.await()).get("result");
    assertEquals("Hello Ada", answered.at("/content/0/text").asText(), answered.toString());
    assertEquals(id, answered.at(RELATED).asText());
    assertEquals("completed", call(context, "tasks/get", "{\"taskId\":\"" + id + "\"}").at("/result/status").asText());
    List<String> told = new ArrayList<>();
    for (JsonRpcNotification n : result.notifications) {
      told.add(String.valueOf(n.params().get("status")));
    }
    assertEquals(List.of("working", "completed"), told, "while tasks/result waits, the task's notifications come with it");
  }

  @Test
  void aClientThatDroppedTasksResultAndCameBackGetsTheSameQuestionAgainAndItsAnswerCounts() throws Exception {
    String id = start("ask", "");
    awaitStatus(id, "input_required");
    AskingSink first = new AskingSink();
    Call dropped =
        dispatcher.dispatch(new JsonRpcRequest(RequestId.of(++ids), "tasks/result", Map.of("taskId", id)), context, first);
    JsonRpcRequest asked = first.nextRequest();
    dropped.cancel(); // the connection went away

    AskingSink again = new AskingSink();
    dispatcher.dispatch(new JsonRpcRequest(RequestId.of(++ids), "tasks/result", Map.of("taskId", id)), context, again);
    JsonRpcRequest reasked = again.nextRequest();
    assertEquals(asked.id(), reasked.id(), "the same outstanding request");
    assertEquals(asked.params(), reasked.params());
    assertTrue(
        dispatcher.clientResponse(
            new JsonRpcSuccess(reasked.id(), Map.of("action", "accept", "content", Map.of("name", "Bo"))), context));
    assertEquals("Hello Bo", tree(again.await()).at("/result/content/0/text").asText());
    assertFalse(first.response.isDone(), "the dropped call got nothing more");
  }

  @Test
  void cancelWhileInputRequiredStopsTheWaitingHandlerAndALateAnswerIsDropped() throws Exception {
    String id = start("ask", "");
    awaitStatus(id, "input_required");
    AskingSink result = new AskingSink();
    dispatcher.dispatch(new JsonRpcRequest(RequestId.of(++ids), "tasks/result", Map.of("taskId", id)), context, result);
    JsonRpcRequest elicit = result.nextRequest();

    JsonNode cancelled = call(context, "tasks/cancel", "{\"taskId\":\"" + id + "\"}").get("result");
    assertEquals("cancelled", cancelled.get("status").asText());
    assertTrue(askEnded.await(10, TimeUnit.SECONDS), "the handler stopped waiting for the answer");
    assertEquals("Task cancelled", tree(result.await()).at("/error/message").asText());
    assertFalse(
        dispatcher.clientResponse(new JsonRpcSuccess(elicit.id(), Map.of("action", "cancel")), context),
        "nothing waits for the answer any more");
    assertEquals("cancelled", call(context, "tasks/get", "{\"taskId\":\"" + id + "\"}").at("/result/status").asText());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (((ServerImpl) server).runningTasks() > 0 && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertEquals(0, ((ServerImpl) server).runningTasks());
  }
}
