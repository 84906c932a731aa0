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

  /** The liveness path: 200 {@code ok} while Tomcat runs. */
  public static final String HEALTH_PATH = "/healthz";
  /** The readiness path: 200 {@code ready} once started, 503 {@code not ready} from the start of a drain. */
  public static final String READINESS_PATH = "/readyz";

  private final Tomcat tomcat;
  private final McpHttpEndpoint endpoint;
  private final java.util.concurrent.atomic.AtomicBoolean ready;

  private EmbeddedTomcat(Tomcat tomcat, McpHttpEndpoint endpoint, java.util.concurrent.atomic.AtomicBoolean ready) {
    this.tomcat = tomcat;
    this.endpoint = endpoint;
    this.ready = ready;
  }

  /**
   * Serves {@code endpoint} at {@code path} on {@code host:port} (port 0 picks a free port), at
   * its HTTP+SSE paths when the endpoint enables them, and at its protected-resource metadata paths
   * when it is an OAuth resource server; {@link #close()} stops Tomcat, then closes the
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
    // an OAuth resource server: the servlet also answers its protected-resource metadata paths
    endpoint.resourceServer().ifPresent(rs -> rs.metadataPaths().forEach(p -> context.addServletMappingDecoded(p, "mcp")));
    java.util.concurrent.atomic.AtomicBoolean ready = new java.util.concurrent.atomic.AtomicBoolean();
    if (!path.equals(HEALTH_PATH) && !path.equals(READINESS_PATH)) {
      Tomcat.addServlet(context, "healthz", new HealthServlet(() -> true, "ok", "ok"));
      context.addServletMappingDecoded(HEALTH_PATH, "healthz");
      Tomcat.addServlet(context, "readyz", new HealthServlet(ready::get, "ready", "not ready"));
      context.addServletMappingDecoded(READINESS_PATH, "readyz");
    }
    try {
      tomcat.start();
    } catch (LifecycleException e) {
      throw new IllegalStateException("Tomcat did not start", e);
    }
    ready.set(true);
    return new EmbeddedTomcat(tomcat, endpoint, ready);
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

  /** Whether Tomcat is started and not draining ({@code /readyz}). */
  public boolean isReady() {
    return ready.get();
  }

  /**
   * Graceful stop: readiness turns 503 at once, new requests get 503, subscription and session
   * streams get a {@code retry:} hint and end, in-flight calls get up to {@code drainTimeout}, then
   * Tomcat stops and the endpoint closes.
   *
   * @return true when every in-flight call answered in time
   */
  public boolean drainAndClose(java.time.Duration drainTimeout) {
    ready.set(false);
    boolean drained = endpoint.drain(drainTimeout);
    close();
    return drained;
  }

  @Override
  public void close() {
    ready.set(false);
    try {
      tomcat.stop();
      tomcat.destroy();
    } catch (LifecycleException e) {
      throw new IllegalStateException("Tomcat did not stop cleanly", e);
    } finally {
      endpoint.close();
    }
  }

  /** Answers a health path: 200 with one word while {@code up}, else 503 with another. */
  private static final class HealthServlet extends jakarta.servlet.http.HttpServlet {
    private static final long serialVersionUID = 1L;
    private final transient java.util.function.BooleanSupplier up;
    private final String yes;
    private final String no;

    HealthServlet(java.util.function.BooleanSupplier up, String yes, String no) {
      this.up = up;
      this.yes = yes;
      this.no = no;
    }

    @Override
    protected void doGet(jakarta.servlet.http.HttpServletRequest req, jakarta.servlet.http.HttpServletResponse resp)
        throws IOException {
      boolean ok = up.getAsBoolean();
      resp.setStatus(ok ? 200 : 503);
      resp.setContentType("text/plain");
      resp.getWriter().write(ok ? yes : no);
    }
  }
}
