package org.mcpkit.transport.undertow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.mcpkit.protocol.CallToolResult;
import org.mcpkit.protocol.Implementation;
import org.mcpkit.protocol.Tool;
import org.mcpkit.server.McpServer;
import org.mcpkit.server.ToolSpec;
import org.mcpkit.testing.SseReader;

/** Graceful drain: readiness first, streams get retry and end, in-flight calls finish, then stop. */
class UndertowDrainTest {
  private static final String META =
      "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\",\"io.modelcontextprotocol/clientCapabilities\":{}}";

  @Test
  void drainFinishesCallsAndEndsStreams() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    McpServer mcp =
        McpServer.builder(Implementation.of("drain", "1"))
            .tool(
                ToolSpec.of(
                    Tool.builder("work", Map.of("type", "object")).description("work").build(),
                    (ctx, r) -> {
                      started.countDown();
                      release.await();
                      return CallToolResult.text("done");
                    }))
            .build();
    UndertowMcpServer server = UndertowMcpServer.builder(mcp).build().start();
    URI uri = URI.create(server.url());
    URI ready = URI.create("http://127.0.0.1:" + server.port() + "/readyz");
    HttpClient client = HttpClient.newHttpClient();
    HttpResponse<InputStream> listen =
        client.send(
            HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .header("MCP-Protocol-Version", "2026-07-28")
                .header("Mcp-Method", "subscriptions/listen")
                .POST(HttpRequest.BodyPublishers.ofString(
                    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"subscriptions/listen\",\"params\":{\"notifications\":{\"toolsListChanged\":true}," + META + "}}"))
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
    CompletableFuture<HttpResponse<String>> call =
        client.sendAsync(
            HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .header("MCP-Protocol-Version", "2026-07-28")
                .header("Mcp-Method", "tools/call")
                .header("Mcp-Name", "work")
                .POST(HttpRequest.BodyPublishers.ofString(
                    "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"work\"," + META + "}}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertTrue(started.await(10, TimeUnit.SECONDS));
    assertEquals(200, client.send(HttpRequest.newBuilder(ready).GET().build(), HttpResponse.BodyHandlers.ofString()).statusCode());

    CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (server.isReady() && System.nanoTime() < deadline) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5)); // polling deadline
    }
    assertEquals(false, server.isReady(), "readiness turns 503 at once");
    assertEquals(503, client.send(HttpRequest.newBuilder(ready).GET().build(), HttpResponse.BodyHandlers.ofString()).statusCode());
    try (SseReader sse = new SseReader(listen.body())) {
      java.util.List<String> frames = new java.util.ArrayList<>();
      String frame;
      do {
        frame = sse.next(10);
        if (!frame.equals(":")) {
          frames.add(frame.startsWith("{") ? "event" : frame);
        }
      } while (!frame.equals(SseReader.EOF));
      assertEquals(java.util.List.of("event", "retry:3000", SseReader.EOF), frames,
          "ack, then the retry hint, then the end of the stream");
    }
    release.countDown();
    HttpResponse<String> done = call.get(20, TimeUnit.SECONDS);
    assertEquals(200, done.statusCode());
    assertTrue(done.body().contains("\"text\":\"done\""), done.body());
    closing.get(30, TimeUnit.SECONDS);
    mcp.close();
  }
}
