package org.mcpkit.transport.servlet;

import java.net.URI;
import org.apache.catalina.Context;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.mcpkit.server.http.McpHttpEndpoint;
import org.mcpkit.auth.contract.AuthContractTest;

/** The resource-server contract on embedded Tomcat 11: one servlet mapped to the MCP, HTTP+SSE and metadata paths. */
class TomcatAuthContractTest extends AuthContractTest {
  private Tomcat tomcat;

  @Override
  protected URI start(McpHttpEndpoint endpoint) throws Exception {
    tomcat = new Tomcat();
    tomcat.setBaseDir(java.nio.file.Files.createTempDirectory("tomcat").toString());
    Connector connector = new Connector();
    connector.setPort(0);
    connector.setProperty("address", "127.0.0.1");
    tomcat.setConnector(connector);
    Context ctx = tomcat.addContext("", null);
    Wrapper w = Tomcat.addServlet(ctx, "mcp", new McpServlet(endpoint));
    w.setAsyncSupported(true);
    for (String path : new String[] {"/mcp", "/sse", "/message", "/.well-known/oauth-protected-resource", "/.well-known/oauth-protected-resource/mcp"}) {
      ctx.addServletMappingDecoded(path, "mcp");
    }
    tomcat.start();
    return URI.create("http://127.0.0.1:" + tomcat.getConnector().getLocalPort() + "/");
  }

  @Override
  protected void stop() throws Exception {
    tomcat.stop();
    tomcat.destroy();
  }
}
