package org.mcpkit.internal.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.mcpkit.internal.dispatch.SessionState;
import org.mcpkit.internal.json.Json;
import org.mcpkit.server.http.SessionRecord;

/** Reads the engine's state out of a stored session record (tests). */
final class Records {
  private Records() {}

  static SessionState state(SessionRecord record) {
    try {
      return Json.mapper().readValue(record.state(), SessionState.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
