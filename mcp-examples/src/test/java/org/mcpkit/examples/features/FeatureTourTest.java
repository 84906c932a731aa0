package org.mcpkit.examples.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcpkit.server.McpServer;
import org.mcpkit.server.http.McpHttpEndpoint;
import org.mcpkit.testing.InMemoryHttpClient;
import org.mcpkit.testing.SseReader;

/** The feature tour, driven over the HTTP protocol in memory as a 2026-07-28 client would. */
class FeatureTourTest {
  private static final ObjectMapper M = new ObjectMapper();
  private static final String META =
      "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
          + "\"io.modelcontextprotocol/clientCapabilities\":{\"elicitation\":{}}%s}";

  @TempDir Path dir;
  private McpServer server;
  private McpHttpEndpoint endpoint;
  private HttpClient http;

  @BeforeEach
  void start() throws Exception {
    Files.writeString(dir.resolve("welcome"), "Hello notes");
    Files.writeString(dir.resolve("secret.txt"), "not a note name");
    Files.writeString(dir.getParent().resolve("outside"), "outside the directory");
    server = FeatureTour.create(dir);
    endpoint = McpHttpEndpoint.create(server);
    http = new InMemoryHttpClient(endpoint);
  }

  @AfterEach
  void stop() {
    endpoint.close();
    server.close();
  }

  private HttpRequest request(int id, String method, String name, String params, String extraMeta) {
    String body = "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":{"
        + params + (params.isEmpty() ? "" : ",") + String.format(META, extraMeta) + "}}";
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:8080/mcp"))
        .header("Content-Type", "application/json")
        .header("Accept", "application/json, text/event-stream")
        .header("MCP-Protocol-Version", "2026-07-28")
        .header("Mcp-Method", method)
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (name != null) {
      b.header("Mcp-Name", name);
    }
    return b.build();
  }

  private JsonNode call(String method, String name, String params) throws Exception {
    HttpResponse<String> r = http.send(request(1, method, name, params, ""), HttpResponse.BodyHandlers.ofString());
    return answer(r);
  }

  /**
   * The JSON-RPC response of a POST: the body as is, or, when a slow answer was streamed (past the
   * endpoint's stream-after time, as on a busy machine), the SSE event that carries it.
   */
  private static JsonNode answer(HttpResponse<String> r) throws Exception {
    if (!r.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream")) {
      return M.readTree(r.body());
    }
    for (String event : r.body().split("\n\n")) {
      StringBuilder data = new StringBuilder();
      for (String line : event.split("\n")) {
        if (line.startsWith("data:")) {
          data.append(line.substring(5).trim());
        }
      }
      if (data.length() > 0) {
        JsonNode message = M.readTree(data.toString());
        if (message.has("id") && (message.has("result") || message.has("error"))) {
          return message;
        }
      }
    }
    throw new AssertionError("no response in the stream: " + r.body());
  }

  @Test
  void typedToolWithStructuredOutput() throws Exception {
    JsonNode r = call("tools/call", "weather", "\"name\":\"weather\",\"arguments\":{\"city\":\"Oslo\",\"days\":2}").get("result");
    assertEquals("Oslo: sunny, 21°C for 2 day(s)", r.get("content").get(0).get("text").asText());
    assertEquals(M.readTree("{\"city\":\"Oslo\",\"days\":2,\"sky\":\"sunny\",\"celsius\":21}"), r.get("structuredContent"));
    JsonNode bad = call("tools/call", "weather", "\"name\":\"weather\",\"arguments\":{\"city\":\"Oslo\",\"days\":9}").get("result");
    assertEquals(true, bad.get("isError").asBoolean());
  }

  @Test
  void countdownStreamsProgress() throws Exception {
    HttpResponse<InputStream> r = http.send(
        request(2, "tools/call", "countdown", "\"name\":\"countdown\",\"arguments\":{\"steps\":3}", ",\"progressToken\":\"t\""),
        HttpResponse.BodyHandlers.ofInputStream());
    try (SseReader sse = new SseReader(r.body())) {
      for (int i = 1; i <= 3; i++) {
        JsonNode p = M.readTree(sse.nextEvent(10));
        assertEquals("notifications/progress", p.get("method").asText());
        assertEquals(i, p.get("params").get("progress").asInt());
        assertEquals((3 - i) + " to go", p.get("params").get("message").asText());
      }
      assertEquals("Liftoff after 3 step(s)", M.readTree(sse.nextEvent(10)).get("result").get("content").get(0).get("text").asText());
    }
  }

  @Test
  void bookingAsksTheUserThenCompletes() throws Exception {
    JsonNode first = call("tools/call", "book_table", "\"name\":\"book_table\"").get("result");
    assertEquals("input_required", first.get("resultType").asText());
    assertEquals("Who is the table for?", first.get("inputRequests").get("booking").get("params").get("message").asText());
    JsonNode done = call("tools/call", "book_table",
        "\"name\":\"book_table\",\"requestState\":\"" + first.get("requestState").asText() + "\","
            + "\"inputResponses\":{\"booking\":{\"action\":\"accept\",\"content\":{\"name\":\"Ada\",\"guests\":2}}}").get("result");
    assertEquals("Table for 2 booked under Ada.", done.get("content").get(0).get("text").asText());
  }

  @Test
  void notesAreServedAndTraversalIsRefused() throws Exception {
    JsonNode list = call("resources/list", null, "").get("result").get("resources");
    assertEquals(3, list.size(), list::toString); // the note, then the two skills' SKILL.md
    assertEquals("notes:///welcome", list.get(0).get("uri").asText());
    JsonNode read = call("resources/read", "notes:///welcome", "\"uri\":\"notes:///welcome\"").get("result");
    assertEquals("Hello notes", read.get("contents").get(0).get("text").asText());
    for (String uri : List.of("notes:///..", "notes:///%2E%2E%2Foutside", "notes:///secret.txt", "notes:///missing")) {
      JsonNode error = call("resources/read", uri, "\"uri\":\"" + uri + "\"").get("error");
      assertEquals(-32602, error.get("code").asInt(), uri);
      assertEquals("Resource not found: " + uri, error.get("message").asText());
    }
  }

  @Test
  void skillsAreListedWithDigestsAndReadAsResources() throws Exception {
    JsonNode caps = call("server/discover", null, "").get("result").get("capabilities");
    assertEquals(M.readTree("{\"directoryRead\":true}"), caps.get("extensions").get("io.modelcontextprotocol/skills"));
    JsonNode skills = call("skills/list", null, "").get("result").get("skills");
    assertEquals(2, skills.size(), skills::toString);
    assertEquals("skill://note-keeping/SKILL.md", skills.get(0).get("uri").asText());
    JsonNode weather = skills.get(1);
    assertEquals("skill://weather-briefing/SKILL.md", weather.get("uri").asText());
    assertEquals(
        M.readTree("{\"name\":\"weather-briefing\",\"description\":\"Brief a traveller on the weather with the weather tool\"}"),
        weather.get("frontmatter"));
    assertEquals("skill://weather-briefing/references/units.md", weather.get("resources").get(1).get("uri").asText());
    String text = call("resources/read", "skill://weather-briefing/references/units.md",
        "\"uri\":\"skill://weather-briefing/references/units.md\"").get("result").get("contents").get(0).get("text").asText();
    assertEquals("# Units\n\nTemperatures in degrees Celsius, wind in metres per second.\n", text);
    byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    assertEquals(bytes.length, weather.get("resources").get(1).get("size").asInt());
    assertEquals(
        "sha256:" + java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes)),
        weather.get("resources").get(1).get("digest").asText());
    JsonNode dir = call("resources/directory/read", null, "\"uri\":\"skill://weather-briefing\"").get("result").get("resources");
    assertEquals(M.readTree("[{\"uri\":\"skill://weather-briefing/SKILL.md\",\"name\":\"SKILL.md\",\"mimeType\":\"text/markdown\",\"size\":"
        + weather.get("resources").get(0).get("size").asInt() + "},"
        + "{\"uri\":\"skill://weather-briefing/references\",\"name\":\"references\",\"mimeType\":\"inode/directory\"}]"), dir);
    JsonNode escape = call("resources/read", "skill://weather-briefing/../note-keeping/SKILL.md",
        "\"uri\":\"skill://weather-briefing/../note-keeping/SKILL.md\"").get("error");
    assertEquals(-32602, escape.get("code").asInt());
  }

  @Test
  void promptAndCompletion() throws Exception {
    JsonNode prompt = call("prompts/get", "summarize_note", "\"name\":\"summarize_note\",\"arguments\":{\"name\":\"welcome\"}").get("result");
    assertEquals("Summarize this note in one sentence:\n\nHello notes",
        prompt.get("messages").get(0).get("content").get("text").asText());
    JsonNode completion = call("completion/complete", null,
        "\"ref\":{\"type\":\"ref/prompt\",\"name\":\"summarize_note\"},\"argument\":{\"name\":\"name\",\"value\":\"we\"}").get("result");
    assertEquals(M.readTree("[\"welcome\"]"), completion.get("completion").get("values"));
  }

  @Test
  void writingANoteNotifiesItsSubscribers() throws Exception {
    HttpResponse<InputStream> listen = http.send(
        request(5, "subscriptions/listen", null,
            "\"notifications\":{\"resourcesListChanged\":true,\"resourceSubscriptions\":[\"notes:///chores\"]}", ""),
        HttpResponse.BodyHandlers.ofInputStream());
    try (SseReader sse = new SseReader(listen.body())) {
      assertEquals("notifications/subscriptions/acknowledged", M.readTree(sse.nextEvent(10)).get("method").asText());
      JsonNode written = call("tools/call", "write_note", "\"name\":\"write_note\",\"arguments\":{\"name\":\"chores\",\"text\":\"ship it\"}");
      assertEquals("Created notes:///chores", written.get("result").get("content").get(0).get("text").asText());
      assertEquals("notifications/resources/list_changed", M.readTree(sse.nextEvent(10)).get("method").asText());
      JsonNode updated = M.readTree(sse.nextEvent(10));
      assertEquals("notifications/resources/updated", updated.get("method").asText());
      assertEquals("notes:///chores", updated.get("params").get("uri").asText());
    }
    JsonNode rejected = call("tools/call", "write_note", "\"name\":\"write_note\",\"arguments\":{\"name\":\"../x\",\"text\":\"no\"}");
    assertEquals(null, rejected.get("error"), rejected::toString);
    assertEquals(M.readTree("{\"content\":[{\"type\":\"text\",\"text\":\"Invalid note name '../x': use 1-64 letters,"
        + " digits, '-' or '_'\"}],\"isError\":true,\"resultType\":\"complete\",\"_meta\":{\"io.modelcontextprotocol/serverInfo\":"
        + "{\"name\":\"mcpkit-feature-tour\",\"version\":\"0.1.0\"}}}"), rejected.get("result"));
    assertTrue(Files.notExists(dir.getParent().resolve("x")));
    assertTrue(Files.notExists(dir.resolve("x")));
  }

  /** A request declaring the tasks extension. */
  private JsonNode taskCall(String method, String name, String params) throws Exception {
    String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":{" + params
        + ",\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
        + "\"io.modelcontextprotocol/clientCapabilities\":{\"extensions\":{\"io.modelcontextprotocol/tasks\":{}}}}}}";
    HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:8080/mcp"))
        .header("Content-Type", "application/json")
        .header("Accept", "application/json, text/event-stream")
        .header("MCP-Protocol-Version", "2026-07-28")
        .header("Mcp-Method", method)
        .header("Mcp-Name", name)
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
    return answer(http.send(r, HttpResponse.BodyHandlers.ofString()));
  }

  private JsonNode awaitTerminal(String id) throws Exception {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
    JsonNode r = taskCall("tasks/get", id, "\"taskId\":\"" + id + "\"").get("result");
    while (List.of("working", "input_required").contains(r.get("status").asText()) && System.nanoTime() < deadline) {
      Thread.onSpinWait();
      r = taskCall("tasks/get", id, "\"taskId\":\"" + id + "\"").get("result");
    }
    return r;
  }

  @Test
  void reportRunsAsATaskForClientsThatAllowIt() throws Exception {
    JsonNode created = taskCall("tools/call", "report", "\"name\":\"report\",\"arguments\":{\"sections\":2}").get("result");
    assertEquals("task", created.get("resultType").asText());
    assertEquals("working", created.get("status").asText());
    JsonNode done = awaitTerminal(created.get("taskId").asText());
    assertEquals("completed", done.get("status").asText());
    assertEquals("Report of 2 section(s) ready", done.get("result").get("content").get(0).get("text").asText());

    JsonNode cancelMe = taskCall("tools/call", "report", "\"name\":\"report\",\"arguments\":{\"sections\":10}").get("result");
    String id = cancelMe.get("taskId").asText();
    assertEquals("complete", taskCall("tasks/cancel", id, "\"taskId\":\"" + id + "\"").get("result").get("resultType").asText());
    assertEquals("cancelled", awaitTerminal(id).get("status").asText());

    // Without the extension the same handler answers the call itself.
    JsonNode sync = call("tools/call", "report", "\"name\":\"report\",\"arguments\":{\"sections\":1}").get("result");
    assertEquals("Report of 1 section(s) ready", sync.get("content").get(0).get("text").asText());
  }
}
