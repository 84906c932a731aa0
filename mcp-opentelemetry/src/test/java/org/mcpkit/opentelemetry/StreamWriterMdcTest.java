package org.mcpkit.opentelemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mcpkit.protocol.CallToolResult;
import org.mcpkit.protocol.Implementation;
import org.mcpkit.protocol.Tool;
import org.mcpkit.server.McpServer;
import org.mcpkit.server.ToolSpec;
import org.mcpkit.server.http.HttpEndpointOptions;
import org.mcpkit.server.observe.MdcKeys;
import org.mcpkit.server.observe.ServerObserver;
import org.mcpkit.testing.RecordingObserver;
import org.slf4j.LoggerFactory;

/**
 * A line the SSE writer logs for a request (a reader too slow, cut off) carries the request's
 * context too, although the engine writes it wherever the stream's writes happen.
 */
class StreamWriterMdcTest {
  @Test
  void theSlowReaderWarningCarriesTheRequestContext() throws Exception {
    ListAppender<ILoggingEvent> lines = new CapturingAppender();
    lines.start();
    Logger writer = (Logger) LoggerFactory.getLogger("org.mcpkit.internal.http.EventStream");
    writer.addAppender(lines);
    InMemorySpanExporter spans = InMemorySpanExporter.create();
    String big = "x".repeat(64 * 1024);
    ToolSpec chatty = ToolSpec.of(Tool.builder("chatty", Map.of("type", "object")).description("chatty").build(), (ctx, a) -> {
      for (int i = 0; i < 2_000 && !ctx.isCancelled(); i++) {
        ctx.progress(i, 2_000.0, big);
      }
      return CallToolResult.text("done");
    });
    try (OpenTelemetrySdk otel = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build()).build();
        McpServer server = McpServer.builder(Implementation.of("chatty", "1")).tool(chatty)
            .observer(McpTracing.observer(otel)).observer(ServerObserver.mdc()).build();
        Container.Running running = Container.UNDERTOW.start(server, HttpEndpointOptions.builder().maxQueuedEvents(4).build());
        Socket client = new Socket("127.0.0.1", running.base().getPort())) {
      client.setReceiveBufferSize(4096);
      String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"chatty\",\"_meta\":{"
          + "\"progressToken\":\"p\",\"traceparent\":\"" + MdcScenario.TRACEPARENT + "\","
          + "\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\",\"io.modelcontextprotocol/clientCapabilities\":{}}}}";
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      OutputStream out = client.getOutputStream();
      out.write(("POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
          + "Accept: application/json, text/event-stream\r\nMCP-Protocol-Version: 2026-07-28\r\nMcp-Method: tools/call\r\n"
          + "Mcp-Name: chatty\r\nContent-Length: " + bytes.length + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
      out.flush(); // and never read: the stream's queue fills and the writer cuts it off
      RecordingObserver.await(Duration.ofSeconds(30), "the slow-reader warning",
          () -> lines.list.stream().anyMatch(e -> e.getFormattedMessage().startsWith("SSE reader too slow")));
      ILoggingEvent warning = lines.list.stream()
          .filter(e -> e.getFormattedMessage().startsWith("SSE reader too slow")).findFirst().orElseThrow();
      Map<String, String> mdc = warning.getMDCPropertyMap();
      assertEquals("tools/call", mdc.get(MdcKeys.METHOD));
      assertEquals("chatty", mdc.get(MdcKeys.TOOL_NAME));
      assertEquals(MdcScenario.TRACE_ID, mdc.get(MdcKeys.TRACE_ID));
      assertTrue(mdc.get(MdcKeys.SPAN_ID) != null && mdc.get(MdcKeys.SPAN_ID).matches("[0-9a-f]{16}"), mdc::toString);
    } finally {
      writer.detachAppender(lines);
    }
  }

  @Test
  void theStreamEndLoggedOffTheHandlerThreadCarriesTheRequestContext() throws Exception {
    ListAppender<ILoggingEvent> lines = new CapturingAppender();
    lines.start();
    Logger writer = (Logger) LoggerFactory.getLogger("org.mcpkit.internal.http.EventStream");
    writer.setLevel(ch.qos.logback.classic.Level.DEBUG);
    writer.addAppender(lines);
    java.util.List<String> handlerThreads = new java.util.concurrent.CopyOnWriteArrayList<>();
    ToolSpec hold = ToolSpec.of(Tool.builder("hold", Map.of("type", "object")).description("hold").build(), (ctx, a) -> {
      handlerThreads.add(Thread.currentThread().getName());
      new java.util.concurrent.CountDownLatch(1).await();
      return CallToolResult.text("never");
    });
    InMemorySpanExporter spans = InMemorySpanExporter.create();
    try (OpenTelemetrySdk otel = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build()).build();
        McpServer server = McpServer.builder(Implementation.of("held", "1")).tool(hold)
            .observer(McpTracing.observer(otel)).observer(ServerObserver.mdc()).build();
        Container.Running running = Container.UNDERTOW.start(server,
            HttpEndpointOptions.builder().streamAfter(Duration.ofMillis(20)).keepAlive(Duration.ofMillis(50)).build())) {
      Socket client = new Socket("127.0.0.1", running.base().getPort());
      String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"hold\",\"_meta\":{"
          + "\"traceparent\":\"" + MdcScenario.TRACEPARENT + "\","
          + "\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\",\"io.modelcontextprotocol/clientCapabilities\":{}}}}";
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      OutputStream out = client.getOutputStream();
      out.write(("POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
          + "Accept: application/json, text/event-stream\r\nMCP-Protocol-Version: 2026-07-28\r\nMcp-Method: tools/call\r\n"
          + "Mcp-Name: hold\r\nContent-Length: " + bytes.length + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
      out.flush();
      java.io.InputStream in = client.getInputStream();
      StringBuilder head = new StringBuilder();
      while (!head.toString().contains("\r\n\r\n")) {
        head.append((char) in.read()); // the stream is open once the head arrived
      }
      client.setSoLinger(true, 0);
      client.close(); // the client vanishes: the writer notices at a keep-alive, on a thread of the container or timer
      RecordingObserver.await(Duration.ofSeconds(20), "the stream end to be logged",
          () -> lines.list.stream().anyMatch(e -> e.getFormattedMessage().startsWith("SSE stream ended")));
      ILoggingEvent ended = lines.list.stream()
          .filter(e -> e.getFormattedMessage().startsWith("SSE stream ended")).findFirst().orElseThrow();
      assertTrue(!handlerThreads.contains(ended.getThreadName()), ended.getThreadName() + " is not the handler's thread");
      Map<String, String> mdc = ended.getMDCPropertyMap();
      assertEquals("tools/call", mdc.get(MdcKeys.METHOD));
      assertEquals("hold", mdc.get(MdcKeys.TOOL_NAME));
      assertEquals(MdcScenario.TRACE_ID, mdc.get(MdcKeys.TRACE_ID));
    } finally {
      writer.detachAppender(lines);
      writer.setLevel(null);
    }
  }
}
