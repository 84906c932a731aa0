package org.mcpkit.opentelemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import org.mcpkit.protocol.Implementation;
import org.mcpkit.server.McpServer;
import org.mcpkit.server.http.McpHttpEndpoint;
import org.mcpkit.server.observe.MdcKeys;
import org.mcpkit.server.observe.ServerObserver;
import org.mcpkit.testing.InMemoryHttpClient;
import org.mcpkit.testing.ObservedTools;
import org.mcpkit.testing.ScriptedClient;
import org.slf4j.LoggerFactory;

/**
 * A 2025-era session call carrying a {@code traceparent}, served on a given executor with the MDC
 * and tracing observers attached; its handler writes a log line, read back from a logback list
 * appender with its MDC.
 */
final class MdcScenario implements AutoCloseable {
  static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  static final String TRACEPARENT = "00-" + TRACE_ID + "-00f067aa0ba902b7-01";
  static final org.slf4j.Logger HANDLER_LOG = LoggerFactory.getLogger("handler");
  static final List<String> KEYS = List.of(MdcKeys.METHOD, MdcKeys.REQUEST_ID, MdcKeys.TOOL_NAME,
      MdcKeys.SESSION_HASH, MdcKeys.TRACE_ID, MdcKeys.SPAN_ID);

  final ListAppender<ILoggingEvent> lines = new CapturingAppender();
  final List<Thread> handlerThreads = new CopyOnWriteArrayList<>();
  final InMemorySpanExporter spans = InMemorySpanExporter.create();
  private final OpenTelemetrySdk otel = OpenTelemetrySdk.builder()
      .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
      .build();
  private final McpServer server;
  private final McpHttpEndpoint endpoint;
  final ScriptedClient client;
  final String session;

  MdcScenario(Executor executor) throws Exception {
    Logger logger = (Logger) LoggerFactory.getLogger("handler");
    logger.setLevel(Level.INFO);
    lines.start();
    logger.addAppender(lines);
    McpServer.Builder b = McpServer.builder(Implementation.of("logged", "1"))
        .executor(executor)
        .observer(McpTracing.observer(otel))
        .observer(ServerObserver.mdc());
    ObservedTools.all(() -> {
      handlerThreads.add(Thread.currentThread());
      HANDLER_LOG.info("in the handler");
    }).forEach(b::tool);
    server = b.build();
    endpoint = McpHttpEndpoint.create(server);
    client = new ScriptedClient(new InMemoryHttpClient(endpoint), URI.create("http://127.0.0.1:8080/mcp"));
    session = client.initialize("2025-11-25");
  }

  /** Calls {@code ok} in the session with the {@code traceparent}; returns the MDC of the handler's log line. */
  Map<String, String> sessionCallLogLine() throws Exception {
    client.sessionCall(session, "2025-11-25", "ok", Map.of("traceparent", TRACEPARENT));
    Map<String, String> mdc = lines.list.get(lines.list.size() - 1).getMDCPropertyMap();
    SpanData span = spans.getFinishedSpanItems().stream().filter(s -> s.getName().equals("tools/call ok")).findFirst().orElseThrow();
    assertEquals("tools/call", mdc.get(MdcKeys.METHOD));
    assertEquals("ok", mdc.get(MdcKeys.TOOL_NAME));
    assertEquals(TRACE_ID, mdc.get(MdcKeys.TRACE_ID));
    assertEquals(span.getSpanId(), mdc.get(MdcKeys.SPAN_ID));
    String hash = mdc.get(MdcKeys.SESSION_HASH);
    assertTrue(hash != null && hash.matches("[0-9a-f]{16}"), String.valueOf(hash));
    assertNotEquals(session, hash);
    assertTrue(mdc.values().stream().noneMatch(v -> v.contains(session)), "never the session id itself");
    return mdc;
  }

  @Override
  public void close() {
    endpoint.close();
    server.close();
    otel.close();
    ((Logger) LoggerFactory.getLogger("handler")).detachAppender(lines);
  }
}
