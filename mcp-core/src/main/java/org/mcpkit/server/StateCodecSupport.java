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

/** Shared helpers of the state codecs. */
final class StateCodecSupport {
  static final Base64.Encoder ENC = Base64.getUrlEncoder().withoutPadding();
  static final Base64.Decoder DEC = Base64.getUrlDecoder();
  static final SecureRandom RANDOM = new SecureRandom();

  private StateCodecSupport() {}

  static byte[] hmac(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  static byte[] derive(SealingKey key, String label) {
    return hmac(key.secret(), label.getBytes(StandardCharsets.US_ASCII));
  }

  static Optional<byte[]> decode(String s) {
    try {
      return Optional.of(DEC.decode(s));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
