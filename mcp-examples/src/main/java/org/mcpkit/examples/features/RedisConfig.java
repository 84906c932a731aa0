package org.mcpkit.examples.features;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.mcpkit.redis.McpRedis;

/**
 * Optional shared state of the feature tour, from environment variables: with a Redis, several
 * instances behind a load balancer without affinity serve each other's 2025-era sessions, resume each
 * other's streams and fan notifications out to every {@code subscriptions/listen} stream; {@code
 * /readyz} answers 503 while Redis is unreachable. Off when {@code MCP_REDIS_URL} is unset:
 *
 * <ul>
 *   <li>{@code MCP_REDIS_URL}: {@code redis://host:port} or {@code rediss://host:port} (TLS, as on
 *       ElastiCache with in-transit encryption); a cluster-mode-disabled endpoint
 *   <li>{@code MCP_REDIS_PASSWORD}: the AUTH token (optional; never printed)
 * </ul>
 *
 * @param uri the Redis URI, when set
 * @param password the AUTH token, when set
 */
public record RedisConfig(Optional<URI> uri, Optional<String> password) {
  /** Connects, when configured. The caller closes the result after the servers. */
  public Optional<McpRedis> connect() {
    return uri.map(u -> {
      McpRedis.Builder b = McpRedis.builder(u.toString());
      password.ifPresent(p -> b.password(p.toCharArray()));
      return b.build();
    });
  }

  @Override
  public String toString() {
    return "RedisConfig[uri=" + uri + ", password=" + (password.isPresent() ? "(set)" : "(none)") + "]";
  }

  /** Reads and checks the settings; IllegalArgumentException names the variable at fault. */
  public static RedisConfig fromEnv(Map<String, String> env) {
    String raw = env.getOrDefault("MCP_REDIS_URL", "").trim();
    String pw = env.getOrDefault("MCP_REDIS_PASSWORD", "");
    if (raw.isEmpty()) {
      if (!pw.isEmpty()) {
        throw new IllegalArgumentException("MCP_REDIS_PASSWORD needs MCP_REDIS_URL");
      }
      return new RedisConfig(Optional.empty(), Optional.empty());
    }
    URI u;
    try {
      u = new URI(raw);
    } catch (java.net.URISyntaxException e) {
      throw new IllegalArgumentException("MCP_REDIS_URL must look like redis[s]://host:port");
    }
    if (!("redis".equals(u.getScheme()) || "rediss".equals(u.getScheme())) || u.getHost() == null || u.getRawUserInfo() != null) {
      throw new IllegalArgumentException("MCP_REDIS_URL must look like redis[s]://host:port (the password goes in MCP_REDIS_PASSWORD)");
    }
    return new RedisConfig(Optional.of(u), pw.isEmpty() ? Optional.empty() : Optional.of(pw));
  }
}
