package org.mcpkit.server;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 sealing. */
final class HmacStateCodec implements RequestStateCodec {
  private final SealingKeys keys;

  HmacStateCodec(SealingKeys keys) {
    this.keys = keys;
  }

  @Override
  public String seal(byte[] payload) {
    SealingKey key = keys.current();
    String head = "h1." + key.keyId() + "." + StateCodecSupport.ENC.encodeToString(payload);
    byte[] mac = StateCodecSupport.hmac(StateCodecSupport.derive(key, "mcpkit-hmac-v1"), head.getBytes(StandardCharsets.US_ASCII));
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
        StateCodecSupport.hmac(StateCodecSupport.derive(key.get(), "mcpkit-hmac-v1"), head.getBytes(StandardCharsets.US_ASCII));
    // Re-encoding guards against non-canonical base64 that decodes to the same bytes.
    if (!MessageDigest.isEqual(expected, mac.get())
        || !StateCodecSupport.ENC.encodeToString(payload.get()).equals(parts[2])
        || !StateCodecSupport.ENC.encodeToString(mac.get()).equals(parts[3])) {
      return Optional.empty();
    }
    return payload;
  }
}
