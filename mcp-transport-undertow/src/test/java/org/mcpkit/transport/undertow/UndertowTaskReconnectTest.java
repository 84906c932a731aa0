package org.mcpkit.transport.undertow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
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
import org.mcpkit.server.ToolSpec;
import org.mcpkit.server.task.TaskSupport;
import org.mcpkit.testing.RawHttp;

/**
 * A task outlives its client's connection: the client starts it, drops the connection (a TCP
 * reset), and comes back on a new one to answer its question and fetch its result. Real Undertow
 * on loopback.
 */
class UndertowTaskReconnectTest {
  private static final ObjectMapper M = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private final CountDownLatch holding = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);
  private final CountDownLatch interrupted = new CountDownLatch(1);
  private final McpServer mcp =
      McpServer.builder(Implementation.of("reconnect", "1"))
          .tool(
              ToolSpec.of(
                      Tool.builder("hold", Map.of("type", "object")).build(),
                      (ctx, args) -> {
                        holding.countDown();
                        try {
                          release.await(20, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                          interrupted.countDown();
                          throw e;
                        }
                        return CallToolResult.text("done after the client came back");
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
  private final UndertowMcpServer http =
      UndertowMcpServer.builder(mcp).host("127.0.0.1").port(0).shutdownHook(false).build().start();

  @AfterEach
  void stop() {
    release.countDown();
    http.close();
    mcp.close();
  }

  private static String body(String method, String params) {
    return "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":{" + params
        + ",\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
        + "\"io.modelcontextprotocol/clientCapabilities\":{\"elicitation\":{},"
        + "\"extensions\":{\"io.modelcontextprotocol/tasks\":{}}}}}}";
  }

  private static Map<String, String> headers(String method, String name) {
    return Map.of(
        "Content-Type", "application/json",
        "Accept", "application/json, text/event-stream",
        "MCP-Protocol-Version", "2026-07-28",
        "Mcp-Method", method,
        "Mcp-Name", name);
  }

  /** A request on a fresh connection, read to the end. */
  private JsonNode send(String method, String name, String params) throws IOException {
    RawHttp.Reply reply = RawHttp.post(http.port(), "/mcp", body(method, params), headers(method, name), TIMEOUT);
    assertEquals(200, reply.status(), reply.body());
    return M.readTree(reply.body());
  }

  /**
   * Starts a task on a connection kept alive, reads the answer, then drops the connection with a
   * TCP reset, as a client that crashes or loses its network would.
   */
  private String startThenDrop(String tool) throws IOException {
    byte[] json = body("tools/call", "\"name\":\"" + tool + "\"").getBytes(StandardCharsets.UTF_8);
    StringBuilder head = new StringBuilder("POST /mcp HTTP/1.1\r\nHost: 127.0.0.1:" + http.port() + "\r\n");
    headers("tools/call", tool).forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
    head.append("Content-Length: ").append(json.length).append("\r\n\r\n");
    Socket socket = new Socket();
    try {
      socket.connect(new InetSocketAddress("127.0.0.1", http.port()), (int) TIMEOUT.toMillis());
      socket.setSoTimeout((int) TIMEOUT.toMillis());
      OutputStream out = socket.getOutputStream();
      out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.write(json);
      out.flush();
      String reply = readOneResponse(socket.getInputStream());
      JsonNode created = M.readTree(reply.substring(reply.indexOf('{')));
      assertEquals("task", created.at("/result/resultType").asText(), reply);
      return created.at("/result/taskId").asText();
    } finally {
      socket.setSoLinger(true, 0); // close with RST: the connection is gone, not shut down politely
      socket.close();
    }
  }

  private static String readOneResponse(InputStream in) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    int contentLength = -1;
    int headEnd = -1;
    while (headEnd < 0 || all.size() < headEnd + contentLength) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      all.write(b);
      if (headEnd < 0) {
        String text = all.toString(StandardCharsets.ISO_8859_1);
        if (text.endsWith("\r\n\r\n")) {
          headEnd = text.length();
          for (String line : text.split("\r\n")) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
              contentLength = Integer.parseInt(line.substring(15).strip());
            }
          }
          assertTrue(contentLength >= 0, "a JSON answer with a length: " + text);
        }
      }
    }
    return all.toString(StandardCharsets.UTF_8);
  }

  private JsonNode awaitStatus(String id, String status) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    JsonNode r = send("tasks/get", id, "\"taskId\":\"" + id + "\"");
    while (!status.equals(r.at("/result/status").asText()) && System.nanoTime() < deadline) {
      Thread.onSpinWait();
      r = send("tasks/get", id, "\"taskId\":\"" + id + "\"");
    }
    assertEquals(status, r.at("/result/status").asText(), r.toString());
    return r;
  }

  @Test
  void aRunningTaskSurvivesTheClientsDroppedConnectionAndItsResultIsFetchedOnANewOne() throws Exception {
    String id = startThenDrop("hold");
    assertTrue(holding.await(10, TimeUnit.SECONDS), "the handler runs");
    assertEquals("working", send("tasks/get", id, "\"taskId\":\"" + id + "\"").at("/result/status").asText());
    release.countDown();
    JsonNode done = awaitStatus(id, "completed");
    assertEquals("done after the client came back", done.at("/result/result/content/0/text").asText());
    assertFalse(interrupted.await(0, TimeUnit.MILLISECONDS), "the dropped connection never interrupted the handler");
  }

  @Test
  void aTaskWaitingForInputIsAnsweredAfterTheClientReconnects() throws Exception {
    String id = startThenDrop("ask");
    JsonNode waiting = awaitStatus(id, "input_required");
    assertEquals("Name?", waiting.at("/result/inputRequests/name/params/message").asText());
    JsonNode ack =
        send("tasks/update", id,
            "\"taskId\":\"" + id + "\",\"inputResponses\":{\"name\":{\"action\":\"accept\",\"content\":{\"name\":\"Ada\"}}}");
    assertEquals("complete", ack.at("/result/resultType").asText());
    assertEquals("Hi Ada", awaitStatus(id, "completed").at("/result/result/content/0/text").asText());
  }
}
