package org.mcpkit.opentelemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mcpkit.protocol.Implementation;
import org.mcpkit.server.McpServer;
import org.mcpkit.server.http.HttpEndpointOptions;
import org.mcpkit.server.http.McpHttpEndpoint;
import org.mcpkit.server.observe.ServerObserver;
import org.mcpkit.testing.InMemoryHttpClient;
import org.mcpkit.testing.ObservedTools;
import org.mcpkit.testing.ScriptedClient;

/** SERVER spans with the real SDK and an in-memory exporter: name, parent from {@code _meta} or headers, attributes, errors. */
class TracingTest {
  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String PARENT_ID = "00f067aa0ba902b7";
  private static final String TRACEPARENT = "00-" + TRACE_ID + "-" + PARENT_ID + "-01";
  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final OpenTelemetrySdk otel = OpenTelemetrySdk.builder()
      .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build())
      .build();

  @AfterEach
  void close() {
    otel.close();
  }

  private McpServer server(ServerObserver tracing) {
    McpServer.Builder b = McpServer.builder(Implementation.of("traced", "1")).observer(tracing);
    // the handler starts a span of its own: it must nest under the request's span
    ObservedTools.all(() -> otel.getTracer("handler").spanBuilder("inside the handler").startSpan().end()).forEach(b::tool);
    return b.build();
  }

  private List<SpanData> spans(String name) {
    return exporter.getFinishedSpanItems().stream().filter(s -> s.getName().equals(name)).toList();
  }

  private void assertOneServerSpanUnderTheGivenParent(String version) {
    List<SpanData> server = spans("tools/call ok");
    assertEquals(1, server.size(), exporter.getFinishedSpanItems()::toString);
    SpanData span = server.get(0);
    assertEquals(SpanKind.SERVER, span.getKind());
    assertEquals(TRACE_ID, span.getTraceId());
    assertEquals(PARENT_ID, span.getParentSpanId());
    assertTrue(span.getParentSpanContext().isRemote());
    assertEquals("tools/call", span.getAttributes().get(AttributeKey.stringKey("mcp.method.name")));
    assertEquals("ok", span.getAttributes().get(AttributeKey.stringKey("gen_ai.tool.name")));
    assertEquals("execute_tool", span.getAttributes().get(AttributeKey.stringKey("gen_ai.operation.name")));
    assertEquals(version, span.getAttributes().get(AttributeKey.stringKey("mcp.protocol.version")));
    assertEquals("tcp", span.getAttributes().get(AttributeKey.stringKey("network.transport")));
    assertNull(span.getAttributes().get(AttributeKey.stringKey("gen_ai.tool.call.arguments")), "not recorded by default");
    assertEquals(StatusCode.UNSET, span.getStatus().getStatusCode());
    SpanData inner = spans("inside the handler").get(0);
    assertEquals(span.getSpanId(), inner.getParentSpanId(), "the handler's span nests under the request's");
    assertEquals(TRACE_ID, inner.getTraceId());
  }

  @ParameterizedTest
  @EnumSource(Container.class)
  void aModernCallIsOneSpanUnderTheTraceparentOfItsMeta(Container container) throws Exception {
    try (McpServer server = server(McpTracing.observer(otel));
        Container.Running running = container.start(server, HttpEndpointOptions.defaults())) {
      new ScriptedClient(running.mcp()).modernCall("ok", Map.of("city", "Oslo"), Map.of("traceparent", TRACEPARENT));
      assertOneServerSpanUnderTheGivenParent("2026-07-28");
      SpanData span = spans("tools/call ok").get(0);
      assertEquals("1", span.getAttributes().get(AttributeKey.stringKey("jsonrpc.request.id")));
      assertNull(span.getAttributes().get(AttributeKey.stringKey("mcp.session.id")));
    }
  }

  @ParameterizedTest
  @EnumSource(Container.class)
  void aSessionCallIsOneSpanUnderTheTraceparentOfItsMetaWithTheSessionHash(Container container) throws Exception {
    try (McpServer server = server(McpTracing.observer(otel));
        Container.Running running = container.start(server, HttpEndpointOptions.defaults())) {
      ScriptedClient client = new ScriptedClient(running.mcp());
      String session = client.initialize("2025-11-25");
      exporter.reset();
      client.sessionCall(session, "2025-11-25", "ok", Map.of("traceparent", TRACEPARENT));
      assertOneServerSpanUnderTheGivenParent("2025-11-25");
      String recorded = spans("tools/call ok").get(0).getAttributes().get(AttributeKey.stringKey("mcp.session.id"));
      assertTrue(recorded.matches("[0-9a-f]{16}") && !recorded.equals(session), recorded);
    }
  }

  @Test
  void withoutMetaTheHttpTraceparentIsTheParent() throws Exception {
    try (McpServer server = server(McpTracing.observer(otel)); McpHttpEndpoint endpoint = McpHttpEndpoint.create(server)) {
      HttpClient http = new InMemoryHttpClient(endpoint);
      String body = "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/call\",\"params\":{\"name\":\"ok\",\"_meta\":{"
          + "\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\",\"io.modelcontextprotocol/clientCapabilities\":{}}}}";
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:8080/mcp"))
          .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
          .header("MCP-Protocol-Version", "2026-07-28").header("Mcp-Method", "tools/call").header("Mcp-Name", "ok")
          .header("traceparent", TRACEPARENT)
          .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, r.statusCode());
      assertOneServerSpanUnderTheGivenParent("2026-07-28");
    }
  }

  @Test
  void failuresSetErrorTypeAndStatusAndOptedInArgumentsAndResultsAreRecorded() throws Exception {
    ServerObserver tracing = McpTracing.builder(otel).recordArguments(true).recordResults(true).build();
    try (McpServer server = server(tracing); McpHttpEndpoint endpoint = McpHttpEndpoint.create(server)) {
      ScriptedClient client = new ScriptedClient(new InMemoryHttpClient(endpoint), URI.create("http://127.0.0.1:8080/mcp"));
      client.modernCall("broken", Map.of("city", "Oslo"), Map.of());
      client.modernCall("refuses");
      client.modernCall("not-a-tool");
      SpanData broken = spans("tools/call broken").get(0);
      assertEquals("tool_error", broken.getAttributes().get(AttributeKey.stringKey("error.type")));
      assertEquals(StatusCode.ERROR, broken.getStatus().getStatusCode());
      assertEquals("{\"city\":\"Oslo\"}", broken.getAttributes().get(AttributeKey.stringKey("gen_ai.tool.call.arguments")));
      assertTrue(broken.getAttributes().get(AttributeKey.stringKey("gen_ai.tool.call.result")).contains("no luck"));
      SpanData refused = spans("tools/call refuses").get(0);
      assertEquals("-32602", refused.getAttributes().get(AttributeKey.stringKey("error.type")));
      assertEquals("-32602", refused.getAttributes().get(AttributeKey.stringKey("rpc.response.status_code")));
      assertEquals("bad input", refused.getStatus().getDescription());
      assertEquals(1, spans("tools/call").size(), "an unknown tool is not in the span name");
      assertEquals(3, exporter.getFinishedSpanItems().stream().filter(s -> s.getKind() == SpanKind.SERVER).count());
    }
  }

  @Test
  void theSamplerDecidesOnMethodToolAndTransportAndTheHandlerFollowsADrop() throws Exception {
    List<Map<String, Object>> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    Sampler dropAll = new Sampler() {
      @Override
      public SamplingResult shouldSample(io.opentelemetry.context.Context parent, String traceId, String name,
          SpanKind kind, io.opentelemetry.api.common.Attributes attributes, List<LinkData> links) {
        if (kind == SpanKind.SERVER) {
          Map<String, Object> a = new java.util.TreeMap<>();
          attributes.forEach((k, v) -> a.put(k.getKey(), v));
          a.put("(span name)", name);
          seen.add(a);
        }
        return SamplingResult.drop();
      }

      @Override
      public String getDescription() {
        return "records what it was asked and drops";
      }
    };
    try (OpenTelemetrySdk dropping = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().setSampler(dropAll)
                .addSpanProcessor(SimpleSpanProcessor.create(exporter)).build())
            .build();
        McpServer server = server(McpTracing.observer(dropping));
        Container.Running running = Container.UNDERTOW.start(server, HttpEndpointOptions.defaults())) {
      new ScriptedClient(running.mcp()).modernCall("ok", Map.of("city", "Oslo"), Map.of("traceparent", TRACEPARENT));
      assertEquals(List.of(Map.of(
              "(span name)", "tools/call ok",
              "mcp.method.name", "tools/call",
              "gen_ai.tool.name", "ok",
              "gen_ai.operation.name", "execute_tool",
              "network.transport", "tcp",
              "network.protocol.name", "http")),
          seen);
      assertEquals(List.of(), spans("tools/call ok"), "the sampler dropped the request's span");
      // the handler's tracer samples parent-based: had the dropped span's context not been current
      // in the handler, its span would be a sampled root
      assertEquals(List.of(), spans("inside the handler"), "the handler's span follows the dropped decision");
    }
  }
}
