package org.mcpkit.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RequestStateCodecTest {
  private static final byte[] PAYLOAD = "{\"m\":\"tools/call\"}".getBytes(StandardCharsets.UTF_8);

  private static SealingKey key(String id, int fill) {
    byte[] secret = new byte[32];
    Arrays.fill(secret, (byte) fill);
    return SealingKey.of(id, secret);
  }

  @Test
  void roundTripsBothCodecs() {
    SealingKeys keys = SealingKeys.of(key("k1", 1));
    String h = RequestStateCodec.hmacSha256(keys).seal(PAYLOAD);
    assertTrue(h.matches("h1\\.k1\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]{43}"), h);
    assertArrayEquals(PAYLOAD, RequestStateCodec.hmacSha256(keys).open(h).orElseThrow());
    String g = RequestStateCodec.aesGcm(keys).seal(PAYLOAD);
    assertTrue(g.matches("g1\\.k1\\.[A-Za-z0-9_-]+"), g);
    assertArrayEquals(PAYLOAD, RequestStateCodec.aesGcm(keys).open(g).orElseThrow());
  }

  @Test
  void tokensMatchTheDocumentedFormatsExactly() {
    // Computed outside the SDK (Python hmac / cryptography AESGCM) from the documented formats.
    SealingKeys keys = SealingKeys.of(key("k1", 1));
    assertEquals(
        "h1.k1.eyJtIjoidG9vbHMvY2FsbCJ9.1VH2JrE5lvo_CVKejp2nZUmeUX0iPzH2uOe59qzWLAY",
        RequestStateCodec.hmacSha256(keys).seal(PAYLOAD));
    assertArrayEquals(
        PAYLOAD,
        RequestStateCodec.aesGcm(keys)
            .open("g1.k1.AAECAwQFBgcICQoLmoYc6RzcSO--rWFgyo2fsAlAFNw_VWI7Uor8FoQqJQdhpQ")
            .orElseThrow());
  }

  @Test
  void everySingleCharacterChangeIsRejected() {
    SealingKeys keys = SealingKeys.of(key("k1", 1));
    for (RequestStateCodec codec : List.of(RequestStateCodec.hmacSha256(keys), RequestStateCodec.aesGcm(keys))) {
      String token = codec.seal(PAYLOAD);
      for (int i = 0; i < token.length(); i++) {
        char c = token.charAt(i);
        String changed = token.substring(0, i) + (c == 'A' ? 'B' : 'A') + token.substring(i + 1);
        assertEquals(Optional.empty(), codec.open(changed), "position " + i);
      }
      for (String bad : List.of("", "garbage", token + ".x", token.substring(0, token.length() - 1), token + "-TAMPERED", "h1.k1.!!!.!!!")) {
        assertEquals(Optional.empty(), codec.open(bad), bad);
      }
      assertEquals(Optional.empty(), codec.open("h1." + "a".repeat(70_000)));
    }
  }

  @Test
  void unknownOrDifferentKeysAreRejected() {
    String token = RequestStateCodec.hmacSha256(SealingKeys.of(key("k1", 1))).seal(PAYLOAD);
    assertEquals(Optional.empty(), RequestStateCodec.hmacSha256(SealingKeys.of(key("k2", 1))).open(token));
    assertEquals(Optional.empty(), RequestStateCodec.hmacSha256(SealingKeys.of(key("k1", 2))).open(token));
  }

  @Test
  void twoInstancesSharingKeysInteroperate() {
    SealingKey shared = key("shared", 7);
    String token = RequestStateCodec.aesGcm(SealingKeys.of(shared)).seal(PAYLOAD);
    assertArrayEquals(PAYLOAD, RequestStateCodec.aesGcm(SealingKeys.of(shared)).open(token).orElseThrow());
  }

  @Test
  void gcmHidesThePayloadAndUsesFreshNonces() {
    RequestStateCodec gcm = RequestStateCodec.aesGcm(SealingKeys.of(key("k1", 1)));
    String a = gcm.seal(PAYLOAD);
    String b = gcm.seal(PAYLOAD);
    assertNotEquals(a, b);
    assertFalse(new String(java.util.Base64.getUrlDecoder().decode(a.substring(6)), StandardCharsets.ISO_8859_1).contains("tools/call"));
  }

  @Test
  void rotationKeepsABoundedNumberOfOldKeys() {
    RotatingSealingKeys ring = SealingKeys.rotating(key("k1", 1), 1);
    RequestStateCodec codec = RequestStateCodec.hmacSha256(ring);
    String old = codec.seal(PAYLOAD);
    ring.rotate(key("k2", 2));
    assertTrue(codec.seal(PAYLOAD).startsWith("h1.k2."));
    assertArrayEquals(PAYLOAD, codec.open(old).orElseThrow());
    ring.rotate(key("k3", 3));
    assertEquals(Optional.empty(), codec.open(old));
  }

  @Test
  void keysValidateAndNeverPrintTheirSecret() {
    assertThrows(IllegalArgumentException.class, () -> SealingKey.of("k", new byte[16]));
    assertThrows(IllegalArgumentException.class, () -> SealingKey.of("bad id", new byte[32]));
    SealingKey k = key("visible", 0x41);
    assertEquals("SealingKey[visible]", k.toString());
  }
}
