package org.mcpkit.examples.features;

import java.time.Duration;
import java.util.Map;

/**
 * How the examples stop, from environment variables, checked up front:
 *
 * <ul>
 *   <li>{@code MCP_DRAIN_TIMEOUT}: seconds in-flight calls get to answer after SIGTERM, 1-3600
 *       (default {@code 20}); keep it below the orchestrator's stop timeout (ECS {@code stopTimeout},
 *       Kubernetes {@code terminationGracePeriodSeconds}) and equal to the load balancer's
 *       deregistration delay.
 * </ul>
 *
 * @param drainTimeout how long in-flight calls get after SIGTERM
 */
public record ShutdownConfig(Duration drainTimeout) {
  /** The default: 20 s. */
  public static final ShutdownConfig DEFAULT = new ShutdownConfig(Duration.ofSeconds(20));

  /** Checks the value. */
  public ShutdownConfig {
    if (drainTimeout.isNegative() || drainTimeout.isZero()) {
      throw new IllegalArgumentException("drainTimeout must be positive");
    }
  }

  /** Reads and checks {@link System#getenv()}; exits with status 2 naming the variable on an invalid value. */
  public static ShutdownConfig fromEnvOrExit() {
    return ExampleConfig.fromEnvOrExit(ShutdownConfig::fromEnv);
  }

  /** Reads and checks the settings; IllegalArgumentException names the variable at fault. */
  public static ShutdownConfig fromEnv(Map<String, String> env) {
    String raw = env.getOrDefault("MCP_DRAIN_TIMEOUT", "20").trim();
    int seconds;
    try {
      seconds = Integer.parseInt(raw);
    } catch (NumberFormatException e) {
      seconds = -1;
    }
    if (seconds < 1 || seconds > 3600) {
      throw new IllegalArgumentException("MCP_DRAIN_TIMEOUT must be whole seconds (1-3600), got '" + raw + "'");
    }
    return new ShutdownConfig(Duration.ofSeconds(seconds));
  }
}
