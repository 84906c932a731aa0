package org.mcpkit.server.vault;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** AES-256-GCM with a random 96-bit nonce: {@code nonce || ciphertext || tag}. */
final class Gcm {
  static final int NONCE = 12;
  private static final SecureRandom RANDOM = new SecureRandom();

  private Gcm() {}

  static byte[] seal(byte[] key, byte[] plaintext, byte[] aad) {
    byte[] nonce = new byte[NONCE];
    RANDOM.nextBytes(nonce);
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
      c.updateAAD(aad);
      byte[] sealed = c.doFinal(plaintext);
      byte[] out = Arrays.copyOf(nonce, NONCE + sealed.length);
      System.arraycopy(sealed, 0, out, NONCE, sealed.length);
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM unavailable", e);
    }
  }

  /** The plaintext; {@link IllegalArgumentException} when the key, the data or the associated data do not match. */
  static byte[] open(byte[] key, byte[] sealed, byte[] aad) {
    if (sealed.length < NONCE + 16) {
      throw new IllegalArgumentException("too short");
    }
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, sealed, 0, NONCE));
      c.updateAAD(aad);
      return c.doFinal(sealed, NONCE, sealed.length - NONCE);
    } catch (javax.crypto.AEADBadTagException e) {
      throw new IllegalArgumentException("does not verify");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM unavailable", e);
    }
  }

  static byte[] randomKey() {
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    return key;
  }
}
