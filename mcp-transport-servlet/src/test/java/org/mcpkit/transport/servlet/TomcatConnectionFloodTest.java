package org.mcpkit.transport.servlet;

import java.nio.file.Files;
import java.time.Duration;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.Test;
import org.mcpkit.server.http.McpHttpEndpoint;
import org.mcpkit.testing.ConnectionFlood;
import org.mcpkit.testing.ContractServer;

/**
 * Embedded Tomcat 11 under a connection flood: 10,000 idle connections and 2,000 half-sent request
 * heads (from a child JVM, see {@link ConnectionFlood}) are all closed by the connector's {@code
 * connectionTimeout} while normal requests keep getting their exact answer, and the thread count
 * stays flat.
 */
class TomcatConnectionFloodTest {
  static final int IDLE = 10_000;
  static final int HEADS = 2_000;
  /**
   * Above the time the server takes to accept the whole flood on two cores (1.7 to 4 s measured),
   * so that most or all of it is open at once; short enough to keep the test brief.
   */
  static final Duration TIMEOUT = Duration.ofSeconds(5);
  /**
   * Threads the flood may add: none is per connection (the NIO poller watches idle sockets; a
   * half-sent head is parsed as far as it goes and handed back to the poller), so at most the
   * worker pool grows to its maximum of 8 from the 2 it keeps (measured: +6).
   */
  static final int MAX_NEW_THREADS = 8 - 2;
  /** Past its timeout, by when a connection must be closed: the poller checks timeouts about every second. */
  static final long SLACK_MILLIS = 10_000;

  @Test
  void idleConnectionsAndHalfSentHeadsAreClosedByTheConnectionTimeoutWhileRequestsAreServed() throws Exception {
    java.util.Set<Thread> before = ConnectionFlood.threadsNow();
    ContractServer fixture = new ContractServer();
    McpHttpEndpoint endpoint = McpHttpEndpoint.create(fixture.server);
    Tomcat tomcat = new Tomcat();
    tomcat.setBaseDir(Files.createTempDirectory("tomcat-flood").toString());
    Connector connector = new Connector();
    connector.setPort(0);
    connector.setProperty("address", "127.0.0.1");
    connector.setProperty("connectionTimeout", Long.toString(TIMEOUT.toMillis()));
    connector.setProperty("keepAliveTimeout", Long.toString(TIMEOUT.toMillis()));
    connector.setProperty("maxConnections", "16384"); // above the flood: the default 8,192 would queue the rest
    connector.setProperty("acceptCount", "1024");
    connector.setProperty("maxThreads", "8");
    connector.setProperty("minSpareThreads", "2");
    tomcat.setConnector(connector);
    Context ctx = tomcat.addContext("", null);
    Tomcat.addServlet(ctx, "mcp", new McpServlet(endpoint)).setAsyncSupported(true);
    ctx.addServletMappingDecoded("/mcp", "mcp");
    tomcat.start();
    try {
      int port = connector.getLocalPort();
      ConnectionFlood.probeEcho(port);
      ConnectionFlood.Result r = ConnectionFlood.flood(port, IDLE, HEADS, Duration.ofSeconds(60), before, () -> ConnectionFlood.probeEcho(port));
      System.out.println("Tomcat flood: " + r);
      ConnectionFlood.assertClosedByTimeouts(r, IDLE, HEADS, TIMEOUT, SLACK_MILLIS, MAX_NEW_THREADS);
    } finally {
      tomcat.stop();
      tomcat.destroy();
      endpoint.close();
      fixture.server.close();
    }
  }
}
