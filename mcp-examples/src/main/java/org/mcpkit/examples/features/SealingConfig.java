package org.mcpkit.examples.features;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.mcpkit.server.McpServer;
import org.mcpkit.server.RequestStateCodec;
import org.mcpkit.server.SealingKey;
import org.mcpkit.server.SealingKeys;

/**
 * The key ring sealing 2026-07-28 {@code requestState}, from an environment variable, so that every
 * instance of a deployment opens what any other sealed; without it each JVM seals with a random key
 * of its own (fine for one instance):
 *
 * <ul>
 *   <li>{@code MCP_SEALING_KEYS}: comma-separated keys, the current one first, older ones after it
 *       (still accepted for opening, so a rotation loses nothing in flight). Each is {@code id:secret}
 *       or a bare secret (its id is then derived from a digest of it); a secret is at least 32
 *       characters of text, such as a Secrets Manager generated password. No value is ever printed.
 * </ul>
 *
 * @param keys the ring, when set
 */
public record SealingConfig(Optional<SealingKeys> keys) {
  /** Seals with the ring (HMAC-SHA256) when set; otherwise leaves {@code b} as it is. */
  public McpServer.Builder apply(McpServer.Builder b) {
    keys.ifPresent(k -> b.requestStateCodec(RequestStateCodec.hmacSha256(k)));
    return b;
  }

  /** Reads and checks the settings; IllegalArgumentException names the variable at fault (never the secret). */
  public static SealingConfig fromEnv(Map<String, String> env) {
    String raw = env.getOrDefault("MCP_SEALING_KEYS", "").trim();
    if (raw.isEmpty()) {
      return new SealingConfig(Optional.empty());
    }
    List<SealingKey> ring = new ArrayList<>();
    Set<String> ids = new LinkedHashSet<>();
    String[] entries = raw.split(",", -1);
    for (int i = 0; i < entries.length; i++) {
      String entry = entries[i].trim();
      int colon = entry.indexOf(':');
      String id = colon > 0 ? entry.substring(0, colon) : derivedId(entry);
      String secret = colon > 0 ? entry.substring(colon + 1) : entry;
      if (secret.length() < 32) {
        throw new IllegalArgumentException("MCP_SEALING_KEYS entry " + (i + 1) + " must have a secret of at least 32 characters");
      }
      if (!id.matches("[A-Za-z0-9_-]{1,32}")) {
        throw new IllegalArgumentException("MCP_SEALING_KEYS entry " + (i + 1) + " has an id outside [A-Za-z0-9_-]{1,32}");
      }
      if (!ids.add(id)) {
        throw new IllegalArgumentException("MCP_SEALING_KEYS entry " + (i + 1) + " repeats the key id '" + id + "'");
      }
      ring.add(SealingKey.of(id, secret.getBytes(StandardCharsets.UTF_8)));
    }
    return new SealingConfig(Optional.of(
        SealingKeys.of(ring.get(0), ring.subList(1, ring.size()).toArray(new SealingKey[0]))));
  }

  private static String derivedId(String secret) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
      return "k" + HexFormat.of().formatHex(d, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
