package org.mcpkit.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/**
 * {@code BearerGuard.bearerToken}: the credentials of an {@code Authorization} value (already
 * trimmed) are exactly {@code Bearer}, spaces, a token68; anything else is malformed.
 */
class BearerTokenParsingTest {
  @Test
  void theSchemeInAnyCaseThenSpacesThenAToken68() {
    assertEquals("abc.DEF-_~+/9", BearerGuard.bearerToken("Bearer abc.DEF-_~+/9"));
    assertEquals("t", BearerGuard.bearerToken("bearer t"));
    assertEquals("t", BearerGuard.bearerToken("BEARER t"));
    assertEquals("t", BearerGuard.bearerToken("BeArEr    t"));
    assertEquals("dG9rZW4==", BearerGuard.bearerToken("Bearer dG9rZW4=="));
    String jwt = "eyJhbGciOiJSUzI1NiJ9." + "a".repeat(2000) + ".sig_-";
    assertEquals(jwt, BearerGuard.bearerToken("Bearer " + jwt));
  }

  @Test
  void everythingElseIsMalformed() {
    for (String bad : new String[] {
        "Bearer", "Bearer ", "Bearer  ", "Bearertoken", "Basic dXNlcjpwYXNz", "Bearer\ttoken",
        "Bearer a b", "Bearer Bearer x", "Bearer ==", "Bearer a=b", "Bearer a==b", "Bearer a,b",
        "Bearer t\u00e9", "Be\u0430rer token", "Bearer token\u0000", "xBearer token", "Bear token", ""}) {
      assertNull(BearerGuard.bearerToken(bad), bad);
    }
  }
}
