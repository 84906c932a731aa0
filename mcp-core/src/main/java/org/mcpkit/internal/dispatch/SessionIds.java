package org.mcpkit.internal.dispatch;

import java.security.SecureRandom;
import java.util.Base64;

/** Session ids: 160 random bits from a CSPRNG, base64url (visible ASCII only). */
public final class SessionIds {
  private static final SecureRandom RANDOM = new SecureRandom();

  private SessionIds() {}

  /** A fresh id. */
  public static String next() {
    byte[] bytes = new byte[20];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
