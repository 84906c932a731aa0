package org.mcpkit.benchmarks;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.mcpkit.micrometer.McpMetrics;
import org.mcpkit.opentelemetry.McpTracing;
import org.mcpkit.server.McpServer;
import org.mcpkit.server.observe.ServerObserver;

/**
 * The observers a benchmark attaches, by name: {@code none}; {@code metrics} (Micrometer into a
 * Prometheus registry); {@code tracing} (OpenTelemetry SDK, every span sampled and batched to an
 * exporter that drops them); {@code tracing-ratio} (the same SDK sampling 10% of traces, parent
 * based: the usual production setting at high request rates); {@code tracing-noop} (the tracing
 * observer over {@code OpenTelemetry.noop()}: what mcpkit's own instrumentation costs without an
 * SDK); {@code observed} and {@code observed-ratio} (metrics and tracing, what a monitored
 * deployment runs); {@code observed+mdc} (both and the MDC observer).
 */
final class Observers {
  private Observers() {}

  /** Attaches the observers {@code name} names to {@code b}. */
  static McpServer.Builder attach(McpServer.Builder b, String name) {
    switch (name) {
      case "none" -> { }
      case "metrics" -> b.observer(metrics());
      case "tracing" -> b.observer(tracing(Sampler.alwaysOn()));
      case "tracing-ratio" -> b.observer(tracing(Sampler.parentBased(Sampler.traceIdRatioBased(0.1))));
      case "tracing-noop" -> b.observer(McpTracing.observer(OpenTelemetry.noop()));
      case "observed" -> b.observer(metrics()).observer(tracing(Sampler.alwaysOn()));
      case "observed-ratio" -> b.observer(metrics()).observer(tracing(Sampler.parentBased(Sampler.traceIdRatioBased(0.1))));
      case "observed+mdc" -> b.observer(metrics()).observer(tracing(Sampler.alwaysOn())).observer(ServerObserver.mdc());
      default -> throw new IllegalArgumentException("unknown observers: " + name);
    }
    return b;
  }

  private static ServerObserver metrics() {
    return McpMetrics.observer(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
  }

  private static ServerObserver tracing(Sampler sampler) {
    SdkTracerProvider provider = SdkTracerProvider.builder()
        .setSampler(sampler)
        .addSpanProcessor(BatchSpanProcessor.builder(SpanExporter.composite()).build())
        .build();
    return McpTracing.observer(OpenTelemetrySdk.builder().setTracerProvider(provider).build());
  }
}
