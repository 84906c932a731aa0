package org.mcpkit.server.secret;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Where the server's secrets come from: a named secret in, its bytes out. Implementations read the
 * process environment ({@link #environment()}), files mounted into the container ({@link
 * #files(Path)}, as ECS and Kubernetes mount them) or a secrets service (AWS Secrets Manager in
 * {@code mcp-aws}); {@link #refreshing} puts a cache in front of any of them that re-reads in the
 * background and serves the last good value while the backend fails.
 *
 * <p>A call may block on I/O (a file, a network call) and is never made on a non-blocking I/O
 * thread. It never returns {@code null}: a secret that cannot be read is a {@link
 * SecretUnavailableException}. Implementations never log or put into an exception a secret's
 * value. Thread-safe.
 */
@FunctionalInterface
public interface SecretSource {
  /**
   * The current value of secret {@code name} (a copy the caller may keep or wipe).
   *
   * @throws SecretUnavailableException when it does not exist or cannot be read
   */
  byte[] bytes(String name);

  /** {@link #bytes(String)} decoded as UTF-8. */
  default String string(String name) {
    return new String(bytes(name), StandardCharsets.UTF_8);
  }

  /**
   * The process environment: secret {@code NAME} is the environment variable {@code NAME}, read at
   * each call (an empty or missing variable is unavailable). Environment variables do not change
   * while the process runs, so rotation needs a restart here; prefer {@link #files} or a secrets
   * service for keys that rotate.
   */
  static SecretSource environment() {
    return new EnvironmentSecrets(System.getenv());
  }

  /** As {@link #environment()}, over the given variables (copied; for tests and launchers). */
  static SecretSource environment(Map<String, String> variables) {
    return new EnvironmentSecrets(Map.copyOf(Objects.requireNonNull(variables, "variables")));
  }

  /**
   * Files in {@code directory}, one secret per file named as the secret (as a Kubernetes secret
   * volume or an ECS bind mount lays them out): the exact bytes of the file, at most 1 MiB. A file
   * is re-read only when it changed (its identity, size or modification time; a Kubernetes update
   * swaps a symlink, which counts), so a rotated secret is seen at the next call. Names are
   * {@code [A-Za-z0-9][A-Za-z0-9._-]*} (at most 255 characters): no path escapes the directory.
   */
  static SecretSource files(Path directory) {
    return new FileSecrets(directory);
  }

  /**
   * A cache over {@code origin}: the first read of a name waits for it; a read more than {@code
   * refreshInterval} after the last fetch answers the cached value and refreshes it in the
   * background; a refresh that fails keeps the cached value (stale-on-error, logged at WARN without
   * the value) for at most a day. See {@link RefreshingSecretSource#builder} for every setting.
   */
  static RefreshingSecretSource refreshing(SecretSource origin, Duration refreshInterval) {
    return RefreshingSecretSource.builder(origin).refreshInterval(refreshInterval).build();
  }
}
