package org.mcpkit.server.stdio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.BufferedReader;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.mcpkit.internal.json.Json;
import org.mcpkit.protocol.CallToolResult;
import org.mcpkit.protocol.Implementation;
import org.mcpkit.protocol.Tool;
import org.mcpkit.server.McpServer;
import org.mcpkit.server.ToolSpec;

class StdioTransportTest {
  private static final ObjectMapper MAPPER = Json.mapper();
  private static final String META =
      "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
          + "\"io.modelcontextprotocol/clientCapabilities\":{}}";

  record AddArgs(int a, int b) {}

  private static McpServer server(CountDownLatch blockStarted) {
    return McpServer.builder(Implementation.of("stdio-test", "1"))
        .tool("add", "Adds", AddArgs.class, (ctx, x) -> CallToolResult.text(String.valueOf(x.a() + x.b())))
        .tool(
            ToolSpec.of(
                Tool.builder("block", Map.of("type", "object")).description("blocks").build(),
                (ctx, args) -> {
                  blockStarted.countDown();
                  new CountDownLatch(1).await();
                  return CallToolResult.text("unreachable");
                }))
        .build();
  }

  private static List<JsonNode> run(McpServer server, String input) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StdioTransport.create(
            server, new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out)
        .run();
    List<JsonNode> lines = new ArrayList<>();
    for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
      if (!line.isEmpty()) {
        lines.add(MAPPER.readTree(line));
      }
    }
    return lines;
  }

  private static Map<Integer, JsonNode> byId(List<JsonNode> lines) {
    Map<Integer, JsonNode> map = new HashMap<>();
    for (JsonNode n : lines) {
      map.put(n.has("id") && !n.get("id").isNull() ? n.get("id").asInt() : -1, n);
    }
    return map;
  }

  @Test
  void answersPipedRequestsOnePerLine() throws Exception {
    try (McpServer server = server(new CountDownLatch(1))) {
      CompletableFuture<List<JsonNode>> done = new CompletableFuture<>();
      String input =
          "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"server/discover\",\"params\":{" + META + "}}\n"
              + "\n"
              + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"add\",\"arguments\":{\"a\":2,\"b\":3},"
              + META
              + "}}\r\n"
              + "not json\n"
              + "[1,2]\n"
              + "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/list\",\"params\":{}}";
      done.complete(run(server, input));
      List<JsonNode> lines = done.get(10, TimeUnit.SECONDS);
      assertEquals(5, lines.size(), lines::toString);
      Map<Integer, JsonNode> byId = byId(lines);
      assertEquals("2026-07-28", byId.get(1).get("result").get("supportedVersions").get(0).asText());
      assertEquals(
          MAPPER.readTree(
              "{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"5\"}],"
                  + "\"resultType\":\"complete\",\"_meta\":{\"io.modelcontextprotocol/serverInfo\":{\"name\":\"stdio-test\",\"version\":\"1\"}}}}"),
          byId.get(2));
      assertEquals(
          MAPPER.readTree(
              "{\"jsonrpc\":\"2.0\",\"id\":3,\"error\":{\"code\":-32602,\"message\":\"Invalid params: missing required _meta\"}}"),
          byId.get(3));
      List<Integer> idless = new ArrayList<>();
      for (JsonNode n : lines) {
        if (!n.has("id")) {
          idless.add(n.get("error").get("code").asInt());
        }
      }
      assertEquals(List.of(-32700, -32600), idless);
    }
  }

  @Test
  void cancelledRequestGetsNoResponseAndEofEndsTheLoop() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    try (McpServer server = server(started)) {
      PipedOutputStream feed = new PipedOutputStream();
      PipedInputStream in = new PipedInputStream(feed, 1 << 16);
      PipedInputStream outRead = new PipedInputStream(1 << 16);
      PipedOutputStream out = new PipedOutputStream(outRead);
      StdioTransport transport = StdioTransport.create(server, in, out);
      CompletableFuture<Void> loop = CompletableFuture.runAsync(transport::run);
      feed.write(
          ("{\"jsonrpc\":\"2.0\",\"id\":\"slow\",\"method\":\"tools/call\",\"params\":{\"name\":\"block\"," + META + "}}\n")
              .getBytes(StandardCharsets.UTF_8));
      feed.flush();
      assertTrue(started.await(10, TimeUnit.SECONDS));
      feed.write(
          ("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":\"slow\"}}\n"
                  + "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"add\",\"arguments\":{\"a\":1,\"b\":1},"
                  + META
                  + "}}\n")
              .getBytes(StandardCharsets.UTF_8));
      feed.flush();
      BufferedReader reader = new BufferedReader(new InputStreamReader(outRead, StandardCharsets.UTF_8));
      JsonNode first = MAPPER.readTree(reader.readLine());
      assertEquals(7, first.get("id").asInt());
      feed.close();
      loop.get(10, TimeUnit.SECONDS);
      out.close();
      assertEquals(null, reader.readLine());
    }
  }

  @Test
  void legacyClientGetsARealElicitationRequestOverStdio() throws Exception {
    try (McpServer server =
        McpServer.builder(Implementation.of("stdio-test", "1"))
            .tool(
                ToolSpec.of(
                    Tool.builder("ask", Map.of("type", "object")).description("asks").build(),
                    (ctx, args) -> {
                      org.mcpkit.protocol.ElicitResult r =
                          ctx.elicit(
                              "name",
                              org.mcpkit.protocol.ElicitRequest.form(
                                  "Name?", Map.of("type", "object")));
                      return CallToolResult.text("Hi " + r.content().get("name"));
                    }))
            .build()) {
      PipedOutputStream feed = new PipedOutputStream();
      PipedInputStream in = new PipedInputStream(feed, 1 << 16);
      PipedInputStream outRead = new PipedInputStream(1 << 16);
      PipedOutputStream out = new PipedOutputStream(outRead);
      CompletableFuture<Void> loop =
          CompletableFuture.runAsync(StdioTransport.create(server, in, out)::run);
      BufferedReader reader = new BufferedReader(new InputStreamReader(outRead, StandardCharsets.UTF_8));
      feed.write(
          ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\","
                  + "\"capabilities\":{\"elicitation\":{}},\"clientInfo\":{\"name\":\"c\",\"version\":\"1\"}}}\n"
                  + "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n"
                  + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"ask\"}}\n")
              .getBytes(StandardCharsets.UTF_8));
      feed.flush();
      assertEquals("2025-11-25", MAPPER.readTree(reader.readLine()).get("result").get("protocolVersion").asText());
      JsonNode ask = MAPPER.readTree(reader.readLine());
      assertEquals("elicitation/create", ask.get("method").asText());
      assertEquals("Name?", ask.get("params").get("message").asText());
      feed.write(
          ("{\"jsonrpc\":\"2.0\",\"id\":" + ask.get("id") + ",\"result\":{\"action\":\"accept\",\"content\":{\"name\":\"Bo\"}}}\n")
              .getBytes(StandardCharsets.UTF_8));
      feed.flush();
      assertEquals(
          MAPPER.readTree("{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"Hi Bo\"}]}}"),
          MAPPER.readTree(reader.readLine()));
      feed.close();
      loop.get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void theServerPingsALegacyClientAndSendsNoRequestBeforeInitialized() throws Exception {
    try (McpServer server =
        McpServer.builder(Implementation.of("stdio-test", "1"))
            .tool(
                ToolSpec.of(
                    Tool.builder("ask", Map.of("type", "object")).description("asks").build(),
                    (ctx, args) -> {
                      ctx.elicit("name", org.mcpkit.protocol.ElicitRequest.form("Name?", Map.of("type", "object")));
                      return CallToolResult.text("unreachable");
                    }))
            .build()) {
      PipedOutputStream feed = new PipedOutputStream();
      PipedInputStream in = new PipedInputStream(feed, 1 << 16);
      PipedInputStream outRead = new PipedInputStream(1 << 16);
      PipedOutputStream out = new PipedOutputStream(outRead);
      StdioTransport transport = StdioTransport.create(server, in, out);
      java.util.concurrent.ExecutionException before =
          org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.ExecutionException.class,
              () -> transport.ping(java.time.Duration.ofSeconds(5)).get(5, TimeUnit.SECONDS));
      assertEquals("No 2025-era session to send ping to", before.getCause().getMessage());
      CompletableFuture<Void> loop = CompletableFuture.runAsync(transport::run);
      BufferedReader reader = new BufferedReader(new InputStreamReader(outRead, StandardCharsets.UTF_8));
      feed.write(
          ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                  + "\"capabilities\":{\"elicitation\":{}},\"clientInfo\":{\"name\":\"c\",\"version\":\"1\"}}}\n"
                  + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"ask\"}}\n")
              .getBytes(StandardCharsets.UTF_8));
      feed.flush();
      assertEquals("2025-06-18", MAPPER.readTree(reader.readLine()).get("result").get("protocolVersion").asText());
      assertEquals(
          MAPPER.readTree("{\"jsonrpc\":\"2.0\",\"id\":2,\"error\":{\"code\":-32603,"
              + "\"message\":\"Cannot send elicitation/create before the client sent notifications/initialized\"}}"),
          MAPPER.readTree(reader.readLine()));
      CompletableFuture<Void> ping = transport.ping(java.time.Duration.ofSeconds(10));
      assertEquals(MAPPER.readTree("{\"jsonrpc\":\"2.0\",\"id\":\"mcpkit-1\",\"method\":\"ping\"}"),
          MAPPER.readTree(reader.readLine()), "ping may precede notifications/initialized");
      feed.write("{\"jsonrpc\":\"2.0\",\"id\":\"mcpkit-1\",\"result\":{}}\n".getBytes(StandardCharsets.UTF_8));
      feed.flush();
      assertEquals(null, ping.get(10, TimeUnit.SECONDS));
      feed.close();
      loop.get(10, TimeUnit.SECONDS);
      java.util.concurrent.ExecutionException after =
          org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.ExecutionException.class,
              () -> transport.ping(java.time.Duration.ofSeconds(5)).get(5, TimeUnit.SECONDS));
      assertEquals("No 2025-era session to send ping to", after.getCause().getMessage());
    }
  }

  @Test
  void batchesAreAnsweredOnlyFor20250326() throws Exception {
    try (McpServer server = server(new CountDownLatch(1))) {
      String init =
          "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-03-26\","
              + "\"capabilities\":{},\"clientInfo\":{\"name\":\"c\",\"version\":\"1\"}}}\n";
      String batch =
          "[{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-03-26\","
              + "\"capabilities\":{},\"clientInfo\":{\"name\":\"c\",\"version\":\"1\"}}},"
              + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"add\",\"arguments\":{\"a\":1,\"b\":2}}},"
              + "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"},"
              + "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"ping\"}]\n";
      List<JsonNode> lines = run(server, init + batch);
      assertEquals(2, lines.size(), lines::toString);
      assertEquals(
          MAPPER.readTree(
              "[{\"jsonrpc\":\"2.0\",\"id\":4,\"error\":{\"code\":-32600,"
                  + "\"message\":\"Invalid request: initialize must not be part of a batch\"}},"
                  + "{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"3\"}]}},"
                  + "{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":{}}]"),
          lines.get(1));
    }
    try (McpServer server = server(new CountDownLatch(1))) {
      String init =
          "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
              + "\"capabilities\":{},\"clientInfo\":{\"name\":\"c\",\"version\":\"1\"}}}\n";
      List<JsonNode> lines = run(server, init + "[{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"ping\"}]\n");
      assertEquals(
          MAPPER.readTree("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32600,\"message\":\"Invalid request: batches are not supported\"}}"),
          lines.get(1));
    }
  }

  @Test
  void oversizedLineIsRejectedAndTheNextLineStillServed() throws Exception {
    try (McpServer server = server(new CountDownLatch(1))) {
      String huge = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"x\",\"params\":{\"s\":\"" + "a".repeat(5 * 1024 * 1024) + "\"}}\n";
      String next = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"server/discover\",\"params\":{" + META + "}}\n";
      List<JsonNode> lines = run(server, huge + next);
      assertEquals(2, lines.size());
      assertEquals(
          MAPPER.readTree("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32600,\"message\":\"Message too large: the limit is 4194304 bytes\"}}"),
          lines.get(0));
      assertEquals(2, lines.get(1).get("id").asInt());
    }
  }
}
