package org.mcpkit.transport.undertow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.undertow.Undertow;
import io.undertow.server.handlers.PathHandler;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;
import org.mcpkit.server.McpServer;
import org.mcpkit.server.http.HttpEndpointOptions;
import org.mcpkit.server.http.McpHttpEndpoint;
import org.mcpkit.testing.HttpTransportContractTest;

/** The transport contract on the turnkey {@link UndertowMcpServer}, 127.0.0.1 port 0. */
class UndertowTransportContractTest extends HttpTransportContractTest {
  private UndertowMcpServer turnkey;

  /** The kit's endpoint is not used: the turnkey server builds its own from the same options. */
  @Override
  protected URI start(McpHttpEndpoint endpoint) {
    return start(fixture.server, options(), endpoint);
  }

  @Override
  protected URI start(McpServer server, HttpEndpointOptions options, McpHttpEndpoint endpoint) {
    turnkey = UndertowMcpServer.builder(server).options(options).build().start();
    return URI.create(turnkey.url());
  }

  @Override
  protected void stop() {
    turnkey.close();
  }

  @Test
  void handlerMountedInUsersOwnUndertowRouting() throws Exception {
    Undertow undertow =
        Undertow.builder()
            .addHttpListener(0, "127.0.0.1")
            .setHandler(new PathHandler().addExactPath("/api/mcp", McpUndertowHandler.create(endpoint)))
            .build();
    undertow.start();
    try {
      int port = ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
      uri = URI.create("http://127.0.0.1:" + port + "/api/mcp");
      assertEquals(200, send(post("tools/list", request(1, "tools/list", ""))).statusCode());
    } finally {
      undertow.stop();
    }
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
