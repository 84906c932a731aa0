package org.mcpkit.internal.uri;

/** Character classes of RFC 3986 and RFC 6570 (ASCII only). Stateless. */
final class UriChars {
  private UriChars() {}

  static boolean isAlpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static boolean isHex(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  static boolean isUnreserved(char c) {
    return isAlpha(c) || isDigit(c) || c == '-' || c == '.' || c == '_' || c == '~';
  }

  static boolean isReserved(char c) {
    return ":/?#[]@!$&'()*+,;=".indexOf(c) >= 0;
  }

  /** Whether {@code s} holds a percent-encoded triplet ({@code %XX}) at {@code i}. */
  static boolean isTriplet(String s, int i) {
    return i + 2 < s.length()
        && s.charAt(i) == '%'
        && isHex(s.charAt(i + 1))
        && isHex(s.charAt(i + 2));
  }
}
