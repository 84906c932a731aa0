package org.mcpkit.transport.servlet;

import java.net.URI;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.mcpkit.server.http.McpHttpEndpoint;
import org.mcpkit.testing.HostileInputContractTest;

/** Hostile input on embedded Jetty 12 (ee10), 127.0.0.1 port 0. */
class JettyHostileInputTest extends HostileInputContractTest {
  private Server jetty;

  @Override
  protected URI start(McpHttpEndpoint endpoint) throws Exception {
    jetty = JettyTransportContractTest.startJetty(new McpServlet(endpoint));
    return URI.create("http://127.0.0.1:" + ((ServerConnector) jetty.getConnectors()[0]).getLocalPort() + "/mcp");
  }

  @Override
  protected void stop() throws Exception {
    jetty.stop();
  }
}
