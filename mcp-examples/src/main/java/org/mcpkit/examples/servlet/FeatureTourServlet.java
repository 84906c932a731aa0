package org.mcpkit.examples.servlet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.mcpkit.examples.features.ExampleConfig;
import org.mcpkit.examples.features.FeatureTour;
import org.mcpkit.server.McpServer;
import org.mcpkit.server.http.McpHttpEndpoint;

/**
 * The feature tour's tools in a servlet container (embedded Tomcat here). In a WAR, create the
 * endpoint in a {@code ServletContextListener} and register {@code new McpServlet(endpoint)} with
 * {@code setAsyncSupported(true)} and your mapping; close the endpoint and server on shutdown.
 * Settings come from the same environment variables as the tour ({@link ExampleConfig}).
 */
public final class FeatureTourServlet {
  private FeatureTourServlet() {}

  /** Starts embedded Tomcat and prints the URL. */
  public static void main(String[] args) throws IOException {
    ExampleConfig config;
    try {
      config = ExampleConfig.fromEnv(System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("Invalid configuration: " + e.getMessage());
      System.exit(2);
      return;
    }
    Path dir = config.dataDir().isPresent() ? config.dataDir().get() : Files.createTempDirectory("mcpkit-notes");
    McpServer server = FeatureTour.create(dir);
    EmbeddedTomcat tomcat =
        EmbeddedTomcat.start(McpHttpEndpoint.create(server), config.host(), config.port(), config.path());
    System.out.println("MCP feature tour (servlet) listening at http://" + config.host() + ":" + tomcat.port() + config.path());
    tomcat.await();
  }
}
