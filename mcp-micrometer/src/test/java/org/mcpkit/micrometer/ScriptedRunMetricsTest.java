package org.mcpkit.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mcpkit.protocol.Implementation;
import org.mcpkit.server.McpServer;
import org.mcpkit.server.http.HttpEndpointOptions;
import org.mcpkit.testing.ObservedTools;
import org.mcpkit.testing.ScriptedClient;

/**
 * A scripted run of 10 successful calls, 2 {@code isError} results and 1 JSON-RPC error, on both
 * transports and in both eras, counted exactly with their tags in a Prometheus registry.
 */
class ScriptedRunMetricsTest {
  private static McpServer server(PrometheusMeterRegistry registry) {
    McpServer.Builder b = McpServer.builder(Implementation.of("metered", "1")).observer(McpMetrics.observer(registry));
    ObservedTools.all(() -> {}).forEach(b::tool);
    return b.build();
  }

  private static long calls(PrometheusMeterRegistry registry, String tool, String error, String version) {
    Timer t = registry.find(McpMetrics.OPERATION_DURATION)
        .tags(McpMetrics.METHOD_TAG, "tools/call", McpMetrics.TOOL_TAG, tool, McpMetrics.PROMPT_TAG, McpMetrics.NONE,
            McpMetrics.ERROR_TAG, error, McpMetrics.VERSION_TAG, version)
        .timer();
    return t == null ? 0 : t.count();
  }

  @ParameterizedTest
  @EnumSource(Container.class)
  void modernCallsAreCountedByOutcome(Container container) throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (McpServer server = server(registry);
        Container.Running running = container.start(server, HttpEndpointOptions.defaults())) {
      ScriptedClient client = new ScriptedClient(running.mcp());
      for (int i = 0; i < 10; i++) {
        assertEquals("fine", client.modernCall("ok").at("/result/content/0/text").asText());
      }
      for (int i = 0; i < 2; i++) {
        assertTrue(client.modernCall("broken").at("/result/isError").asBoolean());
      }
      assertEquals(-32602, client.modernCall("refuses").at("/error/code").asInt());
      assertEquals(10, calls(registry, "ok", "none", "2026-07-28"));
      assertEquals(2, calls(registry, "broken", "tool_error", "2026-07-28"));
      assertEquals(1, calls(registry, "refuses", "-32602", "2026-07-28"));
      assertEquals(3, registry.find(McpMetrics.OPERATION_DURATION).timers().size(), "no other operation was recorded");
      String scrape = registry.scrape();
      assertTrue(scrape.contains("mcp_server_operation_duration_seconds_count{error_type=\"tool_error\",gen_ai_prompt_name=\"none\","
          + "gen_ai_tool_name=\"broken\",mcp_method_name=\"tools/call\",mcp_protocol_version=\"2026-07-28\"} 2"), scrape);
      assertTrue(scrape.contains("mcp_server_operation_duration_seconds_bucket{error_type=\"none\",gen_ai_prompt_name=\"none\","
          + "gen_ai_tool_name=\"ok\",mcp_method_name=\"tools/call\",mcp_protocol_version=\"2026-07-28\",le=\"300.0\"} 10"), scrape);
    }
  }

  @ParameterizedTest
  @EnumSource(Container.class)
  void sessionCallsAreCountedByOutcomeAndTheSessionByItsEnd(Container container) throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (McpServer server = server(registry);
        Container.Running running = container.start(server, HttpEndpointOptions.defaults())) {
      ScriptedClient client = new ScriptedClient(running.mcp());
      String session = client.initialize("2025-11-25");
      assertEquals(1.0, registry.get(McpMetrics.ACTIVE_SESSIONS).tag(McpMetrics.TRANSPORT_TAG, "streamable_http").gauge().value());
      for (int i = 0; i < 10; i++) {
        assertEquals("fine", client.sessionCall(session, "2025-11-25", "ok", Map.of()).at("/result/content/0/text").asText());
      }
      for (int i = 0; i < 2; i++) {
        assertTrue(client.sessionCall(session, "2025-11-25", "broken", Map.of()).at("/result/isError").asBoolean());
      }
      assertEquals(-32602, client.sessionCall(session, "2025-11-25", "refuses", Map.of()).at("/error/code").asInt());
      assertEquals(10, calls(registry, "ok", "none", "2025-11-25"));
      assertEquals(2, calls(registry, "broken", "tool_error", "2025-11-25"));
      assertEquals(1, calls(registry, "refuses", "-32602", "2025-11-25"));
      assertEquals(1, registry.get(McpMetrics.OPERATION_DURATION).tag(McpMetrics.METHOD_TAG, "initialize").timer().count());
      assertEquals(4, registry.find(McpMetrics.OPERATION_DURATION).timers().size(), "initialize and the three calls only");
      assertEquals(200, client.delete(session));
      assertEquals(0.0, registry.get(McpMetrics.ACTIVE_SESSIONS).tag(McpMetrics.TRANSPORT_TAG, "streamable_http").gauge().value());
      assertEquals(1, registry.get(McpMetrics.SESSION_DURATION)
          .tags(McpMetrics.REASON_TAG, "deleted", McpMetrics.VERSION_TAG, "2025-11-25", McpMetrics.TRANSPORT_TAG, "streamable_http")
          .timer().count());
    }
  }
}
