package org.mcpkit.examples.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcpkit.micrometer.McpMetrics;
import org.mcpkit.server.McpServer;
import org.mcpkit.server.http.McpHttpEndpoint;
import org.mcpkit.testing.InMemoryHttpClient;
import org.mcpkit.testing.ScriptedClient;
import org.mcpkit.transport.undertow.UndertowMcpServer;

/** The tour's monitoring: settings, the Prometheus scrape on the management port, EMF lines CloudWatch accepts. */
class MonitoringTest {
  private static final ObjectMapper M = new ObjectMapper();
  private static final Set<String> UNITS = Set.of("Count", "Seconds");
  @TempDir Path dir;

  @Test
  void settingsAreOffByDefaultAndCheckedByVariable() {
    assertEquals(new MonitoringConfig(false, 9464, "/metrics", false, "mcpkit", Duration.ofSeconds(60)),
        MonitoringConfig.fromEnv(Map.of()));
    MonitoringConfig both = MonitoringConfig.fromEnv(Map.of("MCP_METRICS", "prometheus, emf", "MCP_EMF_INTERVAL", "10"));
    assertTrue(both.prometheus() && both.emf());
    assertEquals(Duration.ofSeconds(10), both.interval());
    assertEquals("MCP_METRICS must be prometheus, emf or both, got 'statsd'",
        assertThrows(IllegalArgumentException.class, () -> MonitoringConfig.fromEnv(Map.of("MCP_METRICS", "statsd"))).getMessage());
    assertEquals("MCP_METRICS_PORT must be a port number (0-65535), got 'x'",
        assertThrows(IllegalArgumentException.class, () -> MonitoringConfig.fromEnv(Map.of("MCP_METRICS_PORT", "x"))).getMessage());
    assertEquals("MCP_EMF_INTERVAL must be 1-3600 seconds, got '0'",
        assertThrows(IllegalArgumentException.class, () -> MonitoringConfig.fromEnv(Map.of("MCP_EMF_INTERVAL", "0"))).getMessage());
  }

  @Test
  void theTourServesPrometheusMetricsOnItsManagementPort() throws Exception {
    Files.writeString(dir.resolve("welcome"), "hi");
    MonitoringConfig metrics = MonitoringConfig.fromEnv(Map.of("MCP_METRICS", "prometheus", "MCP_METRICS_PORT", "0"));
    ExampleConfig config = ExampleConfig.fromEnv(Map.of("MCP_PORT", "0"));
    try (Monitoring monitoring = Monitoring.start(config.host(), metrics, System.out);
        McpServer server = FeatureTour.create(dir, monitoring.observer());
        UndertowMcpServer http = FeatureTour.start(config, server)) {
      ScriptedClient client = new ScriptedClient(URI.create(http.url()));
      client.modernCall("weather", Map.of("city", "Oslo", "days", 2), Map.of());
      client.modernCall("weather", Map.of("city", "Oslo", "days", 9), Map.of());
      HttpResponse<String> scrape = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + monitoring.port() + "/metrics")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, scrape.statusCode());
      String body = scrape.body();
      assertTrue(body.contains("mcp_server_operation_duration_seconds_count{error_type=\"tool_error\",gen_ai_prompt_name=\"none\","
          + "gen_ai_tool_name=\"weather\",mcp_method_name=\"tools/call\",mcp_protocol_version=\"2026-07-28\"} 1"), body);
      assertTrue(body.contains("mcp_server_streams_open{kind=\"get\"} 0"), body);
    }
  }

  @Test
  void emfLinesAreValidEmbeddedMetricFormatAndCountWhatHappenedSinceTheLastReport() throws Exception {
    Files.writeString(dir.resolve("welcome"), "hi");
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    EmfReporter emf = new EmfReporter(registry, "mcpkit-test", new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try (McpServer server = FeatureTour.create(dir, McpMetrics.observer(registry));
        McpHttpEndpoint endpoint = McpHttpEndpoint.create(server)) {
      ScriptedClient client = new ScriptedClient(new InMemoryHttpClient(endpoint), URI.create("http://127.0.0.1:8080/mcp"));
      client.modernCall("weather", Map.of("city", "Oslo", "days", 2), Map.of());
      client.modernCall("weather", Map.of("city", "Oslo", "days", 9), Map.of());
      client.modernCall("weather", Map.of("city", "Bergen", "days", 8), Map.of());
      emf.report();
      List<JsonNode> first = lines(bytes);
      first.forEach(MonitoringTest::assertValidEmf);
      JsonNode errors = find(first, "tool_error");
      assertEquals(2.0, errors.get("mcp.server.operation.duration.count").asDouble());
      assertEquals("weather", errors.get("gen_ai.tool.name").asText());
      assertEquals(M.readTree("[[\"error.type\",\"gen_ai.prompt.name\",\"gen_ai.tool.name\",\"mcp.method.name\",\"mcp.protocol.version\"],"
          + "[\"mcp.method.name\",\"error.type\"],[\"mcp.method.name\"]]"), errors.at("/_aws/CloudWatchMetrics/0/Dimensions"));
      JsonNode openTotal = first.stream()
          .filter(l -> l.has("mcp.server.streams.open") && l.at("/_aws/CloudWatchMetrics/0/Dimensions/0").isEmpty())
          .findFirst().orElseThrow();
      assertEquals(0.0, openTotal.get("mcp.server.streams.open").asDouble());
      bytes.reset();
      emf.report();
      List<JsonNode> second = lines(bytes);
      assertTrue(second.stream().noneMatch(l -> l.has("mcp.server.operation.duration.count")), "nothing new to count");
      assertTrue(second.stream().anyMatch(l -> l.has("mcp.server.streams.open")), "gauges are always reported");
      assertTrue(second.stream().noneMatch(l -> l.has("le")), "no histogram bucket gauges");
    }
  }

  private static JsonNode find(List<JsonNode> lines, String errorType) {
    return lines.stream().filter(l -> errorType.equals(l.path("error.type").asText())).findFirst().orElseThrow();
  }

  private static List<JsonNode> lines(ByteArrayOutputStream bytes) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (String line : bytes.toString(StandardCharsets.UTF_8).split("\n")) {
      if (!line.isBlank()) {
        out.add(M.readTree(line));
      }
    }
    assertTrue(!out.isEmpty(), "some lines");
    return out;
  }

  /** The EMF specification's rules: timestamp, namespace, dimension keys and metric values at the root, limits. */
  private static void assertValidEmf(JsonNode line) {
    JsonNode aws = line.get("_aws");
    assertTrue(aws.get("Timestamp").isIntegralNumber(), line::toString);
    for (JsonNode directive : aws.get("CloudWatchMetrics")) {
      assertTrue(directive.get("Namespace").isTextual() && !directive.get("Namespace").asText().isEmpty());
      for (JsonNode set : directive.get("Dimensions")) {
        assertTrue(set.size() <= 30, line::toString);
        for (JsonNode key : set) {
          assertTrue(line.get(key.asText()).isTextual() && !line.get(key.asText()).asText().isEmpty(), line::toString);
        }
      }
      JsonNode metrics = directive.get("Metrics");
      assertTrue(metrics.size() >= 1 && metrics.size() <= 100, line::toString);
      for (JsonNode m : metrics) {
        assertTrue(line.get(m.get("Name").asText()).isNumber(), line::toString);
        assertTrue(UNITS.contains(m.get("Unit").asText()), line::toString);
      }
    }
  }
}
