package org.mcpkit.spring.boot.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mcpkit.spring.boot.test.McpHttp.call;
import static org.mcpkit.spring.boot.test.McpHttp.json;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mcpkit.micrometer.McpMetrics;
import org.mcpkit.server.http.McpHttpEndpoint;
import org.mcpkit.transport.servlet.McpServlet;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.core.env.Environment;

/**
 * The starter in a real Boot web application on a random port, called over real HTTP (no MockMvc):
 * both protocol eras, the beans that make up the server, refusals, body limit, health and metrics.
 */
@SpringBootTest(
    classes = StarterTestApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "server.address=127.0.0.1",
      "mcp.server-name=starter-test",
      "mcp.server-version=2.0.0",
      "mcp.max-body-size=2KB",
      "mcp.stream-after=30s",
      "management.endpoints.web.exposure.include=health,metrics",
      "management.endpoint.health.show-details=always"
    })
class StarterHttpTest {
  private static final String SERVER_INFO = "{\"name\":\"starter-test\",\"version\":\"2.0.0\"}";

  @Autowired Environment environment;
  @Autowired McpHttpEndpoint endpoint;
  @Autowired MeterRegistry registry;
  @Autowired StarterTestApplication.RecordingObserver observer;
  @Autowired ServletRegistrationBean<McpServlet> registration;

  private McpHttp http;

  @BeforeEach
  void client() {
    http = new McpHttp(Integer.parseInt(environment.getProperty("local.server.port")));
  }

  @Test
  void modernToolsCallAnswersTheToolBean() throws Exception {
    HttpResponse<String> r = http.modern("tools/call", "echo", call(1, "echo", "{\"text\":\"hi\"}"));
    assertEquals(200, r.statusCode(), r::body);
    assertEquals(Optional.of("application/json"), r.headers().firstValue("Content-Type"));
    assertEquals(json("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"echo: hi\"}],"
        + "\"resultType\":\"complete\",\"_meta\":{\"io.modelcontextprotocol/serverInfo\":" + SERVER_INFO + "}}}"),
        json(r.body()));
  }

  @Test
  void toolsListHasTheBeanTheAnnotatedComponentThenTheCustomizerTool() throws Exception {
    HttpResponse<String> r = http.modern("tools/list", null,
        "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\",\"params\":{" + McpHttp.META + "}}");
    assertEquals(200, r.statusCode(), r::body);
    List<String> names = json(r.body()).path("result").path("tools").findValuesAsText("name");
    assertEquals(List.of("echo", "shout", "add"), names);
  }

  @Test
  void anAnnotatedComponentIsATool() throws Exception {
    HttpResponse<String> r = http.modern("tools/call", "shout", call(3, "shout", "{\"text\":\"hi\"}"));
    assertEquals(200, r.statusCode(), r::body);
    assertEquals(json("{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"HI!\"}],"
        + "\"resultType\":\"complete\",\"_meta\":{\"io.modelcontextprotocol/serverInfo\":" + SERVER_INFO + "}}}"),
        json(r.body()));
  }

  @Test
  void legacySessionInitializeThenCall() throws Exception {
    HttpResponse<String> init = http.legacy(null, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
        + "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}");
    assertEquals(200, init.statusCode(), init::body);
    String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
    assertEquals(json("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"protocolVersion\":\"2025-11-25\","
        + "\"capabilities\":{\"logging\":{},\"completions\":{},\"prompts\":{\"listChanged\":true},"
        + "\"resources\":{\"subscribe\":true,\"listChanged\":true},\"tools\":{\"listChanged\":true}},"
        + "\"serverInfo\":" + SERVER_INFO + "}}"), json(init.body()));
    HttpResponse<String> initialized = http.legacy(session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
    assertEquals(202, initialized.statusCode(), initialized::body);
    HttpResponse<String> call = http.legacy(session, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\","
        + "\"params\":{\"name\":\"add\",\"arguments\":{\"a\":2,\"b\":3}}}");
    assertEquals(200, call.statusCode(), call::body);
    assertEquals(json("{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"5\"}]}}"),
        json(call.body()));
    HttpResponse<String> read = http.legacy(session, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"resources/read\","
        + "\"params\":{\"uri\":\"test://greeting\"}}");
    assertEquals(json("{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":{\"contents\":[{\"uri\":\"test://greeting\","
        + "\"mimeType\":\"text/plain\",\"text\":\"hello\"}]}}"), json(read.body()));
  }

  @Test
  void refusalsCarryTheEndpointsOwnBodyAndTheConnectionStaysUsable() throws Exception {
    for (int i = 0; i < 3; i++) {
      HttpResponse<String> r = http.send(http.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}")
          .header("Origin", "http://evil.example.com").build());
      assertEquals(403, r.statusCode());
      assertEquals("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32600,\"message\":\"Forbidden: Origin not allowed\"}}", r.body());
      HttpResponse<String> ok = http.modern("tools/call", "echo", call(2, "echo", "{\"text\":\"again\"}"));
      assertEquals(200, ok.statusCode(), ok::body);
    }
  }

  @Test
  void bodyOverMaxBodySizeIs413() throws Exception {
    String big = call(1, "echo", "{\"text\":\"" + "x".repeat(3000) + "\"}");
    HttpResponse<String> r = http.modern("tools/call", "echo", big);
    assertEquals(413, r.statusCode());
    assertEquals("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32600,\"message\":\"Payload too large: the limit is 2048 bytes\"}}", r.body());
    assertEquals(2048, endpoint.options().maxBodyBytes());
  }

  @Test
  void customizersObserversAndTheServletRegistrationAreApplied() throws Exception {
    assertEquals(64, endpoint.options().maxQueuedEvents());
    assertTrue(registration.isAsyncSupported());
    assertEquals(List.of("/mcp"), List.copyOf(registration.getUrlMappings()));
    http.modern("tools/call", "echo", call(7, "echo", "{\"text\":\"seen\"}"));
    assertTrue(observer.methods.contains("tools/call:echo"), observer.methods::toString);
  }

  @Test
  void healthReportsTheEndpoint() throws Exception {
    HttpResponse<String> r = http.get("/actuator/health/mcp");
    assertEquals(200, r.statusCode(), r::body);
    assertEquals(json("{\"status\":\"UP\",\"details\":{\"path\":\"/mcp\",\"activeRequests\":0,\"sessions\":"
        + endpoint.sessionCount() + "}}"), json(r.body()));
    HttpResponse<String> all = http.get("/actuator/health");
    assertEquals("UP", json(all.body()).path("components").path("mcp").path("status").asText(), all::body);
  }

  @Test
  void metricsCountEachCall() throws Exception {
    double before = echoCount();
    HttpResponse<String> r = http.modern("tools/call", "echo", call(9, "echo", "{\"text\":\"count\"}"));
    assertEquals(200, r.statusCode(), r::body);
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (echoCount() < before + 1 && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertEquals(before + 1, echoCount());
    HttpResponse<String> metric = http.get("/actuator/metrics/" + McpMetrics.OPERATION_DURATION
        + "?tag=" + McpMetrics.TOOL_TAG + ":echo");
    assertEquals(200, metric.statusCode(), metric::body);
    assertEquals(McpMetrics.OPERATION_DURATION, json(metric.body()).path("name").asText());
    assertEquals("COUNT", json(metric.body()).path("measurements").path(0).path("statistic").asText());
    assertEquals(before + 1, json(metric.body()).path("measurements").path(0).path("value").asDouble());
  }

  private double echoCount() {
    return registry.find(McpMetrics.OPERATION_DURATION).tag(McpMetrics.TOOL_TAG, "echo").timers().stream()
        .mapToDouble(Timer::count).sum();
  }
}
