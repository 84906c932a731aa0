package org.mcpkit.internal.seal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.mcpkit.server.RequestStateCodec;
import org.mcpkit.server.SealingKey;
import org.mcpkit.server.SealingKeys;

/**
 * AES-256-GCM sealing, behind {@link RequestStateCodec#aesGcm}: {@code
 * g1.<keyId>.<nonce||ciphertext||tag>}. Immutable and thread-safe (its key ring is thread-safe).
 */
public final class GcmStateCodec implements RequestStateCodec {
  private static final int NONCE = 12;
  private final SealingKeys keys;
  private final Function<SealingKey, byte[]> secrets;

  /**
   * Creates a codec.
   *
   * @param keys the key ring
   * @param secrets gives a copy of a key's secret (the accessor is not public API)
   */
  public GcmStateCodec(SealingKeys keys, Function<SealingKey, byte[]> secrets) {
    this.keys = Objects.requireNonNull(keys, "keys");
    this.secrets = Objects.requireNonNull(secrets, "secrets");
  }

  @Override
  public String seal(byte[] payload) {
    SealingKey key = keys.current();
    String head = "g1." + key.keyId();
    byte[] nonce = new byte[NONCE];
    StateCodecSupport.RANDOM.nextBytes(nonce);
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(
          Cipher.ENCRYPT_MODE,
          new SecretKeySpec(StateCodecSupport.derive(secrets.apply(key), "mcpkit-aes-gcm-v1"), "AES"),
          new GCMParameterSpec(128, nonce));
      c.updateAAD(head.getBytes(StandardCharsets.US_ASCII));
      byte[] ct = c.doFinal(payload);
      byte[] out = new byte[NONCE + ct.length];
      System.arraycopy(nonce, 0, out, 0, NONCE);
      System.arraycopy(ct, 0, out, NONCE, ct.length);
      return head + "." + StateCodecSupport.ENC.encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/GCM unavailable", e);
    }
  }

  @Override
  public Optional<byte[]> open(String sealed) {
    if (sealed == null || sealed.length() > RequestStateCodec.MAX_TOKEN_CHARS) {
      return Optional.empty();
    }
    String[] parts = sealed.split("\\.", -1);
    if (parts.length != 3 || !"g1".equals(parts[0])) {
      return Optional.empty();
    }
    Optional<SealingKey> key = keys.find(parts[1]);
    Optional<byte[]> body = StateCodecSupport.decode(parts[2]);
    if (key.isEmpty() || body.isEmpty() || body.get().length < NONCE + 16
        || !StateCodecSupport.ENC.encodeToString(body.get()).equals(parts[2])) {
      return Optional.empty();
    }
    byte[] b = body.get();
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(
          Cipher.DECRYPT_MODE,
          new SecretKeySpec(StateCodecSupport.derive(secrets.apply(key.get()), "mcpkit-aes-gcm-v1"), "AES"),
          new GCMParameterSpec(128, Arrays.copyOfRange(b, 0, NONCE)));
      c.updateAAD((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      return Optional.of(c.doFinal(b, NONCE, b.length - NONCE));
    } catch (GeneralSecurityException e) {
      return Optional.empty();
    }
  }
}
