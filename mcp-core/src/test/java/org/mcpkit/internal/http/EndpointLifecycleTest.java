package org.mcpkit.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mcpkit.internal.http.LegacyHttp.init;
import static org.mcpkit.internal.http.LegacyHttp.post;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mcpkit.server.http.HttpEndpointOptions;
import org.mcpkit.server.http.McpHttpEndpoint;
import org.mcpkit.server.http.SessionBus;
import org.mcpkit.testing.ContractServer;

/** Creating an endpoint starts nothing; the first request starts its timer thread and bus subscription; close stops both. */
class EndpointLifecycleTest {
  /** Live endpoint timer threads that were not there before (other tests' threads may come and go). */
  private static List<Thread> timerThreadsSince(Set<Thread> before) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().startsWith("mcp-http-timer-") && !before.contains(t))
        .toList();
  }

  @Test
  void nothingRunsUntilTheFirstRequestAndNothingAfterClose() throws Exception {
    ContractServer fixture = new ContractServer();
    List<Thread> started;
    InMemorySessionBus bus = (InMemorySessionBus) SessionBus.inMemory();
    Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
    McpHttpEndpoint endpoint = McpHttpEndpoint.create(fixture.server, HttpEndpointOptions.builder().sessionBus(bus).build());
    try {
      assertEquals(List.of(), timerThreadsSince(before), "create starts no thread");
      assertEquals(0, bus.size(), "create subscribes to nothing");
      assertEquals(200, post(endpoint, init("2025-11-25"), null, null).status());
      started = timerThreadsSince(before);
      assertEquals(1, started.size(), "the first request starts the one timer thread");
      assertEquals(1, bus.size());
      assertEquals(200, post(endpoint, init("2025-11-25"), null, null).status());
      assertEquals(started, timerThreadsSince(before), "and only once");
    } finally {
      endpoint.close();
      fixture.server.close();
    }
    assertEquals(0, bus.size(), "close unsubscribes");
    started.get(0).join(5_000); // the timer thread ends once its pool is shut down
    assertEquals(List.of(), timerThreadsSince(before), "close stops the timer thread");
  }
}
