package org.mcpkit.opentelemetry;

import java.net.URI;
import java.nio.file.Files;
import org.apache.catalina.Context;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.mcpkit.server.McpServer;
import org.mcpkit.server.http.HttpEndpointOptions;
import org.mcpkit.server.http.McpHttpEndpoint;
import org.mcpkit.transport.servlet.McpServlet;
import org.mcpkit.transport.undertow.UndertowMcpServer;

/** The two HTTP transports a real server runs on in these tests, bound to 127.0.0.1 on port 0. */
enum Container {
  /** The turnkey Undertow server. */
  UNDERTOW {
    @Override
    Running start(McpServer server, HttpEndpointOptions options) {
      UndertowMcpServer http = UndertowMcpServer.builder(server).port(0).options(options).build().start();
      return new Running(URI.create("http://127.0.0.1:" + http.port()), http::close);
    }
  },
  /** {@code McpServlet} on embedded Tomcat 11. */
  TOMCAT {
    @Override
    Running start(McpServer server, HttpEndpointOptions options) throws Exception {
      McpHttpEndpoint endpoint = McpHttpEndpoint.create(server, options);
      Tomcat tomcat = new Tomcat();
      tomcat.setBaseDir(Files.createTempDirectory("tomcat").toString());
      Connector connector = new Connector();
      connector.setPort(0);
      connector.setProperty("address", "127.0.0.1");
      tomcat.setConnector(connector);
      Context ctx = tomcat.addContext("", null);
      Wrapper w = Tomcat.addServlet(ctx, "mcp", new McpServlet(endpoint));
      w.setAsyncSupported(true);
      ctx.addServletMappingDecoded("/mcp", "mcp");
      options.httpSse().ifPresent(sse -> {
        ctx.addServletMappingDecoded(sse.ssePath(), "mcp");
        ctx.addServletMappingDecoded(sse.messagePath(), "mcp");
      });
      tomcat.start();
      return new Running(URI.create("http://127.0.0.1:" + tomcat.getConnector().getLocalPort()), () -> {
        tomcat.stop();
        tomcat.destroy();
        endpoint.close();
      });
    }
  };

  abstract Running start(McpServer server, HttpEndpointOptions options) throws Exception;

  /** A started server: its base URI ({@code /mcp} is the endpoint) and how to stop it. */
  record Running(URI base, AutoCloseable stop) implements AutoCloseable {
    URI mcp() {
      return base.resolve("/mcp");
    }

    @Override
    public void close() throws Exception {
      stop.close();
    }
  }
}
