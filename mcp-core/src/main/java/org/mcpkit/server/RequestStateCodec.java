package org.mcpkit.server;

import java.util.Objects;
import java.util.Optional;
import org.mcpkit.internal.seal.GcmStateCodec;
import org.mcpkit.internal.seal.HmacStateCodec;

/**
 * Seals the opaque {@code requestState} a server hands to clients in input-required results, and
 * opens it again when the client echoes it. The state is attacker-controlled: {@link #open} returns
 * empty for anything that fails verification. Implementations are thread-safe.
 */
public interface RequestStateCodec {
  /** Seals a payload into a token. */
  String seal(byte[] payload);

  /** Opens a token; empty if it was altered, truncated, malformed, oversized or its key is gone. */
  Optional<byte[]> open(String sealed);

  /**
   * Integrity only: {@code h1.<keyId>.<payload>.<mac>}, base64url, HMAC-SHA256. The payload is
   * readable by the client.
   */
  static RequestStateCodec hmacSha256(SealingKeys keys) {
    return new HmacStateCodec(Objects.requireNonNull(keys, "keys"), SealingKey::secret);
  }

  /**
   * Confidentiality and integrity: {@code g1.<keyId>.<nonce||ciphertext||tag>}, AES-256-GCM with the
   * header as associated data.
   */
  static RequestStateCodec aesGcm(SealingKeys keys) {
    return new GcmStateCodec(Objects.requireNonNull(keys, "keys"), SealingKey::secret);
  }

  /** Largest token accepted by {@link #open}. */
  int MAX_TOKEN_CHARS = 64 * 1024;
}
