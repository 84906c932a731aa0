package org.mcpkit.examples.features;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.mcpkit.transport.undertow.UndertowMcpServer;

/**
 * Optional in-process TLS of the feature tour, from environment variables (for a single host without
 * a load balancer, such as EC2 with a Let's Encrypt certificate); off when both files are unset:
 *
 * <ul>
 *   <li>{@code MCP_TLS_CERT}: PEM certificate chain, leaf first (certbot's {@code
 *       /etc/letsencrypt/live/<name>/fullchain.pem})
 *   <li>{@code MCP_TLS_KEY}: unencrypted PKCS#8 PEM private key ({@code .../privkey.pem})
 *   <li>{@code MCP_TLS_WATCH}: seconds between checks of both files for a renewal, 0-86400 (default
 *       {@code 60}; 0 turns the check off); a renewed pair is served to new connections without a
 *       restart
 * </ul>
 *
 * @param certificateChain the certificate file, when TLS is on
 * @param privateKey the key file, when TLS is on
 * @param watch interval of the renewal check; zero when off
 */
public record TlsConfig(Optional<Path> certificateChain, Optional<Path> privateKey, Duration watch) {
  /** Checks that both files or neither are set. */
  public TlsConfig {
    if (certificateChain.isPresent() != privateKey.isPresent()) {
      throw new IllegalArgumentException("MCP_TLS_CERT and MCP_TLS_KEY must be set together");
    }
  }

  /** Whether TLS is on. */
  public boolean enabled() {
    return certificateChain.isPresent();
  }

  /** Serves HTTPS from the files (and watches them) when TLS is on; otherwise leaves {@code b} as it is. */
  public UndertowMcpServer.Builder apply(UndertowMcpServer.Builder b) {
    if (enabled()) {
      b.httpsPem(certificateChain.get(), privateKey.get());
      if (!watch.isZero()) {
        b.watchCertificates(watch);
      }
    }
    return b;
  }

  /** Reads and checks the settings; IllegalArgumentException names the variable at fault. */
  public static TlsConfig fromEnv(Map<String, String> env) {
    Optional<Path> cert = file(env, "MCP_TLS_CERT");
    Optional<Path> key = file(env, "MCP_TLS_KEY");
    String raw = env.getOrDefault("MCP_TLS_WATCH", "60").trim();
    int seconds = ExampleSettings.seconds("MCP_TLS_WATCH", raw, 0, 86_400);
    if (cert.isPresent() != key.isPresent()) {
      throw new IllegalArgumentException("MCP_TLS_CERT and MCP_TLS_KEY must be set together");
    }
    return new TlsConfig(cert, key, Duration.ofSeconds(seconds));
  }

  private static Optional<Path> file(Map<String, String> env, String name) {
    String raw = env.getOrDefault(name, "").trim();
    if (raw.isEmpty()) {
      return Optional.empty();
    }
    Path p = Path.of(raw);
    if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
      throw new IllegalArgumentException(name + " must be a readable file, got '" + raw + "'");
    }
    return Optional.of(p);
  }
}
