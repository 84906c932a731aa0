package org.mcpkit.server.secret;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.mcpkit.server.SealingKey;
import org.mcpkit.server.SealingKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code requestState} sealing keys kept in one secret, so that every instance of a fleet seals
 * with the same key and a rotation needs no restart. The secret is a JSON object:
 *
 * <pre>{@code
 * {"current":  {"id": "k2", "secret": "<base64 of at least 32 random bytes>"},
 *  "previous": [{"id": "k1", "secret": "<base64>"}]}
 * }</pre>
 *
 * <p>{@code current} seals new tokens; it and every {@code previous} key open tokens ({@code
 * previous} may be absent or empty). Ids match {@code [A-Za-z0-9_-]{1,32}}; secrets are standard or
 * URL-safe base64, padded or not. To rotate without breaking an input-required round in flight:
 * write {@code (new, previous: [old])} and keep it at least as long as a round may take (the
 * requestState lifetime) before dropping {@code old}. Give it a {@link RefreshingSecretSource} so
 * that reads come from memory: the ring re-parses only when the secret's bytes changed, and a
 * changed secret that is not a valid ring keeps the last valid keys (one WARN line, never a key).
 */
public final class SecretKeyRing implements SealingKeys {
  private static final Logger LOG = LoggerFactory.getLogger(SecretKeyRing.class);
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final SecretSource source;
  private final String name;
  private volatile Parsed ring;

  /** The bytes a ring was parsed from, and the ring. */
  private record Parsed(byte[] raw, SealingKeys keys) {}

  private SecretKeyRing(SecretSource source, String name, Parsed first) {
    this.source = source;
    this.name = name;
    this.ring = first;
  }

  /**
   * The ring in secret {@code name} of {@code source}, read now.
   *
   * @throws SecretUnavailableException when the secret cannot be read or is not a valid ring
   */
  public static SecretKeyRing of(SecretSource source, String name) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(name, "name");
    byte[] raw = source.bytes(name);
    try {
      return new SecretKeyRing(source, name, new Parsed(raw, parse(raw)));
    } catch (IllegalArgumentException e) {
      throw new SecretUnavailableException(name, "not a sealing key ring: " + e.getMessage());
    }
  }

  /**
   * Parses a ring in the format above.
   *
   * @throws IllegalArgumentException naming what is wrong (never a key)
   */
  public static SealingKeys parse(byte[] json) {
    JsonNode doc;
    try {
      doc = MAPPER.readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException("not JSON");
    }
    if (doc == null || !doc.isObject()) {
      throw new IllegalArgumentException("not a JSON object");
    }
    SealingKey current = key(doc.get("current"), "current");
    List<SealingKey> previous = new ArrayList<>();
    JsonNode list = doc.get("previous");
    if (list != null && !list.isNull()) {
      if (!list.isArray()) {
        throw new IllegalArgumentException("previous is not an array");
      }
      for (int i = 0; i < list.size(); i++) {
        previous.add(key(list.get(i), "previous[" + i + "]"));
      }
    }
    return SealingKeys.of(current, previous.toArray(SealingKey[]::new));
  }

  private static SealingKey key(JsonNode node, String where) {
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException(where + " is not an object with id and secret");
    }
    JsonNode id = node.get("id");
    JsonNode secret = node.get("secret");
    if (id == null || !id.isTextual() || secret == null || !secret.isTextual()) {
      throw new IllegalArgumentException(where + " needs a string id and a string secret");
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(secret.asText());
    } catch (IllegalArgumentException standard) {
      try {
        bytes = Base64.getUrlDecoder().decode(secret.asText());
      } catch (IllegalArgumentException url) {
        throw new IllegalArgumentException(where + ".secret is not base64");
      }
    }
    try {
      return SealingKey.of(id.asText(), bytes);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ": " + e.getMessage());
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  private SealingKeys keys() {
    Parsed last = ring;
    byte[] raw;
    try {
      raw = source.bytes(name);
    } catch (SecretUnavailableException e) {
      LOG.warn("Sealing key ring {} could not be read ({}); keeping the last keys", name, e.problem());
      return last.keys;
    }
    if (Arrays.equals(raw, last.raw)) {
      return last.keys;
    }
    try {
      Parsed next = new Parsed(raw, parse(raw));
      ring = next;
      return next.keys;
    } catch (IllegalArgumentException e) {
      LOG.warn("Sealing key ring {} changed into an invalid ring ({}); keeping the last keys", name, e.getMessage());
      return last.keys;
    }
  }

  @Override
  public SealingKey current() {
    return keys().current();
  }

  @Override
  public Optional<SealingKey> find(String keyId) {
    return keys().find(keyId);
  }

  @Override
  public String toString() {
    return "SecretKeyRing[" + name + "]";
  }
}
