package org.mcpkit.examples.features;

import java.time.Duration;
import java.util.Map;
import org.mcpkit.server.http.HttpEndpointOptions;

/**
 * How the HTTP examples keep streams alive, from environment variables:
 *
 * <ul>
 *   <li>{@code MCP_KEEPALIVE}: seconds between {@code :} comment frames on idle SSE streams, 0-3600
 *       (default {@code 15}; 0 turns them off); keep it below every idle timeout on the way (ALB 60 s,
 *       nginx 60 s, CloudFront 30 s)
 *   <li>{@code MCP_MAX_STREAM_AGE}: seconds a subscription or session stream may live before the
 *       server ends it with a {@code retry:} hint (plus up to 10 % jitter), 0-86400 (default {@code
 *       600}; 0 means no limit); keep it below any hard request limit of the platform (App Runner
 *       ends every request after 120 s)
 * </ul>
 *
 * @param keepAlive the keep-alive interval; zero when off
 * @param maxStreamAge the longest stream life; zero for no limit
 */
public record StreamConfig(Duration keepAlive, Duration maxStreamAge) {
  /** The defaults: 15 s, 10 minutes. */
  public static final StreamConfig DEFAULT = new StreamConfig(Duration.ofSeconds(15), Duration.ofMinutes(10));

  /** Sets the keep-alive and the stream age on {@code options}. */
  public HttpEndpointOptions.Builder apply(HttpEndpointOptions.Builder options) {
    return options.keepAlive(keepAlive).maxStreamAge(maxStreamAge);
  }

  /** Reads and checks the settings; IllegalArgumentException names the variable at fault. */
  public static StreamConfig fromEnv(Map<String, String> env) {
    String raw = env.getOrDefault("MCP_KEEPALIVE", "15").trim();
    String age = env.getOrDefault("MCP_MAX_STREAM_AGE", "600").trim();
    return new StreamConfig(
        Duration.ofSeconds(ExampleSettings.seconds("MCP_KEEPALIVE", raw, 0, 3600)),
        Duration.ofSeconds(ExampleSettings.seconds("MCP_MAX_STREAM_AGE", age, 0, 86_400)));
  }
}
