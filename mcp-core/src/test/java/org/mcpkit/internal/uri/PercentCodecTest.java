package org.mcpkit.internal.uri;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class PercentCodecTest {

  @Test
  void encodeKeepsOnlyUnreservedByDefault() {
    assertEquals("a-._~Z9", PercentCodec.encode("a-._~Z9", false));
    assertEquals("%2F%3F%23%25%20", PercentCodec.encode("/?#% ", false));
    assertEquals("%C3%A9%F0%9F%98%80", PercentCodec.encode("\u00e9\uD83D\uDE00", false));
  }

  @Test
  void encodeWithReservedKeepsReservedAndTriplets() {
    assertEquals("/?#[]@!$&'()*+,;=", PercentCodec.encode("/?#[]@!$&'()*+,;=", true));
    assertEquals("%2F%25", PercentCodec.encode("%2F%", true));
    assertEquals("%25zz", PercentCodec.encode("%zz", true));
  }

  @Test
  void encodeLiteralTouchesOnlyNonAscii() {
    StringBuilder out = new StringBuilder("x");
    PercentCodec.encodeLiteral("/caf\u00e9?%41", out);
    assertEquals("x/caf%C3%A9?%41", out.toString());
  }

  @Test
  void decode() {
    assertEquals(Optional.of("plain+text"), PercentCodec.decode("plain+text"));
    assertEquals(Optional.of("a b\u00e9"), PercentCodec.decode("a%20b%C3%A9"));
    assertEquals(Optional.of("\u00e9/"), PercentCodec.decode("\u00e9%2f"));
  }

  @Test
  void decodeRejectsMalformedTripletsAndBadUtf8() {
    assertEquals(Optional.empty(), PercentCodec.decode("%"));
    assertEquals(Optional.empty(), PercentCodec.decode("a%2"));
    assertEquals(Optional.empty(), PercentCodec.decode("%zz"));
    assertEquals(Optional.empty(), PercentCodec.decode("%C3"));
    assertEquals(Optional.empty(), PercentCodec.decode("%FF"));
  }
}
