package org.mcpkit.examples.servlet;

import java.io.IOException;
import java.nio.file.Path;
import org.mcpkit.examples.features.CleanExit;
import org.mcpkit.examples.features.ExampleConfig;
import org.mcpkit.examples.features.ExampleLogging;
import org.mcpkit.examples.features.FeatureTour;
import org.mcpkit.examples.features.Monitoring;
import org.mcpkit.examples.features.MonitoringConfig;
import org.mcpkit.examples.features.ShutdownConfig;
import org.mcpkit.server.McpServer;
import org.mcpkit.server.http.McpHttpEndpoint;

/**
 * The feature tour's tools in a servlet container (embedded Tomcat here). In a WAR, create the
 * endpoint in a {@code ServletContextListener} and register {@code new McpServlet(endpoint)} with
 * {@code setAsyncSupported(true)} and your mapping; close the endpoint and server on shutdown.
 * Settings come from the same environment variables as the tour ({@link ExampleConfig}): host,
 * port, path, allowed origins and the notes directory.
 */
public final class FeatureTourServlet {
  private FeatureTourServlet() {}

  /** Starts embedded Tomcat and prints the URL. */
  public static void main(String[] args) throws IOException {
    ExampleLogging.install(); // container start-up lines through SLF4J, quiet by default
    ExampleConfig config = ExampleConfig.fromEnvOrExit();
    MonitoringConfig metrics = MonitoringConfig.fromEnvOrExit();
    Path dir = config.dataDir().isPresent() ? config.dataDir().get() : FeatureTour.sampleNotes();
    Monitoring monitoring = Monitoring.start(config.host(), metrics, System.out);
    EmbeddedTomcat tomcat = serve(config, ShutdownConfig.fromEnvOrExit(), FeatureTour.create(dir, monitoring.observer()));
    CleanExit.onSigterm();
    System.out.println("MCP feature tour (servlet) listening at " + config.url(tomcat.port()) + " (notes in " + dir + ")");
    tomcat.await();
  }

  /**
   * Serves {@code server} through {@code McpServlet} on embedded Tomcat with the host, port, path,
   * allowed origins and Host check of {@code config}. Closing the result does not close {@code
   * server}.
   */
  public static EmbeddedTomcat start(ExampleConfig config, McpServer server) {
    McpHttpEndpoint endpoint = McpHttpEndpoint.create(server, config.endpointOptions());
    return EmbeddedTomcat.start(endpoint, config.host(), config.port(), config.path());
  }

  /**
   * {@link #start} plus a JVM shutdown hook that drains ({@link EmbeddedTomcat#drainAndClose}) within
   * the drain timeout of {@code shutdown}: on SIGTERM readiness turns 503, streams end with {@code
   * retry:}, in-flight calls finish, then Tomcat stops.
   */
  public static EmbeddedTomcat serve(ExampleConfig config, ShutdownConfig shutdown, McpServer server) {
    EmbeddedTomcat tomcat = start(config, server);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      if (!tomcat.drainAndClose(shutdown.drainTimeout())) {
        System.err.println("in-flight calls still running after the drain timeout");
      }
    }, "mcp-tomcat-shutdown"));
    return tomcat;
  }
}
