package org.mcpkit.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mcpkit.protocol.Implementation;
import org.mcpkit.server.McpServer;
import org.mcpkit.server.http.HttpEndpointOptions;
import org.mcpkit.testing.ObservedTools;
import org.mcpkit.testing.RecordingObserver;
import org.mcpkit.testing.ScriptedClient;

/**
 * The open-streams gauge (the auto-scaling signal) counts every kind of SSE stream and returns to
 * zero once the clients are gone: some close their connection, the others vanish (a reset, nothing
 * read), noticed at the next keep-alive.
 */
class OpenStreamsGaugeTest {
  private static final String META =
      "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\",\"io.modelcontextprotocol/clientCapabilities\":{}}";

  private static double open(SimpleMeterRegistry registry, String kind) {
    return registry.get(McpMetrics.OPEN_STREAMS).tag(McpMetrics.KIND_TAG, kind).gauge().value();
  }

  /** Sends a raw request and waits for the response head, so the stream is open before the client leaves. */
  private static Socket raw(int port, String request) throws IOException {
    Socket s = new Socket("127.0.0.1", port);
    s.setSoTimeout(10_000);
    OutputStream out = s.getOutputStream();
    out.write(request.getBytes(StandardCharsets.UTF_8));
    out.flush();
    InputStream in = s.getInputStream();
    StringBuilder head = new StringBuilder();
    while (!head.toString().contains("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("closed before the head: " + head);
      }
      head.append((char) b);
    }
    assertTrue(head.toString().startsWith("HTTP/1.1 200"), head::toString);
    assertTrue(head.toString().toLowerCase().contains("text/event-stream"), head::toString);
    return s;
  }

  private static String get(int port, String path, String session) {
    return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAccept: text/event-stream\r\n"
        + (session == null ? "" : "Mcp-Session-Id: " + session + "\r\nMCP-Protocol-Version: 2025-11-25\r\n") + "\r\n";
  }

  private static String post(int port, String method, String name, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return "POST /mcp HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: application/json\r\n"
        + "Accept: application/json, text/event-stream\r\nMCP-Protocol-Version: 2026-07-28\r\nMcp-Method: " + method + "\r\n"
        + (name == null ? "" : "Mcp-Name: " + name + "\r\n") + "Content-Length: " + bytes.length + "\r\n\r\n" + body;
  }

  @ParameterizedTest
  @EnumSource(Container.class)
  void everyKindOfStreamIsCountedUntilItsClientIsGone(Container container) throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    McpServer.Builder b = McpServer.builder(Implementation.of("streams", "1")).observer(McpMetrics.observer(registry));
    ObservedTools.all(() -> {}).forEach(b::tool);
    HttpEndpointOptions options = HttpEndpointOptions.builder()
        .keepAlive(Duration.ofMillis(100))
        .streamAfter(Duration.ofMillis(20))
        .httpSse("/sse", "/message")
        .build();
    try (McpServer server = b.build(); Container.Running running = container.start(server, options)) {
      int port = running.base().getPort();
      String session = new ScriptedClient(running.mcp()).initialize("2025-11-25");
      List<Socket> vanishing = new ArrayList<>();
      List<Socket> closing = new ArrayList<>();
      vanishing.add(raw(port, get(port, "/mcp", session)));
      vanishing.add(raw(port, post(port, "tools/call", "hold",
          "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"hold\"," + META + "}}")));
      vanishing.add(raw(port, post(port, "subscriptions/listen", null,
          "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"subscriptions/listen\",\"params\":{\"notifications\":{\"toolsListChanged\":true},"
              + META + "}}")));
      vanishing.add(raw(port, get(port, "/sse", null)));
      closing.add(raw(port, get(port, "/sse", null)));
      closing.add(raw(port, post(port, "tools/call", "hold",
          "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"hold\"," + META + "}}")));
      RecordingObserver.await(Duration.ofSeconds(10), "every stream to be counted", () ->
          open(registry, "get") == 1 && open(registry, "post") == 2 && open(registry, "listen") == 1
              && open(registry, "http_sse") == 2);
      for (Socket s : vanishing) {
        s.setSoLinger(true, 0); // a reset: the client vanishes without closing
        s.close();
      }
      for (Socket s : closing) {
        s.shutdownOutput();
        s.close();
      }
      RecordingObserver.await(Duration.ofSeconds(20), "every stream to be let go", () ->
          open(registry, "get") == 0 && open(registry, "post") == 0 && open(registry, "listen") == 0
              && open(registry, "http_sse") == 0);
      double closed = registry.find(McpMetrics.STREAMS_CLOSED).counters().stream().mapToDouble(c -> c.count()).sum();
      assertEquals(6.0, closed, "each stream ended once");
    }
  }
}
