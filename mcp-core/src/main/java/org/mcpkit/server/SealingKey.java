package org.mcpkit.server;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A secret used to seal {@code requestState}, with an id that travels in every sealed token so a
 * key ring can find it again. Immutable; {@link #toString()} never shows the secret.
 */
public final class SealingKey {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String keyId;
  private final byte[] secret;

  private SealingKey(String keyId, byte[] secret) {
    this.keyId = keyId;
    this.secret = secret;
  }

  /**
   * A key with the given id and secret (at least 32 bytes; copied).
   *
   * @throws IllegalArgumentException for a short secret or an id outside {@code [A-Za-z0-9_-]{1,32}}
   */
  public static SealingKey of(String keyId, byte[] secret) {
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(secret, "secret");
    if (!ID.matcher(keyId).matches()) {
      throw new IllegalArgumentException("keyId must match [A-Za-z0-9_-]{1,32}");
    }
    if (secret.length < 32) {
      throw new IllegalArgumentException("secret must be at least 32 bytes");
    }
    return new SealingKey(keyId, secret.clone());
  }

  /** A fresh random 256-bit key with a random id. */
  public static SealingKey random() {
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    byte[] id = new byte[6];
    RANDOM.nextBytes(id);
    return new SealingKey(Base64.getUrlEncoder().withoutPadding().encodeToString(id), secret);
  }

  /** The key id written into sealed tokens. */
  public String keyId() {
    return keyId;
  }

  /** A copy of the secret, for codecs in this SDK. */
  byte[] secret() {
    return secret.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SealingKey k && k.keyId.equals(keyId) && Arrays.equals(k.secret, secret);
  }

  @Override
  public int hashCode() {
    return keyId.hashCode();
  }

  @Override
  public String toString() {
    return "SealingKey[" + keyId + "]";
  }
}
