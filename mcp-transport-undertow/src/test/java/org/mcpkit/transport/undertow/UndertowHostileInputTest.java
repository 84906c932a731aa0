package org.mcpkit.transport.undertow;

import java.net.URI;
import org.mcpkit.server.http.McpHttpEndpoint;
import org.mcpkit.testing.HostileInputContractTest;

/** Hostile input on the turnkey {@link UndertowMcpServer}, 127.0.0.1 port 0. */
class UndertowHostileInputTest extends HostileInputContractTest {
  private UndertowMcpServer turnkey;

  @Override
  protected URI start(McpHttpEndpoint endpoint) {
    turnkey = UndertowMcpServer.builder(fixture.server).options(endpoint.options()).build().start();
    return URI.create(turnkey.url());
  }

  /** Undertow's chunked decoder closes the connection itself on a bad chunk size, before any handler hears of it. */
  @Override
  protected boolean containerDropsBrokenFraming() {
    return true;
  }

  @Override
  protected void stop() {
    turnkey.close();
  }
}
