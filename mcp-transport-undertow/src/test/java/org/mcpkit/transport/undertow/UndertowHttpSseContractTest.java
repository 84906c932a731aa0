package org.mcpkit.transport.undertow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.undertow.Undertow;
import io.undertow.server.handlers.PathHandler;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mcpkit.server.http.McpHttpEndpoint;
import org.mcpkit.testing.HttpSseContractTest;

/**
 * The HTTP+SSE contract on Undertow, 127.0.0.1 port 0: the handler mounted at the three paths, and
 * the turnkey server enabling them from its builder.
 */
class UndertowHttpSseContractTest extends HttpSseContractTest {
  private Undertow undertow;

  @Override
  protected URI start(McpHttpEndpoint endpoint) {
    McpUndertowHandler handler = McpUndertowHandler.create(endpoint);
    undertow =
        Undertow.builder()
            .addHttpListener(0, "127.0.0.1")
            .setHandler(new PathHandler().addExactPath("/mcp", handler).addExactPath("/sse", handler).addExactPath("/message", handler))
            .build();
    undertow.start();
    int port = ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
    return URI.create("http://127.0.0.1:" + port + "/");
  }

  @Override
  protected void stop() {
    undertow.stop();
  }

  @Test
  void turnkeyServerRoutesTheOldPathsWhenEnabled() throws Exception {
    try (UndertowMcpServer s = UndertowMcpServer.builder(fixture.server).httpSse("/sse", "/message").build().start()) {
      assertEquals(Optional.of("http://127.0.0.1:" + s.port() + "/sse"), s.sseUrl());
      base = URI.create("http://127.0.0.1:" + s.port() + "/");
      try (OldClient c = new OldClient()) {
        c.initialize("{}");
        c.accepted("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"arguments\":{\"text\":\"turnkey\"}}}");
        assertEquals(
            json("{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"turnkey\"}]}}"), c.next());
      }
    }
    try (UndertowMcpServer off = UndertowMcpServer.builder(fixture.server).build().start()) {
      assertEquals(Optional.empty(), off.sseUrl());
      HttpResponse<String> r = http.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + off.port() + "/sse")).header("Accept", "text/event-stream").GET().build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(404, r.statusCode(), "off by default: the turnkey server does not route the old paths");
    }
    assertEquals("HTTP+SSE path /mcp collides with another path of this server",
        assertThrows(IllegalArgumentException.class,
            () -> UndertowMcpServer.builder(fixture.server).httpSse("/mcp", "/message").build()).getMessage());
  }
}
