package org.mcpkit.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.micrometer.core.instrument.Meter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.mcpkit.protocol.Implementation;
import org.mcpkit.server.McpServer;
import org.mcpkit.server.http.McpHttpEndpoint;
import org.mcpkit.testing.InMemoryHttpClient;
import org.mcpkit.testing.ObservedTools;
import org.mcpkit.testing.ScriptedClient;

/** Names a client makes up never become tag values: a flood of unknown tools adds no meter and no tag value. */
class BoundedTagsTest {
  private static Set<String> tagValues(PrometheusMeterRegistry registry) {
    Set<String> values = new TreeSet<>();
    for (Meter m : registry.getMeters()) {
      m.getId().getTags().forEach(t -> values.add(t.getKey() + "=" + t.getValue()));
    }
    return values;
  }

  @Test
  void tenThousandCallsToRandomUnknownToolsAddNoTagValue() throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    McpServer.Builder b = McpServer.builder(Implementation.of("flooded", "1")).observer(McpMetrics.observer(registry));
    ObservedTools.all(() -> {}).forEach(b::tool);
    try (McpServer server = b.build(); McpHttpEndpoint endpoint = McpHttpEndpoint.create(server)) {
      ScriptedClient client = new ScriptedClient(new InMemoryHttpClient(endpoint), URI.create("http://127.0.0.1:8080/mcp"));
      client.modernCall("ok");
      assertEquals(-32602, client.modernCall("warm-up-unknown").at("/error/code").asInt());
      int meters = registry.getMeters().size();
      Set<String> before = tagValues(registry);
      String last = null;
      for (int i = 0; i < 10_000; i++) {
        last = "t-" + UUID.randomUUID();
        client.modernCall(last);
      }
      assertEquals(meters, registry.getMeters().size());
      assertEquals(before, tagValues(registry));
      assertEquals(10_001, registry.get(McpMetrics.OPERATION_DURATION)
          .tags(McpMetrics.TOOL_TAG, McpMetrics.OTHER, McpMetrics.ERROR_TAG, "-32602").timer().count());
      assertFalse(registry.scrape().contains(last), "no made-up name reaches the scrape");
    }
  }
}
