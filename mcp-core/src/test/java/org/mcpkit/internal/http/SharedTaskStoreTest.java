package org.mcpkit.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mcpkit.internal.http.LegacyHttp.M;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mcpkit.protocol.CallToolResult;
import org.mcpkit.protocol.ElicitRequest;
import org.mcpkit.protocol.Implementation;
import org.mcpkit.protocol.Tool;
import org.mcpkit.server.McpServer;
import org.mcpkit.server.ToolSpec;
import org.mcpkit.server.http.McpHttpEndpoint;
import org.mcpkit.server.task.TaskOptions;
import org.mcpkit.server.task.TaskStore;
import org.mcpkit.server.task.TaskSupport;
import org.mcpkit.testing.InMemoryHttpClient;

/**
 * Two instances (server and HTTP endpoint each) sharing one in-memory task store, as behind a load
 * balancer: a task started on A is read, answered and cancelled through B.
 */
class SharedTaskStoreTest {
  private static final URI MCP = URI.create("http://127.0.0.1:8080/mcp");
  private final TaskStore store = TaskStore.inMemory(100);
  private final CountDownLatch release = new CountDownLatch(1);
  private final CountDownLatch sawCancel = new CountDownLatch(1);
  private final CountDownLatch holding = new CountDownLatch(1);
  private final AtomicInteger runsA = new AtomicInteger();
  private final AtomicInteger runsB = new AtomicInteger();
  private final McpServer serverA = server("a", runsA);
  private final McpServer serverB = server("b", runsB);
  private final McpHttpEndpoint a = McpHttpEndpoint.create(serverA);
  private final McpHttpEndpoint b = McpHttpEndpoint.create(serverB);
  private final HttpClient toA = new InMemoryHttpClient(a);
  private final HttpClient toB = new InMemoryHttpClient(b);

  private McpServer server(String name, AtomicInteger runs) {
    return McpServer.builder(Implementation.of(name, "1"))
        .tasks(TaskOptions.builder().store(store).build())
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
                      holding.countDown();
                      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                      while (!release.await(20, TimeUnit.MILLISECONDS) && System.nanoTime() < deadline) {
                        if (ctx.isCancelled()) {
                          sawCancel.countDown();
                          return CallToolResult.text("stopped");
                        }
                      }
                      return CallToolResult.text("held on " + name);
                    })
                .withTaskSupport(TaskSupport.OPTIONAL))
        .build();
  }

  @AfterEach
  void close() {
    release.countDown();
    a.close();
    b.close();
    serverA.close();
    serverB.close();
  }

  private static JsonNode send(HttpClient http, String method, String name, String params) throws Exception {
    String body =
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":{" + params
            + ",\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
            + "\"io.modelcontextprotocol/clientCapabilities\":{\"elicitation\":{},"
            + "\"extensions\":{\"io.modelcontextprotocol/tasks\":{}}}}}}";
    HttpRequest request =
        HttpRequest.newBuilder(MCP).timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, text/event-stream")
            .header("MCP-Protocol-Version", "2026-07-28")
            .header("Mcp-Method", method)
            .header("Mcp-Name", name)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
    return M.readTree(response.body());
  }

  private static String start(HttpClient http, String tool) throws Exception {
    JsonNode r = send(http, "tools/call", tool, "\"name\":\"" + tool + "\"");
    assertEquals("task", r.at("/result/resultType").asText(), r.toString());
    return r.at("/result/taskId").asText();
  }

  private static JsonNode get(HttpClient http, String id) throws Exception {
    return send(http, "tasks/get", id, "\"taskId\":\"" + id + "\"");
  }

  private static JsonNode awaitStatus(HttpClient http, String id, String status) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    JsonNode r = get(http, id);
    while (!status.equals(r.at("/result/status").asText()) && System.nanoTime() < deadline) {
      Thread.onSpinWait();
      r = get(http, id);
    }
    assertEquals(status, r.at("/result/status").asText(), r.toString());
    return r;
  }

  @Test
  void aTaskStartedOnAIsAnsweredThroughBAndItsResultReadThroughA() throws Exception {
    String id = start(toA, "ask");
    JsonNode waiting = awaitStatus(toB, id, "input_required");
    assertEquals("elicitation/create", waiting.at("/result/inputRequests/name/method").asText());
    JsonNode ack =
        send(toB, "tasks/update", id,
            "\"taskId\":\"" + id + "\",\"inputResponses\":{\"name\":{\"action\":\"accept\",\"content\":{\"name\":\"Ada\"}}}");
    assertEquals("complete", ack.at("/result/resultType").asText());
    JsonNode done = awaitStatus(toA, id, "completed");
    assertEquals("Hi Ada from b", done.at("/result/result/content/0/text").asText(), "B resumed the handler");
    assertEquals(1, runsA.get());
    assertEquals(1, runsB.get());
  }

  @Test
  void aResultOfAIsFetchedThroughB() throws Exception {
    String id = start(toA, "hold");
    release.countDown();
    JsonNode done = awaitStatus(toB, id, "completed");
    assertEquals("held on a", done.at("/result/result/content/0/text").asText());
  }

  @Test
  void cancelThroughBStopsTheHandlerRunningOnA() throws Exception {
    String id = start(toA, "hold");
    assertTrue(holding.await(10, TimeUnit.SECONDS), "A's handler runs");
    assertEquals("complete", send(toB, "tasks/cancel", id, "\"taskId\":\"" + id + "\"").at("/result/resultType").asText());
    assertTrue(sawCancel.await(10, TimeUnit.SECONDS), "A's handler saw the cancellation in the store");
    assertEquals("cancelled", get(toA, id).at("/result/status").asText());
    assertEquals("cancelled", get(toB, id).at("/result/status").asText());
  }
}
