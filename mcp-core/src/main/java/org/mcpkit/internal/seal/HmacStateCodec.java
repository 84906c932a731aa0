package org.mcpkit.internal.seal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.mcpkit.server.RequestStateCodec;
import org.mcpkit.server.SealingKey;
import org.mcpkit.server.SealingKeys;

/**
 * HMAC-SHA256 sealing, behind {@link RequestStateCodec#hmacSha256}: {@code
 * h1.<keyId>.<payload>.<mac>}. Immutable and thread-safe (its key ring is thread-safe).
 */
public final class HmacStateCodec implements RequestStateCodec {
  private final SealingKeys keys;
  private final Function<SealingKey, byte[]> secrets;

  /**
   * Creates a codec.
   *
   * @param keys the key ring
   * @param secrets gives a copy of a key's secret (the accessor is not public API)
   */
  public HmacStateCodec(SealingKeys keys, Function<SealingKey, byte[]> secrets) {
    this.keys = Objects.requireNonNull(keys, "keys");
    this.secrets = Objects.requireNonNull(secrets, "secrets");
  }

  @Override
  public String seal(byte[] payload) {
    SealingKey key = keys.current();
    String head = "h1." + key.keyId() + "." + StateCodecSupport.ENC.encodeToString(payload);
    byte[] mac = StateCodecSupport.hmac(StateCodecSupport.derive(secrets.apply(key), "mcpkit-hmac-v1"), head.getBytes(StandardCharsets.US_ASCII));
    return head + "." + StateCodecSupport.ENC.encodeToString(mac);
  }

  @Override
  public Optional<byte[]> open(String sealed) {
    if (sealed == null || sealed.length() > RequestStateCodec.MAX_TOKEN_CHARS) {
      return Optional.empty();
    }
    String[] parts = sealed.split("\\.", -1);
    if (parts.length != 4 || !"h1".equals(parts[0])) {
      return Optional.empty();
    }
    Optional<SealingKey> key = keys.find(parts[1]);
    Optional<byte[]> payload = StateCodecSupport.decode(parts[2]);
    Optional<byte[]> mac = StateCodecSupport.decode(parts[3]);
    if (key.isEmpty() || payload.isEmpty() || mac.isEmpty()) {
      return Optional.empty();
    }
    String head = parts[0] + "." + parts[1] + "." + parts[2];
    byte[] expected =
        StateCodecSupport.hmac(StateCodecSupport.derive(secrets.apply(key.get()), "mcpkit-hmac-v1"), head.getBytes(StandardCharsets.US_ASCII));
    // Re-encoding guards against non-canonical base64 that decodes to the same bytes.
    if (!MessageDigest.isEqual(expected, mac.get())
        || !StateCodecSupport.ENC.encodeToString(payload.get()).equals(parts[2])
        || !StateCodecSupport.ENC.encodeToString(mac.get()).equals(parts[3])) {
      return Optional.empty();
    }
    return payload;
  }
}
