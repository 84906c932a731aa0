package org.mcpkit.examples.features;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The feature tour's monitoring settings, from environment variables, checked up front:
 *
 * <ul>
 *   <li>{@code MCP_METRICS}: {@code prometheus}, {@code emf} or both comma-separated (default: off)
 *   <li>{@code MCP_METRICS_PORT}: the management port serving the Prometheus scrape, on {@code
 *       MCP_HOST} (default {@code 9464}; 0 picks a free port)
 *   <li>{@code MCP_METRICS_PATH}: the scrape path (default {@code /metrics})
 *   <li>{@code MCP_EMF_NAMESPACE}: the CloudWatch namespace of the EMF lines (default {@code mcpkit})
 *   <li>{@code MCP_EMF_INTERVAL}: seconds between EMF reports on standard output (default {@code 60})
 * </ul>
 *
 * @param prometheus serve the Prometheus scrape
 * @param port the management port
 * @param path the scrape path
 * @param emf write CloudWatch Embedded Metric Format lines to standard output
 * @param namespace the CloudWatch namespace
 * @param interval the EMF reporting interval
 */
public record MonitoringConfig(boolean prometheus, int port, String path, boolean emf, String namespace, Duration interval) {

  /** Whether any metrics are on. */
  public boolean enabled() {
    return prometheus || emf;
  }

  /** Reads and checks {@link System#getenv()}; exits with status 2 naming the variable on an invalid value. */
  public static MonitoringConfig fromEnvOrExit() {
    return ExampleConfig.fromEnvOrExit(MonitoringConfig::fromEnv);
  }

  /** Reads and checks the settings; IllegalArgumentException names the variable at fault. */
  public static MonitoringConfig fromEnv(Map<String, String> env) {
    boolean prometheus = false;
    boolean emf = false;
    String metrics = env.getOrDefault("MCP_METRICS", "").trim();
    if (!metrics.isEmpty()) {
      for (String m : List.of(metrics.split("\\s*,\\s*"))) {
        switch (m) {
          case "prometheus" -> prometheus = true;
          case "emf" -> emf = true;
          default -> throw new IllegalArgumentException("MCP_METRICS must be prometheus, emf or both, got '" + metrics + "'");
        }
      }
    }
    String rawPort = env.getOrDefault("MCP_METRICS_PORT", "9464").trim();
    int port;
    try {
      port = Integer.parseInt(rawPort);
    } catch (NumberFormatException e) {
      port = -1;
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("MCP_METRICS_PORT must be a port number (0-65535), got '" + rawPort + "'");
    }
    String path = env.getOrDefault("MCP_METRICS_PATH", "/metrics").trim();
    if (!path.startsWith("/") || path.contains(" ")) {
      throw new IllegalArgumentException("MCP_METRICS_PATH must start with '/' and contain no spaces, got '" + path + "'");
    }
    String namespace = env.getOrDefault("MCP_EMF_NAMESPACE", "mcpkit").trim();
    if (namespace.isEmpty() || namespace.length() > 255) {
      throw new IllegalArgumentException("MCP_EMF_NAMESPACE must be 1-255 characters, got '" + namespace + "'");
    }
    String rawInterval = env.getOrDefault("MCP_EMF_INTERVAL", "60").trim();
    long seconds;
    try {
      seconds = Long.parseLong(rawInterval);
    } catch (NumberFormatException e) {
      seconds = 0;
    }
    if (seconds < 1 || seconds > 3600) {
      throw new IllegalArgumentException("MCP_EMF_INTERVAL must be 1-3600 seconds, got '" + rawInterval + "'");
    }
    return new MonitoringConfig(prometheus, port, path, emf, namespace, Duration.ofSeconds(seconds));
  }
}
