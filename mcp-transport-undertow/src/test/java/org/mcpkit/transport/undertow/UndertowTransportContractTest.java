package org.mcpkit.transport.undertow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.undertow.Undertow;
import io.undertow.server.handlers.PathHandler;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;
import org.mcpkit.server.http.McpHttpEndpoint;
import org.mcpkit.testing.HttpTransportContractTest;

/** The transport contract on Undertow through {@link McpUndertowHandler}, 127.0.0.1 port 0. */
class UndertowTransportContractTest extends HttpTransportContractTest {
  private Undertow undertow;

  @Override
  protected URI start(McpHttpEndpoint endpoint) {
    undertow =
        Undertow.builder()
            .addHttpListener(0, "127.0.0.1")
            .setHandler(new PathHandler().addExactPath("/mcp", McpUndertowHandler.create(endpoint)))
            .build();
    undertow.start();
    int port = ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
    return URI.create("http://127.0.0.1:" + port + "/mcp");
  }

  @Override
  protected void stop() {
    undertow.stop();
  }

  @Test
  void turnkeyServerAnswersHealthAndMcp() throws Exception {
    try (UndertowMcpServer s = UndertowMcpServer.builder(fixture.server).build().start()) {
      URI base = URI.create("http://127.0.0.1:" + s.port());
      assertEquals("ok", send(HttpRequest.newBuilder(base.resolve("/healthz")).GET()).body());
      assertEquals("ready", send(HttpRequest.newBuilder(base.resolve("/readyz")).GET()).body());
      uri = URI.create(s.url());
      assertEquals(200, send(post("tools/list", request(1, "tools/list", ""))).statusCode());
    }
  }
}
