package org.mcpkit.transport.servlet;

import java.net.URI;
import org.apache.catalina.Context;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.mcpkit.server.http.McpHttpEndpoint;
import org.mcpkit.testing.HttpTransportContractTest;

/** The transport contract on embedded Tomcat 11, bound to 127.0.0.1 on port 0. */
class TomcatTransportContractTest extends HttpTransportContractTest {
  private Tomcat tomcat;

  static Tomcat startTomcat(McpServlet servlet) throws Exception {
    Tomcat tomcat = new Tomcat();
    tomcat.setBaseDir(java.nio.file.Files.createTempDirectory("tomcat").toString());
    Connector connector = new Connector();
    connector.setPort(0);
    connector.setProperty("address", "127.0.0.1");
    tomcat.setConnector(connector);
    Context ctx = tomcat.addContext("", null);
    Wrapper w = Tomcat.addServlet(ctx, "mcp", servlet);
    w.setAsyncSupported(true);
    ctx.addServletMappingDecoded("/mcp", "mcp");
    tomcat.start();
    return tomcat;
  }

  @Override
  protected URI start(McpHttpEndpoint endpoint) throws Exception {
    tomcat = startTomcat(new McpServlet(endpoint));
    return URI.create("http://127.0.0.1:" + tomcat.getConnector().getLocalPort() + "/mcp");
  }

  @Override
  protected void stop() throws Exception {
    tomcat.stop();
    tomcat.destroy();
  }
}
