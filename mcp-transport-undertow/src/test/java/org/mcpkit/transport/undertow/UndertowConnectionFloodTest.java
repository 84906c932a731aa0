package org.mcpkit.transport.undertow;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.mcpkit.testing.ConnectionFlood;
import org.mcpkit.testing.ContractServer;

/**
 * The turnkey server under a connection flood: 10,000 idle connections and 2,000 half-sent request
 * heads (from a child JVM, see {@link ConnectionFlood}) are all closed by the configured idle and
 * request-head timeouts while normal requests keep getting their exact answer, and the thread count
 * stays flat.
 */
class UndertowConnectionFloodTest {
  static final int IDLE = 10_000;
  static final int HEADS = 2_000;
  /**
   * Above the time the server takes to accept the whole flood on two cores (1.7 to 4 s measured),
   * so that most or all of it is open at once; short enough to keep the test brief.
   */
  static final Duration TIMEOUT = Duration.ofSeconds(5);
  /**
   * Threads the flood may add: none is per connection (XNIO serves every socket from its 2 I/O
   * threads); the probes may start worker threads up to the pool of 4 (measured: none, all had
   * started with the first request).
   */
  static final int MAX_NEW_THREADS = 4;
  /** Past its timeout, by when a connection must be closed: the accept backlog and a loaded machine. */
  static final long SLACK_MILLIS = 10_000;

  @Test
  void idleConnectionsAndHalfSentHeadsAreClosedByTheTimeoutsWhileRequestsAreServed() throws Exception {
    java.util.Set<Thread> before = ConnectionFlood.threadsNow();
    ContractServer fixture = new ContractServer();
    try (UndertowMcpServer server = UndertowMcpServer.builder(fixture.server)
        .idleTimeout(TIMEOUT)
        .requestHeadTimeout(TIMEOUT)
        .ioThreads(2)
        .workerThreads(4)
        .build()
        .start()) {
      int port = server.port();
      ConnectionFlood.probeEcho(port); // the first request starts the endpoint's timers
      ConnectionFlood.Result r = ConnectionFlood.flood(port, IDLE, HEADS, Duration.ofSeconds(60), before, () -> ConnectionFlood.probeEcho(port));
      System.out.println("Undertow flood: " + r);
      ConnectionFlood.assertClosedByTimeouts(r, IDLE, HEADS, TIMEOUT, SLACK_MILLIS, MAX_NEW_THREADS);
    } finally {
      fixture.server.close();
    }
  }
}
