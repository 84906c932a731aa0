package org.mcpkit.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Content negotiation over exact Accept values, including the parse cache's bound. */
class AcceptHeaderTest {
  private static boolean json(String... headers) {
    return AcceptHeader.accepts(List.of(headers), AcceptHeader.JSON);
  }

  private static boolean sse(String... headers) {
    return AcceptHeader.accepts(List.of(headers), AcceptHeader.SSE);
  }

  @Test
  void typesWildcardsAndQValues() {
    assertEquals(true, json("application/json, text/event-stream"));
    assertEquals(true, sse("application/json, text/event-stream"));
    assertEquals(true, json("*/*"));
    assertEquals(true, json("application/*"));
    assertEquals(false, json("text/*"));
    assertEquals(true, sse("text/*"));
    assertEquals(false, json("applicationx/*"), "a major type that only starts the same is no match");
    assertEquals(false, json("application/json;q=0, text/event-stream"));
    assertEquals(false, json("application/json;q=zero"), "an unreadable q-value counts as 0");
    assertEquals(true, json("TEXT/EVENT-STREAM", "Application/JSON"), "two headers, any case");
  }

  @Test
  void ssePreferenceFollowsQValuesThenOrder() {
    assertEquals(false, AcceptHeader.prefersSse(List.of("application/json, text/event-stream")));
    assertEquals(true, AcceptHeader.prefersSse(List.of("text/event-stream, application/json")));
    assertEquals(true, AcceptHeader.prefersSse(List.of("application/json;q=0.5, text/event-stream")));
    assertEquals(false, AcceptHeader.prefersSse(List.of("text/event-stream;q=0, application/json")));
    assertEquals(true, AcceptHeader.prefersSse(List.of("text/event-stream")));
  }

  @Test
  void valuesPastTheCacheBoundAreStillAnsweredExactly() {
    // far more distinct values than are kept: each is parsed on its own and answered right
    for (int i = 0; i < 500; i++) {
      String refusesJson = "application/json;q=0, text/event-stream;x=" + i;
      String acceptsJson = "application/json;q=0." + (i % 9 + 1) + ", text/plain;x=" + i;
      assertEquals(false, json(refusesJson), refusesJson);
      assertEquals(true, sse(refusesJson), refusesJson);
      assertEquals(true, json(acceptsJson), acceptsJson);
      assertEquals(false, sse(acceptsJson), acceptsJson);
    }
    String padded = "application/json, " + "x/y;p=1, ".repeat(100) + "text/event-stream";
    assertEquals(true, json(padded));
    assertEquals(true, sse(padded), "a long value is parsed, whether kept or not");
  }
}
