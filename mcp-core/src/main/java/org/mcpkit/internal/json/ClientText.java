package org.mcpkit.internal.json;

/**
 * Client input as it may appear in an error message or a log line: at most {@link #MAX_CHARS}
 * characters of it, control and other unprintable characters replaced by {@code ?}, and {@code …}
 * when it was cut. A 1 MB method name is answered with a short "Method not found: …" and logged as
 * one short line. Used for every name, URI, path, header or id a client chose.
 */
public final class ClientText {
  /** Most characters of client input repeated anywhere. */
  public static final int MAX_CHARS = 128;

  private ClientText() {}

  /** The sanitized prefix of {@code text} ({@code "null"} for null). */
  public static String of(Object text) {
    String s = String.valueOf(text);
    int end = Math.min(s.length(), MAX_CHARS);
    if (end < s.length() && Character.isHighSurrogate(s.charAt(end - 1))) {
      end--; // never cut a surrogate pair in half
    }
    StringBuilder out = null;
    for (int i = 0; i < end; i++) {
      char c = s.charAt(i);
      boolean printable = !Character.isISOControl(c) && Character.getType(c) != Character.UNASSIGNED
          && Character.getType(c) != Character.FORMAT && !(Character.isSurrogate(c) && !pairAt(s, i));
      if (!printable && out == null) {
        out = new StringBuilder(end + 1).append(s, 0, i);
      }
      if (out != null) {
        out.append(printable ? c : '?');
      }
    }
    if (out == null && end == s.length()) {
      return s;
    }
    if (out == null) {
      out = new StringBuilder(end + 1).append(s, 0, end);
    }
    return end < s.length() ? out.append('\u2026').toString() : out.toString();
  }

  private static boolean pairAt(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    }
    return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
  }
}
