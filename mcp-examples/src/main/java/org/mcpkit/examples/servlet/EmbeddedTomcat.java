package org.mcpkit.examples.servlet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.valves.ErrorReportValve;
import org.mcpkit.server.http.McpHttpEndpoint;
import org.mcpkit.transport.servlet.McpServlet;

/**
 * Starts an embedded Tomcat 11 serving one MCP endpoint: what a servlet deployment amounts to,
 * with the container settings of {@code docs/security.md}: error pages that show no exception,
 * stack or server version, a 16 KiB request-head limit, and the production timeouts.
 */
public final class EmbeddedTomcat implements AutoCloseable {
  /** Largest request head accepted, as on {@code UndertowMcpServer}: a larger one gets a bare 400. */
  public static final int MAX_HEADER_BYTES = 16 * 1024;
  /** How long a new connection may take to send its request head, and the longest wait for a read (ms). */
  public static final int CONNECTION_TIMEOUT_MILLIS = 20_000;
  /** How long a kept-alive connection may stay idle between requests: above a load balancer's 60 s (ms). */
  public static final int KEEP_ALIVE_TIMEOUT_MILLIS = 75_000;

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
    harden(tomcat, connector);
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

  /**
   * The settings of docs/security.md on a Tomcat not yet started: error pages with the status only
   * (no report, no exception, no stack, no server version), the request-head limit, and the
   * connection and keep-alive timeouts. Tomcat sends no {@code Server} header unless told to.
   */
  public static void harden(Tomcat tomcat, Connector connector) {
    connector.setProperty("maxHttpHeaderSize", Integer.toString(MAX_HEADER_BYTES));
    connector.setProperty("connectionTimeout", Integer.toString(CONNECTION_TIMEOUT_MILLIS));
    connector.setProperty("keepAliveTimeout", Integer.toString(KEEP_ALIVE_TIMEOUT_MILLIS));
    ErrorReportValve errors = new ErrorReportValve(); // the host then adds no default one
    errors.setShowReport(false);
    errors.setShowServerInfo(false);
    tomcat.getHost().getPipeline().addValve(errors);
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
