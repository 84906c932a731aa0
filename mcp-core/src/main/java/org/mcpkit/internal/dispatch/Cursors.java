package org.mcpkit.internal.dispatch;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.mcpkit.server.McpException;

/** Opaque pagination cursors: an offset, base64url-encoded behind a prefix. */
final class Cursors {
  private static final String PREFIX = "mcpkit:o:";

  private Cursors() {}

  static String encode(int offset) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((PREFIX + offset).getBytes(StandardCharsets.UTF_8));
  }

  /** Decodes a cursor; null means the first page. Throws -32602 for anything else. */
  static int decode(String cursor) {
    if (cursor == null || cursor.isEmpty()) {
      return 0;
    }
    try {
      String s = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (s.startsWith(PREFIX)) {
        int offset = Integer.parseInt(s.substring(PREFIX.length()));
        if (offset >= 0) {
          return offset;
        }
      }
    } catch (IllegalArgumentException e) {
      // fall through: NumberFormatException is an IllegalArgumentException too
    }
    throw McpException.invalidParams("Invalid params: invalid cursor");
  }
}
