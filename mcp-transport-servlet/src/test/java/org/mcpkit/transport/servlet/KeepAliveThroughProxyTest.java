package org.mcpkit.transport.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mcpkit.protocol.CallToolResult;
import org.mcpkit.protocol.Implementation;
import org.mcpkit.protocol.Tool;
import org.mcpkit.server.McpServer;
import org.mcpkit.server.ToolSpec;
import org.mcpkit.server.http.HttpEndpointOptions;
import org.mcpkit.server.http.McpHttpEndpoint;
import org.mcpkit.testing.SseReader;

/**
 * The figures, unscaled: a tools/call held open 30 s, keep-alive comments every 2 s, through
 * a loopback proxy that cuts a connection after 5 s without a byte. With keep-alive the call ends
 * with its result; with keep-alive off the proxy cuts it at about 5 s, long before the result.
 * The tool's 30 s timed wait is the behaviour under test (a long-running tool), not synchronization.
 */
class KeepAliveThroughProxyTest {
  private static final long CALL_SECONDS = 30;
  private static final Duration KEEP_ALIVE = Duration.ofSeconds(2);
  private static final long PROXY_IDLE_MILLIS = 5_000;

  private final CountDownLatch started = new CountDownLatch(1);
  private final CompletableFuture<Long> heldNanos = new CompletableFuture<>();
  private final CompletableFuture<Long> interruptedAfterNanos = new CompletableFuture<>();
  private McpServer server;
  private McpHttpEndpoint endpoint;
  private Server jetty;
  private IdleTimeoutProxy proxy;

  @AfterEach
  void stop() throws Exception {
    proxy.close();
    jetty.stop();
    endpoint.close();
    server.close();
  }

  private SseReader callThroughProxy(Duration keepAlive) throws Exception {
    server =
        McpServer.builder(Implementation.of("proxy-test", "1"))
            .tool(
                ToolSpec.of(
                    Tool.builder("long", Map.of("type", "object")).description("long").build(),
                    (ctx, args) -> {
                      long t0 = System.nanoTime();
                      started.countDown();
                      try {
                        // a tool that works for 30 s; nothing ever counts this latch down
                        assertFalse(new CountDownLatch(1).await(CALL_SECONDS, TimeUnit.SECONDS));
                      } catch (InterruptedException e) {
                        interruptedAfterNanos.complete(System.nanoTime() - t0);
                        throw e;
                      }
                      heldNanos.complete(System.nanoTime() - t0);
                      return CallToolResult.text("finished");
                    }))
            .build();
    endpoint =
        McpHttpEndpoint.create(
            server, HttpEndpointOptions.builder().keepAlive(keepAlive).build());
    jetty = JettyTransportContractTest.startJetty(new McpServlet(endpoint));
    proxy =
        new IdleTimeoutProxy(
            ((ServerConnector) jetty.getConnectors()[0]).getLocalPort(), PROXY_IDLE_MILLIS);
    HttpResponse<InputStream> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.port() + "/mcp"))
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json, text/event-stream")
                    .header("MCP-Protocol-Version", "2026-07-28")
                    .header("Mcp-Method", "tools/call")
                    .header("Mcp-Name", "long")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"long\","
                                + "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
                                + "\"io.modelcontextprotocol/clientCapabilities\":{}}}}"))
                    .build(),
                HttpResponse.BodyHandlers.ofInputStream());
    // the long call switched to SSE and sent its headers at once (streamAfter, default 500 ms)
    assertEquals(200, r.statusCode());
    assertEquals("text/event-stream", r.headers().firstValue("Content-Type").orElse(""));
    assertTrue(started.await(10, TimeUnit.SECONDS));
    return new SseReader(r.body());
  }

  @Test
  void keepAliveCommentsCarryAThirtySecondCallThroughTheProxy() throws Exception {
    try (SseReader sse = callThroughProxy(KEEP_ALIVE)) {
      int comments = 0;
      String frame;
      // every frame arrives within 4 s of the previous one (keep-alive 2 s, proxy idle 5 s)
      while ((frame = sse.next(4)).equals(":")) {
        comments++;
      }
      assertEquals(
          "finished",
          new ObjectMapper().readTree(frame).get("result").get("content").get(0).get("text").asText());
      assertTrue(
          heldNanos.getNow(0L) >= TimeUnit.SECONDS.toNanos(CALL_SECONDS),
          "the call was held open 30 s: " + heldNanos.getNow(0L));
      assertTrue(comments >= 13, "a keep-alive comment about every 2 s over 30 s, saw " + comments);
      assertEquals(SseReader.EOF, sse.next(10));
      assertEquals(0, proxy.cuts());
      assertFalse(interruptedAfterNanos.isDone());
    }
  }

  @Test
  void withoutKeepAliveTheProxyCutsTheCallAfterFiveSeconds() throws Exception {
    long sent = System.nanoTime();
    try (SseReader sse = callThroughProxy(Duration.ZERO)) {
      assertEquals(SseReader.EOF, sse.nextEvent(15));
      long cutAfter = System.nanoTime() - sent;
      assertEquals(1, proxy.cuts());
      assertTrue(
          cutAfter >= TimeUnit.MILLISECONDS.toNanos(PROXY_IDLE_MILLIS)
              && cutAfter < TimeUnit.SECONDS.toNanos(CALL_SECONDS / 2),
          "cut at the proxy's 5 s idle timeout, long before the 30 s result: " + cutAfter / 1_000_000 + " ms");
      // the client lost the call before its result existed
      assertFalse(heldNanos.isDone());
    }
  }
}
