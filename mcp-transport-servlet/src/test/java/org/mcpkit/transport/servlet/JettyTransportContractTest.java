package org.mcpkit.transport.servlet;

import java.net.URI;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.mcpkit.server.http.McpHttpEndpoint;
import org.mcpkit.testing.HttpTransportContractTest;

/** The transport contract on embedded Jetty 12 (ee10), bound to 127.0.0.1 on port 0. */
class JettyTransportContractTest extends HttpTransportContractTest {
  private Server jetty;

  static Server startJetty(McpServlet servlet) throws Exception {
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    ServletHolder holder = new ServletHolder(servlet);
    holder.setAsyncSupported(true);
    context.addServlet(holder, "/mcp");
    server.setHandler(context);
    server.start();
    return server;
  }

  @Override
  protected URI start(McpHttpEndpoint endpoint) throws Exception {
    jetty = startJetty(new McpServlet(endpoint));
    int port = ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
    return URI.create("http://127.0.0.1:" + port + "/mcp");
  }

  @Override
  protected void stop() throws Exception {
    jetty.stop();
  }
}
