package org.mcpkit.redis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/** Reads the one message of a POST's answer, sent as JSON or (a slow call, past {@code streamAfter}) as SSE. */
final class PostAnswer {
  private static final ObjectMapper M = new ObjectMapper();

  private PostAnswer() {}

  static JsonNode message(String body) throws IOException {
    if (body.startsWith("{")) {
      return M.readTree(body);
    }
    String last = null;
    for (String line : body.split("\n")) {
      if (line.startsWith("data:") && line.length() > 5) {
        last = line.substring(5).trim();
      }
    }
    if (last == null) {
      throw new AssertionError("no message in the answer: " + body);
    }
    return M.readTree(last);
  }
}
