package org.mcpkit.internal.http;

import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ids of resumable 2025-era SSE streams: {@code <sessionId>~<128 random bits, base64url>}. Random,
 * not counted, so instances sharing an {@link org.mcpkit.server.http.EventStore} (or one instance
 * after a restart with a persistent store) never mint the same stream id for two streams of a
 * session. Contains no {@code '.'}: event ids append {@code .seq}.
 */
final class StreamIds {
  private StreamIds() {}

  /** A fresh stream id of the session. */
  static String next(String sessionId) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    return sessionId + "~" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Whether {@code streamId} is a stream of the session. */
  static boolean belongsTo(String streamId, String sessionId) {
    return streamId.startsWith(sessionId + "~");
  }
}
