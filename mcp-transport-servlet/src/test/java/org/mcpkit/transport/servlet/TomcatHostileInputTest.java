package org.mcpkit.transport.servlet;

import java.net.URI;
import org.apache.catalina.startup.Tomcat;
import org.mcpkit.server.http.McpHttpEndpoint;
import org.mcpkit.testing.HostileInputContractTest;

/** Hostile input on embedded Tomcat 11, 127.0.0.1 port 0. */
class TomcatHostileInputTest extends HostileInputContractTest {
  private Tomcat tomcat;

  @Override
  protected URI start(McpHttpEndpoint endpoint) throws Exception {
    tomcat = TomcatTransportContractTest.startTomcat(new McpServlet(endpoint));
    return URI.create("http://127.0.0.1:" + tomcat.getConnector().getLocalPort() + "/mcp");
  }

  @Override
  protected void stop() throws Exception {
    tomcat.stop();
    tomcat.destroy();
  }
}
