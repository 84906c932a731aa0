package org.mcpkit.transport.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
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
 * A long tool call through a proxy that cuts idle connections: keep-alive comments keep it alive;
 * without them it is cut. Timings are the scaled down by 6: a 5 s call (30 s), keep-alive
 * every 333 ms (2 s), a proxy idle timeout of 833 ms (5 s).
 */
class KeepAliveThroughProxyTest {
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
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
    timer.shutdownNow();
  }

  private SseReader callThroughProxy(Duration keepAlive) throws Exception {
    server =
        McpServer.builder(Implementation.of("proxy-test", "1"))
            .tool(
                ToolSpec.of(
                    Tool.builder("long", Map.of("type", "object")).description("long").build(),
                    (ctx, r) -> {
                      CountDownLatch done = new CountDownLatch(1);
                      timer.schedule(done::countDown, 5, TimeUnit.SECONDS);
                      done.await();
                      return CallToolResult.text("finished");
                    }))
            .build();
    endpoint =
        McpHttpEndpoint.create(
            server,
            HttpEndpointOptions.builder()
                .keepAlive(keepAlive)
                .streamAfter(Duration.ofMillis(100))
                .build());
    jetty = JettyTransportContractTest.startJetty(new McpServlet(endpoint));
    proxy = new IdleTimeoutProxy(((ServerConnector) jetty.getConnectors()[0]).getLocalPort(), 833);
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
    assertEquals(200, r.statusCode());
    assertEquals("text/event-stream", r.headers().firstValue("Content-Type").orElse(""));
    return new SseReader(r.body());
  }

  @Test
  void keepAliveCommentsCarryALongCallThroughTheProxy() throws Exception {
    try (SseReader sse = callThroughProxy(Duration.ofMillis(333))) {
      String result = sse.nextEvent(15);
      assertEquals(
          "finished",
          new ObjectMapper().readTree(result).get("result").get("content").get(0).get("text").asText());
    }
  }

  @Test
  void withoutKeepAliveTheProxyCutsTheCall() throws Exception {
    try (SseReader sse = callThroughProxy(Duration.ZERO)) {
      assertEquals(SseReader.EOF, sse.nextEvent(15));
    }
  }
}
