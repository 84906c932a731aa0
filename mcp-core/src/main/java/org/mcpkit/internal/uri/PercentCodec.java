package org.mcpkit.internal.uri;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Percent-encoding of expanded values and literals, and percent-decoding of matched values, all
 * as UTF-8 ({@code +} is never a space). Stateless and thread-safe.
 */
public final class PercentCodec {
  private static final String HEX = "0123456789ABCDEF";

  private PercentCodec() {}

  /**
   * Encodes a variable value: unreserved characters are kept, everything else is
   * percent-encoded, except that with {@code allowReserved} reserved characters and existing
   * percent-encoded triplets are kept too.
   *
   * @param s the value
   * @param allowReserved whether the operator is {@code +} or {@code #}
   * @return the encoded value
   */
  public static String encode(String s, boolean allowReserved) {
    StringBuilder out = new StringBuilder(s.length() + 8);
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (UriChars.isUnreserved(c)) {
        out.append(c);
        i++;
      } else if (allowReserved && UriChars.isReserved(c)) {
        out.append(c);
        i++;
      } else if (allowReserved && UriChars.isTriplet(s, i)) {
        out.append(s, i, i + 3);
        i += 3;
      } else {
        int count = Character.charCount(s.codePointAt(i));
        percentEncode(s.substring(i, i + count), out);
        i += count;
      }
    }
    return out.toString();
  }

  /**
   * Appends a template literal, percent-encoding only its non-ASCII characters (the parser has
   * already rejected the ASCII characters a literal may not hold).
   *
   * @param literal the literal text
   * @param out where to append
   */
  public static void encodeLiteral(String literal, StringBuilder out) {
    for (int i = 0; i < literal.length(); ) {
      char c = literal.charAt(i);
      if (c < 0x80) {
        out.append(c);
        i++;
      } else {
        int count = Character.charCount(literal.codePointAt(i));
        percentEncode(literal.substring(i, i + count), out);
        i += count;
      }
    }
  }

  /**
   * Decodes percent-encoded triplets as UTF-8.
   *
   * @param raw the text as found in a URI
   * @return the decoded text, or empty if a triplet is malformed or the bytes are not UTF-8
   */
  public static Optional<String> decode(String raw) {
    if (raw.indexOf('%') < 0) {
      return Optional.of(raw);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
    int i = 0;
    while (i < raw.length()) {
      char c = raw.charAt(i);
      if (c == '%') {
        if (!UriChars.isTriplet(raw, i)) {
          return Optional.empty();
        }
        bytes.write(Integer.parseInt(raw.substring(i + 1, i + 3), 16));
        i += 3;
      } else {
        int count = Character.charCount(raw.codePointAt(i));
        byte[] encoded = raw.substring(i, i + count).getBytes(StandardCharsets.UTF_8);
        bytes.write(encoded, 0, encoded.length);
        i += count;
      }
    }
    try {
      return Optional.of(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes.toByteArray()))
              .toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  private static void percentEncode(String text, StringBuilder out) {
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      out.append('%').append(HEX.charAt((b >> 4) & 0xF)).append(HEX.charAt(b & 0xF));
    }
  }
}
