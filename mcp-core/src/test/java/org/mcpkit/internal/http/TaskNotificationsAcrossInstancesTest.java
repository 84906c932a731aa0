package org.mcpkit.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mcpkit.internal.http.LegacyHttp.M;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mcpkit.protocol.CallToolResult;
import org.mcpkit.protocol.ElicitRequest;
import org.mcpkit.protocol.Implementation;
import org.mcpkit.protocol.Tool;
import org.mcpkit.server.McpServer;
import org.mcpkit.server.NotificationBus;
import org.mcpkit.server.ToolSpec;
import org.mcpkit.server.http.EventStore;
import org.mcpkit.server.http.HttpEndpointOptions;
import org.mcpkit.server.http.McpHttpEndpoint;
import org.mcpkit.server.http.SessionBus;
import org.mcpkit.server.http.SessionStore;
import org.mcpkit.server.task.TaskOptions;
import org.mcpkit.server.task.TaskStore;
import org.mcpkit.server.task.TaskSupport;
import org.mcpkit.testing.InMemoryHttpClient;
import org.mcpkit.testing.SseReader;

/**
 * Task status across two instances sharing the task store, the notification bus and the session
 * store and bus, as behind a load balancer: a task runs on A, the client hears of it through B (a
 * 2026-07-28 {@code subscriptions/listen} stream, a 2025-11-25 session's GET stream), and a
 * 2025-11-25 task's question reaches the client with {@code tasks/result} on B and its answer,
 * posted to B, resumes the handler on A.
 */
class TaskNotificationsAcrossInstancesTest {
  private static final URI MCP = URI.create("http://127.0.0.1:8080/mcp");
  private final TaskStore tasks = TaskStore.inMemory(100);
  private final NotificationBus events = NotificationBus.inMemory();
  private final SessionStore sessions = SessionStore.inMemory();
  private final SessionBus signals = SessionBus.inMemory();
  private final CountDownLatch release = new CountDownLatch(1);
  private final McpServer serverA = server("a");
  private final McpServer serverB = server("b");
  private final HttpEndpointOptions options =
      HttpEndpointOptions.builder()
          .sessionStore(sessions)
          .eventStore(EventStore.inMemory(1000, Duration.ofMinutes(10)))
          .sessionBus(signals)
          .build();
  private final McpHttpEndpoint a = McpHttpEndpoint.create(serverA, options);
  private final McpHttpEndpoint b = McpHttpEndpoint.create(serverB, options);
  private final HttpClient toA = new InMemoryHttpClient(a);
  private final HttpClient toB = new InMemoryHttpClient(b);

  private McpServer server(String name) {
    return McpServer.builder(Implementation.of(name, "1"))
        .notificationBus(events)
        .tasks(TaskOptions.builder().store(tasks).pollInterval(Duration.ofMillis(20)).build())
        .tool(
            ToolSpec.of(
                    Tool.builder("hold", Map.of("type", "object")).build(),
                    (ctx, args) -> {
                      release.await(20, TimeUnit.SECONDS);
                      return CallToolResult.text("held on " + name);
                    })
                .withTaskSupport(TaskSupport.OPTIONAL))
        .tool(
            ToolSpec.of(
                    Tool.builder("ask", Map.of("type", "object")).build(),
                    (ctx, args) -> {
                      var answer = ctx.elicit("name", ElicitRequest.form("Name?", Map.of("type", "object")));
                      return CallToolResult.text("Hi " + answer.content().get("name") + " from " + name);
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
    events.close();
    signals.close();
  }

  private static HttpRequest.Builder modern(String method, String name, String params) {
    String body =
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":{" + params
            + ",\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
            + "\"io.modelcontextprotocol/clientCapabilities\":{\"extensions\":{\"io.modelcontextprotocol/tasks\":{}}}}}}";
    HttpRequest.Builder r =
        HttpRequest.newBuilder(MCP).timeout(Duration.ofSeconds(20))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, text/event-stream")
            .header("MCP-Protocol-Version", "2026-07-28")
            .header("Mcp-Method", method)
            .POST(HttpRequest.BodyPublishers.ofString(body));
    return name == null ? r : r.header("Mcp-Name", name);
  }

  private static HttpRequest.Builder legacy(String body, String session) {
    HttpRequest.Builder r =
        HttpRequest.newBuilder(MCP).timeout(Duration.ofSeconds(20))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, text/event-stream")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    return session == null ? r : r.header("Mcp-Session-Id", session);
  }

  private static HttpResponse<String> send(HttpClient http, HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The one JSON-RPC message of a POST answered as JSON or as SSE. */
  private static JsonNode message(HttpResponse<String> response) throws Exception {
    assertEquals(200, response.statusCode(), response.body());
    String body = response.body();
    if (body.startsWith("{")) {
      return M.readTree(body);
    }
    String last = null;
    for (String line : body.split("\n")) {
      if (line.startsWith("data:") && line.length() > 5) {
        last = line.substring(5).trim();
      }
    }
    return M.readTree(last);
  }

  /** A 2025-11-25 session created on A, initialized through B. */
  private String session() throws Exception {
    HttpResponse<String> init = send(toA, legacy(
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\","
            + "\"capabilities\":{\"elicitation\":{}},\"clientInfo\":{\"name\":\"c\",\"version\":\"1\"}}}", null));
    assertEquals(200, init.statusCode(), init.body());
    String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
    assertEquals(202, send(toB, legacy("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", session)).statusCode());
    return session;
  }

  @Test
  void aTaskRunningOnAIsHeardOfOnAListenStreamOfB() throws Exception {
    JsonNode created = message(send(toA, modern("tools/call", "hold", "\"name\":\"hold\"")));
    String id = created.at("/result/taskId").asText();
    HttpResponse<InputStream> listen =
        toB.send(modern("subscriptions/listen", null, "\"notifications\":{\"taskIds\":[\"" + id + "\"]}").build(),
            HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(200, listen.statusCode());
    try (SseReader sse = new SseReader(listen.body())) {
      JsonNode ack = M.readTree(sse.nextEvent(10));
      assertEquals("notifications/subscriptions/acknowledged", ack.get("method").asText());
      assertEquals(M.readTree("{\"taskIds\":[\"" + id + "\"]}"), ack.at("/params/notifications"));
      JsonNode now = M.readTree(sse.nextEvent(10));
      assertEquals("notifications/tasks", now.get("method").asText(), now.toString());
      assertEquals("working", now.at("/params/status").asText());
      release.countDown();
      JsonNode done = M.readTree(sse.nextEvent(10));
      assertEquals("notifications/tasks", done.get("method").asText(), done.toString());
      assertEquals(id, done.at("/params/taskId").asText());
      assertEquals("completed", done.at("/params/status").asText());
      assertEquals("held on a", done.at("/params/result/content/0/text").asText(), "A ran it; B told the client");
    }
  }

  @Test
  void aSessionTaskOnAIsToldOnTheSessionsGetStreamHeldByB() throws Exception {
    String session = session();
    HttpResponse<InputStream> get =
        toB.send(HttpRequest.newBuilder(MCP).header("Accept", "text/event-stream").header("Mcp-Session-Id", session).GET().build(),
            HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(200, get.statusCode());
    try (SseReader sse = new SseReader(get.body())) {
      assertEquals(":", sse.next(10), "B holds the GET stream");
      JsonNode created = message(send(toA, legacy(
          "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"hold\",\"task\":{}}}", session)));
      String id = created.at("/result/task/taskId").asText();
      assertEquals("working", created.at("/result/task/status").asText(), created.toString());
      release.countDown();
      JsonNode status = M.readTree(sse.nextEvent(10));
      assertEquals("notifications/tasks/status", status.get("method").asText(), status.toString());
      assertEquals(id, status.at("/params/taskId").asText());
      assertEquals("completed", status.at("/params/status").asText());
    }
  }

  @Test
  void aSessionTasksQuestionGoesOutWithTasksResultOnBAndTheAnswerPostedToBResumesA() throws Exception {
    String session = session();
    JsonNode created = message(send(toA, legacy(
        "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"ask\",\"task\":{}}}", session)));
    String id = created.at("/result/task/taskId").asText();
    HttpResponse<InputStream> result = toB.send(
        legacy("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tasks/result\",\"params\":{\"taskId\":\"" + id + "\"}}", session).build(),
        HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(200, result.statusCode());
    try (SseReader sse = new SseReader(result.body())) {
      JsonNode ask = M.readTree(sse.nextEvent(10));
      while (!ask.has("id")) {
        ask = M.readTree(sse.nextEvent(10)); // status notifications may come first
      }
      assertEquals("elicitation/create", ask.get("method").asText(), ask.toString());
      assertEquals(id, ask.at("/params/_meta/io.modelcontextprotocol~1related-task/taskId").asText());
      String askId = ask.get("id").asText();
      assertEquals(202, send(toB, legacy("{\"jsonrpc\":\"2.0\",\"id\":\"" + askId
          + "\",\"result\":{\"action\":\"accept\",\"content\":{\"name\":\"Bo\"}}}", session)).statusCode());
      JsonNode answer = M.readTree(sse.nextEvent(10));
      while (!answer.has("result") && !answer.has("error")) {
        answer = M.readTree(sse.nextEvent(10));
      }
      assertEquals(3, answer.get("id").asInt(), answer.toString());
      assertEquals("Hi Bo from a", answer.at("/result/content/0/text").asText(), answer.toString());
      assertEquals(id, answer.at("/result/_meta/io.modelcontextprotocol~1related-task/taskId").asText());
    }
    assertTrue(tasks.get(id, java.time.Instant.now()).orElseThrow().status().isTerminal());
  }
}
