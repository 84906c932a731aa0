package org.mcpkit.examples.features;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mcpkit.server.http.HostPolicy;
import org.mcpkit.server.http.HttpEndpointOptions;
import org.mcpkit.server.http.OriginPolicy;

/**
 * Example settings from environment variables, checked up front. Every problem names its variable:
 *
 * <ul>
 *   <li>{@code MCP_HOST}: address to bind (default {@code 127.0.0.1})
 *   <li>{@code MCP_PORT}: port, 0-65535 (default {@code 8080}; 0 picks a free port)
 *   <li>{@code MCP_PATH}: endpoint path starting with {@code /} (default {@code /mcp})
 *   <li>{@code MCP_ALLOWED_ORIGINS}: comma-separated origins such as {@code https://app.example.com}
 *       (default: localhost origins only)
 *   <li>{@code MCP_DATA_DIR}: an existing directory whose files are served as notes (default: a new
 *       temporary directory with two sample notes)
 * </ul>
 *
 * <p>Every HTTP example applies the same settings: {@link #fromEnvOrExit()} to read them, {@link
 * #endpointOptions()} for the Origin and Host checks.
 *
 * @param host bind address
 * @param port port
 * @param path endpoint path
 * @param allowedOrigins allowed origins; empty means localhost only
 * @param dataDir the notes directory, if configured
 */
public record ExampleConfig(String host, int port, String path, List<String> allowedOrigins, Optional<Path> dataDir) {

  /** Exit status of an example started with an invalid setting. */
  public static final int EXIT_INVALID_CONFIGURATION = 2;

  /**
   * Reads and checks {@link System#getenv()}. On an invalid value prints {@code Invalid
   * configuration: <message naming the variable>} to stderr, without a stack trace, and exits with
   * {@value #EXIT_INVALID_CONFIGURATION}.
   */
  public static ExampleConfig fromEnvOrExit() {
    return fromEnvOrExit(ExampleConfig::fromEnv);
  }

  /**
   * Reads {@link System#getenv()} with {@code reader}, which throws IllegalArgumentException naming
   * the variable at fault; on such a value prints {@code Invalid configuration: <message>} to stderr,
   * without a stack trace, and exits with {@value #EXIT_INVALID_CONFIGURATION}. Every example
   * setting reads its variables through this.
   */
  static <T> T fromEnvOrExit(java.util.function.Function<Map<String, String>, T> reader) {
    try {
      return reader.apply(System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("Invalid configuration: " + e.getMessage());
      System.exit(EXIT_INVALID_CONFIGURATION);
      throw e; // not reached
    }
  }

  /** Whether {@link #host()} is a loopback address or {@code localhost}. */
  public boolean loopbackHost() {
    return host.equals("127.0.0.1") || host.equals("localhost") || host.equals("::1") || host.equals("[::1]");
  }

  /**
   * Endpoint options for these settings: the Origin check allows exactly {@link #allowedOrigins()}
   * when set (localhost origins otherwise); the Host check allows loopback names when bound to a
   * loopback host and any Host otherwise (put a proxy that fixes the Host in front, or set {@link
   * HostPolicy#allowList}).
   */
  public HttpEndpointOptions endpointOptions() {
    HttpEndpointOptions.Builder options = HttpEndpointOptions.builder();
    if (!allowedOrigins.isEmpty()) {
      options.originPolicy(OriginPolicy.allowList(allowedOrigins.toArray(new String[0])));
    }
    options.hostPolicy(loopbackHost() ? HostPolicy.loopback() : HostPolicy.any());
    return options.build();
  }

  /** The endpoint URL for the bound {@code port}, e.g. {@code http://127.0.0.1:8080/mcp}. */
  public String url(int boundPort) {
    String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    return "http://" + h + ":" + boundPort + path;
  }

  /** Reads and checks the settings; IllegalArgumentException names the variable at fault. */
  public static ExampleConfig fromEnv(Map<String, String> env) {
    String host = env.getOrDefault("MCP_HOST", "127.0.0.1").trim();
    if (host.isEmpty()) {
      throw new IllegalArgumentException("MCP_HOST must not be empty");
    }
    String rawPort = env.getOrDefault("MCP_PORT", "8080").trim();
    int port;
    try {
      port = Integer.parseInt(rawPort);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("MCP_PORT must be a port number (0-65535), got '" + rawPort + "'");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("MCP_PORT must be a port number (0-65535), got '" + rawPort + "'");
    }
    String path = env.getOrDefault("MCP_PATH", "/mcp").trim();
    if (!path.startsWith("/") || path.contains(" ")) {
      throw new IllegalArgumentException("MCP_PATH must start with '/' and contain no spaces, got '" + path + "'");
    }
    List<String> origins = List.of();
    String rawOrigins = env.getOrDefault("MCP_ALLOWED_ORIGINS", "").trim();
    if (!rawOrigins.isEmpty()) {
      origins = List.of(rawOrigins.split("\\s*,\\s*"));
      for (String o : origins) {
        URI uri;
        try {
          uri = new URI(o);
        } catch (java.net.URISyntaxException e) {
          throw new IllegalArgumentException("MCP_ALLOWED_ORIGINS has an invalid origin '" + o + "'");
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
            || !(uri.getPath() == null || uri.getPath().isEmpty())) {
          throw new IllegalArgumentException(
              "MCP_ALLOWED_ORIGINS entries must look like https://host[:port], got '" + o + "'");
        }
      }
    }
    Optional<Path> dir = Optional.empty();
    String rawDir = env.getOrDefault("MCP_DATA_DIR", "").trim();
    if (!rawDir.isEmpty()) {
      Path p = Path.of(rawDir);
      if (!Files.isDirectory(p)) {
        throw new IllegalArgumentException("MCP_DATA_DIR must be an existing directory, got '" + rawDir + "'");
      }
      dir = Optional.of(p);
    }
    return new ExampleConfig(host, port, path, origins, dir);
  }
}
