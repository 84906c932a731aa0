package org.mcpkit.examples.servlet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.mcpkit.server.http.McpHttpEndpoint;
import org.mcpkit.transport.servlet.McpServlet;

/** Starts an embedded Tomcat 11 serving one MCP endpoint: what a servlet deployment amounts to. */
public final class EmbeddedTomcat implements AutoCloseable {
  private final Tomcat tomcat;
  private final McpHttpEndpoint endpoint;

  private EmbeddedTomcat(Tomcat tomcat, McpHttpEndpoint endpoint) {
    this.tomcat = tomcat;
    this.endpoint = endpoint;
  }

  /**
   * Serves {@code endpoint} at {@code path} on {@code host:port} (port 0 picks a free port), and at
   * its HTTP+SSE paths when the endpoint enables them; {@link #close()} stops Tomcat, then closes the
   * endpoint.
   */
  public static EmbeddedTomcat start(McpHttpEndpoint endpoint, String host, int port, String path) {
    Tomcat tomcat = new Tomcat();
    try {
      tomcat.setBaseDir(Files.createTempDirectory("mcpkit-tomcat").toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Connector connector = new Connector();
    connector.setPort(port);
    connector.setProperty("address", host);
    tomcat.setConnector(connector);
    Context context = tomcat.addContext("", null);
    Wrapper servlet = Tomcat.addServlet(context, "mcp", new McpServlet(endpoint));
    servlet.setAsyncSupported(true);
    context.addServletMappingDecoded(path, "mcp");
    endpoint.options().httpSse().ifPresent(sse -> {
      context.addServletMappingDecoded(sse.ssePath(), "mcp");
      context.addServletMappingDecoded(sse.messagePath(), "mcp");
    });
    try {
      tomcat.start();
    } catch (LifecycleException e) {
      throw new IllegalStateException("Tomcat did not start", e);
    }
    return new EmbeddedTomcat(tomcat, endpoint);
  }

  /** The bound port. */
  public int port() {
    return tomcat.getConnector().getLocalPort();
  }

  /** Blocks until the server stops. */
  public void await() {
    tomcat.getServer().await();
  }

  @Override
  public void close() {
    try {
      tomcat.stop();
      tomcat.destroy();
    } catch (LifecycleException e) {
      throw new IllegalStateException("Tomcat did not stop cleanly", e);
    } finally {
      endpoint.close();
    }
  }
}
