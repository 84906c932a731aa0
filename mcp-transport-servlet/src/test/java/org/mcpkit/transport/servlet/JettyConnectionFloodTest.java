package org.mcpkit.transport.servlet;

import java.time.Duration;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.junit.jupiter.api.Test;
import org.mcpkit.server.http.McpHttpEndpoint;
import org.mcpkit.testing.ConnectionFlood;
import org.mcpkit.testing.ContractServer;

/**
 * Embedded Jetty 12 (ee10) under a connection flood: 10,000 idle connections and 2,000 half-sent
 * request heads (from a child JVM, see {@link ConnectionFlood}) are all closed by the connector's
 * idle timeout while normal requests keep getting their exact answer, and the thread count stays
 * flat.
 */
class JettyConnectionFloodTest {
  static final int IDLE = 10_000;
  static final int HEADS = 2_000;
  /**
   * Above the time the server takes to accept the whole flood on two cores (1.7 to 4 s measured),
   * so that most or all of it is open at once; short enough to keep the test brief.
   */
  static final Duration TIMEOUT = Duration.ofSeconds(5);
  /**
   * Threads the flood may add: none is per connection (one selector watches every socket; a
   * half-sent head is parsed as far as it goes and the connection waits for more without a thread),
   * so at most the pool grows to its maximum of 16 from the 4 it keeps (measured: +11).
   */
  static final int MAX_NEW_THREADS = 16 - 4;
  /** Past its timeout, by when a connection must be closed: the accept queue and a loaded machine. */
  static final long SLACK_MILLIS = 10_000;

  @Test
  void idleConnectionsAndHalfSentHeadsAreClosedByTheIdleTimeoutWhileRequestsAreServed() throws Exception {
    java.util.Set<Thread> before = ConnectionFlood.threadsNow();
    ContractServer fixture = new ContractServer();
    McpHttpEndpoint endpoint = McpHttpEndpoint.create(fixture.server);
    QueuedThreadPool pool = new QueuedThreadPool(16, 4);
    Server jetty = new Server(pool);
    ServerConnector connector = new ServerConnector(jetty, 1, 1);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    connector.setIdleTimeout(TIMEOUT.toMillis());
    connector.setAcceptQueueSize(1024);
    jetty.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    ServletHolder holder = new ServletHolder(new McpServlet(endpoint));
    holder.setAsyncSupported(true);
    context.addServlet(holder, "/mcp");
    jetty.setHandler(context);
    jetty.start();
    try {
      int port = connector.getLocalPort();
      ConnectionFlood.probeEcho(port);
      ConnectionFlood.Result r = ConnectionFlood.flood(port, IDLE, HEADS, Duration.ofSeconds(60), before, () -> ConnectionFlood.probeEcho(port));
      System.out.println("Jetty flood: " + r);
      ConnectionFlood.assertClosedByTimeouts(r, IDLE, HEADS, TIMEOUT, SLACK_MILLIS, MAX_NEW_THREADS);
    } finally {
      jetty.stop();
      endpoint.close();
      fixture.server.close();
    }
  }
}
