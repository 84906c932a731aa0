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

/** AES-256-GCM sealing. */
final class GcmStateCodec implements RequestStateCodec {
  private static final int NONCE = 12;
  private final SealingKeys keys;

  GcmStateCodec(SealingKeys keys) {
    this.keys = keys;
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
          new SecretKeySpec(StateCodecSupport.derive(key, "mcpkit-aes-gcm-v1"), "AES"),
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
          new SecretKeySpec(StateCodecSupport.derive(key.get(), "mcpkit-aes-gcm-v1"), "AES"),
          new GCMParameterSpec(128, Arrays.copyOfRange(b, 0, NONCE)));
      c.updateAAD((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      return Optional.of(c.doFinal(b, NONCE, b.length - NONCE));
    } catch (GeneralSecurityException e) {
      return Optional.empty();
    }
  }
}
