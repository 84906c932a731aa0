package org.mcpkit.transport.servlet;

import java.net.URI;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.mcpkit.server.http.McpHttpEndpoint;
import org.mcpkit.auth.contract.AuthContractTest;

/** The resource-server contract on embedded Jetty 12 (ee10): one servlet mapped to the MCP, HTTP+SSE and metadata paths. */
class JettyAuthContractTest extends AuthContractTest {
  private Server jetty;

  @Override
  protected URI start(McpHttpEndpoint endpoint) throws Exception {
    jetty = new Server();
    ServerConnector connector = new ServerConnector(jetty);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    jetty.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    ServletHolder holder = new ServletHolder(new McpServlet(endpoint));
    holder.setAsyncSupported(true);
    for (String path : new String[] {"/mcp", "/sse", "/message", "/.well-known/oauth-protected-resource", "/.well-known/oauth-protected-resource/mcp"}) {
      context.addServlet(holder, path);
    }
    jetty.setHandler(context);
    jetty.start();
    return URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/");
  }

  @Override
  protected void stop() throws Exception {
    jetty.stop();
  }
}
