package org.mcpkit.examples.shutdown;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.mcpkit.examples.features.CleanExit;
import org.mcpkit.examples.features.ExampleConfig;
import org.mcpkit.examples.features.FeatureTour;
import org.mcpkit.examples.features.ShutdownConfig;
import org.mcpkit.examples.servlet.FeatureTourServlet;
import org.mcpkit.protocol.CallToolResult;
import org.mcpkit.protocol.Implementation;
import org.mcpkit.protocol.Tool;
import org.mcpkit.server.McpServer;
import org.mcpkit.server.ToolSpec;

/**
 * The examples' serving and shutdown wiring ({@code undertow}: {@link FeatureTour#start}, {@code
 * tomcat}: {@link FeatureTourServlet#serve}, both with {@link CleanExit}) around a server with one
 * slow tool, for {@link GracefulShutdownTest} to run as a separate JVM. {@code slow} prints {@code
 * started N} and answers {@code done N} once the JVM has begun shutting down plus 300 ms of work.
 */
public final class DrainProbeMain {
  private DrainProbeMain() {}

  /** Starts the probe and prints its URL. */
  public static void main(String[] args) {
    CountDownLatch shuttingDown = new CountDownLatch(1);
    McpServer server = McpServer.builder(Implementation.of("drain-probe", "1"))
        .tool(ToolSpec.of(Tool.builder("slow", Map.of("type", "object")).description("slow").build(), (ctx, a) -> {
          System.out.println("started " + a.get("n"));
          System.out.flush();
          shuttingDown.await();
          LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(300)); // the call's remaining work
          return CallToolResult.text("done " + a.get("n"));
        }))
        .build();
    Runtime.getRuntime().addShutdownHook(new Thread(shuttingDown::countDown, "probe-release"));
    ExampleConfig config = ExampleConfig.fromEnvOrExit();
    ShutdownConfig shutdown = ShutdownConfig.fromEnvOrExit();
    String url;
    if (args[0].equals("undertow")) {
      url = FeatureTour.start(config, shutdown, server).url();
    } else {
      url = config.url(FeatureTourServlet.serve(config, shutdown, server).port());
    }
    CleanExit.onSigterm();
    System.out.println("listening " + url);
    System.out.flush();
  }
}
