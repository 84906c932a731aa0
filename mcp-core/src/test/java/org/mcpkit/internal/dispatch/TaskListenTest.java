package org.mcpkit.internal.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.Principal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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

/**
 * {@code subscriptions/listen} with {@code notifications.taskIds} (the tasks extension): -32021
 * without the extension, only the principal's own tasks honoured, their current state right after
 * the acknowledgement, then one {@code notifications/tasks} per status change with the task as
 * {@code tasks/get} shows it.
 */
class TaskListenTest {
  private static final Map<String, Object> TASKS =
      Map.of("elicitation", Map.of(), "extensions", Map.of("io.modelcontextprotocol/tasks", Map.of()));
  private static final String SUBSCRIPTION = "io.modelcontextprotocol/subscriptionId";
  private final CountDownLatch release = new CountDownLatch(1);
  private final McpServer server =
      McpServer.builder(Implementation.of("task-listen", "1"))
          .tasks(TaskOptions.builder().store(TaskStore.inMemory(100)).pollInterval(Duration.ofMillis(50)).build())
          .tool(
              ToolSpec.of(
                      Tool.builder("hold", Map.of("type", "object")).build(),
                      (ctx, args) -> {
                        release.await(20, TimeUnit.SECONDS);
                        return CallToolResult.text("released");
                      })
                  .withTaskSupport(TaskSupport.OPTIONAL))
          .tool(
              ToolSpec.of(
                      Tool.builder("ask", Map.of("type", "object")).build(),
                      (ctx, args) -> {
                        var answer = ctx.elicit("name", ElicitRequest.form("Name?", Map.of("type", "object")));
                        return CallToolResult.text("Hi " + answer.content().get("name"));
                      })
                  .withTaskSupport(TaskSupport.OPTIONAL))
          .build();
  private final TestClient client = new TestClient(server);
  private final TransportContext alice = new TransportContext(principal("alice"), new Connection());
  private final TransportContext bob = new TransportContext(principal("bob"), new Connection());

  TaskListenTest() {
    client.capabilities = TASKS;
  }

  @AfterEach
  void close() {
    release.countDown();
    server.close();
  }

  private static Principal principal(String name) {
    return () -> name;
  }

  private RecordingSink send(TransportContext ctx, String method, Map<String, Object> params) {
    JsonRpcRequest request = client.request(method, params);
    RecordingSink sink = new RecordingSink();
    client.dispatcher.dispatch(request, ctx, sink);
    return sink;
  }

  private String start(TransportContext ctx, String tool) throws Exception {
    JsonNode r = client.tree(send(ctx, "tools/call", Map.of("name", tool)).await());
    assertEquals("task", r.at("/result/resultType").asText(), r.toString());
    return r.at("/result/taskId").asText();
  }

  private RecordingSink listen(TransportContext ctx, List<String> taskIds) {
    return send(ctx, "subscriptions/listen", Map.of("notifications", Map.of("taskIds", taskIds)));
  }

  private JsonNode next(RecordingSink sink) throws Exception {
    return client.tree(sink.nextNotification());
  }

  @Test
  void askingForTaskNotificationsWithoutTheExtensionIsRefusedWithMinus32021() throws Exception {
    client.capabilities = Map.of();
    JsonNode error = client.tree(listen(alice, List.of("x")).await()).get("error");
    assertEquals(-32021, error.get("code").asInt(), error.toString());
    assertEquals(
        TestClient.parse("{\"extensions\":{\"io.modelcontextprotocol/tasks\":{}}}"),
        error.at("/data/requiredCapabilities"));
  }

  @Test
  void theOwnTasksAreHonouredWithTheirStateAtOnceThenEachChange() throws Exception {
    String mine = start(alice, "hold");
    String theirs = start(bob, "hold");
    RecordingSink sink = listen(alice, List.of(mine, theirs, "unknown"));
    JsonNode ack = next(sink);
    assertEquals("notifications/subscriptions/acknowledged", ack.get("method").asText());
    assertEquals(TestClient.parse("{\"taskIds\":[\"" + mine + "\"]}"), ack.at("/params/notifications"), "only alice's own task");

    JsonNode now = next(sink);
    assertEquals("notifications/tasks", now.get("method").asText(), now.toString());
    assertEquals(mine, now.at("/params/taskId").asText());
    assertEquals("working", now.at("/params/status").asText());
    assertTrue(now.at("/params/ttlMs").isNumber() && now.at("/params/pollIntervalMs").asLong() == 50, now.toString());
    assertEquals(client.tree(sink.notifications.get(0)).at("/params/_meta/" + SUBSCRIPTION.replace("/", "~1")),
        now.at("/params/_meta/" + SUBSCRIPTION.replace("/", "~1")), "tagged with the subscription id");

    release.countDown();
    JsonNode done = next(sink);
    assertEquals("completed", done.at("/params/status").asText(), done.toString());
    assertEquals(mine, done.at("/params/taskId").asText());
    assertEquals("released", done.at("/params/result/content/0/text").asText());
    JsonNode get = client.tree(send(alice, "tasks/get", Map.of("taskId", mine)).await()).get("result");
    assertEquals(get.get("result"), done.at("/params/result"), "the same task as tasks/get shows");
    assertEquals(get.get("lastUpdatedAt"), done.at("/params/lastUpdatedAt"));
    // bob's task completes too; alice's stream hears nothing of it
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!"completed".equals(client.tree(send(bob, "tasks/get", Map.of("taskId", theirs)).await()).at("/result/status").asText())
        && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertNull(sink.notificationQueue.poll(), "nothing about another principal's task");
    assertEquals(3, sink.notifications.size());
    assertFalse(sink.response.isDone());
  }

  @Test
  void inputRequiredCarriesTheQuestionsAndTheAnswerMovesTheTaskOn() throws Exception {
    String id = start(alice, "ask");
    RecordingSink sink = listen(alice, List.of(id));
    next(sink); // the acknowledgement
    JsonNode first = next(sink);
    if ("working".equals(first.at("/params/status").asText())) {
      first = next(sink); // the listen opened before the handler asked
    }
    assertEquals("input_required", first.at("/params/status").asText(), first.toString());
    assertEquals("elicitation/create", first.at("/params/inputRequests/name/method").asText(), first.toString());

    client.tree(
        send(alice, "tasks/update",
            Map.of("taskId", id, "inputResponses", Map.of("name", Map.of("action", "accept", "content", Map.of("name", "Ada")))))
            .await());
    JsonNode working = next(sink);
    assertEquals("working", working.at("/params/status").asText(), working.toString());
    assertFalse(working.get("params").has("inputRequests"));
    JsonNode done = next(sink);
    assertEquals("completed", done.at("/params/status").asText(), done.toString());
    assertEquals("Hi Ada", done.at("/params/result/content/0/text").asText());
  }
}
