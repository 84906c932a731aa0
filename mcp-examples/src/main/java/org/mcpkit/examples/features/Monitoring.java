package org.mcpkit.examples.features;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.mcpkit.micrometer.McpMetrics;
import org.mcpkit.server.observe.ServerObserver;

/**
 * The feature tour's metrics as {@link MonitoringConfig} asks: a Prometheus scrape on a management
 * port of its own (kept apart from the MCP port, so a load balancer never exposes it), and/or
 * CloudWatch EMF lines on standard output every interval. {@link #observer()} is what the server
 * attaches. {@link #close()} stops both.
 */
public final class Monitoring implements AutoCloseable {
  private final MeterRegistry registry;
  private final HttpServer management;
  private final ScheduledExecutorService reporter;
  private final ServerObserver observer;

  private Monitoring(MeterRegistry registry, HttpServer management, ScheduledExecutorService reporter) {
    this.registry = registry;
    this.management = management;
    this.reporter = reporter;
    this.observer = registry == null ? ServerObserver.none() : McpMetrics.observer(registry);
  }

  /** Starts what {@code config} enables, the management port bound to {@code host}; EMF lines go to {@code emfOut}. */
  public static Monitoring start(String host, MonitoringConfig config, PrintStream emfOut) {
    if (!config.enabled()) {
      return new Monitoring(null, null, null);
    }
    MeterRegistry registry = config.prometheus() ? new PrometheusMeterRegistry(PrometheusConfig.DEFAULT) : new SimpleMeterRegistry();
    HttpServer management = null;
    if (config.prometheus()) {
      PrometheusMeterRegistry prometheus = (PrometheusMeterRegistry) registry;
      try {
        management = HttpServer.create(new InetSocketAddress(host, config.port()), 0);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot bind the metrics port " + config.port(), e);
      }
      management.createContext(config.path(), exchange -> {
        byte[] body = prometheus.scrape().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
        exchange.sendResponseHeaders("GET".equals(exchange.getRequestMethod()) ? 200 : 405, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      });
      management.start();
    }
    ScheduledExecutorService reporter = null;
    if (config.emf()) {
      EmfReporter emf = new EmfReporter(registry, config.namespace(), emfOut);
      reporter = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "mcp-emf-reporter");
        t.setDaemon(true);
        return t;
      });
      long every = config.interval().toMillis();
      reporter.scheduleAtFixedRate(emf::report, every, every, TimeUnit.MILLISECONDS);
    }
    return new Monitoring(registry, management, reporter);
  }

  /** The observer to attach to the server ({@link ServerObserver#none()} when metrics are off). */
  public ServerObserver observer() {
    return observer;
  }

  /** The bound management port, or -1 when the Prometheus scrape is off. */
  public int port() {
    return management == null ? -1 : management.getAddress().getPort();
  }

  @Override
  public void close() {
    if (management != null) {
      management.stop(0);
    }
    if (reporter != null) {
      reporter.shutdownNow();
    }
    if (registry != null) {
      registry.close();
    }
  }
}
