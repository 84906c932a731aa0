package org.mcpkit.internal.seal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Shared helpers of the state codecs. Stateless and thread-safe. */
public final class StateCodecSupport {
  /** Base64url without padding, the encoding of every token part. */
  public static final Base64.Encoder ENC = Base64.getUrlEncoder().withoutPadding();

  /** Base64url decoding (with or without padding). */
  public static final Base64.Decoder DEC = Base64.getUrlDecoder();

  /** Randomness for nonces. */
  public static final SecureRandom RANDOM = new SecureRandom();

  private StateCodecSupport() {}

  /** HMAC-SHA256 of {@code data} under {@code key}. */
  public static byte[] hmac(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  /** A sub-key for one purpose: HMAC-SHA256 of {@code label} under the key's secret. */
  public static byte[] derive(byte[] secret, String label) {
    return hmac(secret, label.getBytes(StandardCharsets.US_ASCII));
  }

  /** Decodes base64url; empty when {@code s} is not valid base64url. */
  public static Optional<byte[]> decode(String s) {
    try {
      return Optional.of(DEC.decode(s));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
