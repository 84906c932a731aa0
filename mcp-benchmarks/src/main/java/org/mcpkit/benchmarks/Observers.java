package org.mcpkit.benchmarks;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.mcpkit.micrometer.McpMetrics;
import org.mcpkit.opentelemetry.McpTracing;
import org.mcpkit.server.McpServer;
import org.mcpkit.server.observe.ServerObserver;

/**
 * The observers a benchmark attaches, by name: {@code none}; {@code metrics} (Micrometer into a
 * Prometheus registry); {@code tracing} (OpenTelemetry SDK, every span sampled and batched to an
 * exporter that drops them); {@code observed} (both, what a monitored deployment runs); {@code
 * observed+mdc} (both and the MDC observer).
 */
final class Observers {
  private Observers() {}

  /** Attaches the observers {@code name} names to {@code b}. */
  static McpServer.Builder attach(McpServer.Builder b, String name) {
    switch (name) {
      case "none" -> { }
      case "metrics" -> b.observer(metrics());
      case "tracing" -> b.observer(tracing());
      case "observed" -> b.observer(metrics()).observer(tracing());
      case "observed+mdc" -> b.observer(metrics()).observer(tracing()).observer(ServerObserver.mdc());
      default -> throw new IllegalArgumentException("unknown observers: " + name);
    }
    return b;
  }

  private static ServerObserver metrics() {
    return McpMetrics.observer(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
  }

  private static ServerObserver tracing() {
    SdkTracerProvider provider = SdkTracerProvider.builder()
        .addSpanProcessor(BatchSpanProcessor.builder(SpanExporter.composite()).build())
        .build();
    return McpTracing.observer(OpenTelemetrySdk.builder().setTracerProvider(provider).build());
  }
}
