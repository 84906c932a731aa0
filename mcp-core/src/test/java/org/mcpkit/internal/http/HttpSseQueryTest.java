package org.mcpkit.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mcpkit.testing.FakeHttpExchange;

/** How the HTTP+SSE message endpoint finds {@code sessionId} in the query string. */
class HttpSseQueryTest {
  private static Optional<String> sessionId(String pathAndQuery) {
    return HttpSse.queryParameter(new FakeHttpExchange("POST", pathAndQuery, Map.of(), new byte[0]).query(), "sessionId");
  }

  @Test
  void findsDecodesAndRejects() {
    assertEquals(Optional.of("abc"), sessionId("/message?sessionId=abc"));
    assertEquals(Optional.of("a b+c"), sessionId("/message?x=1&sessionId=a%20b%2Bc&sessionId=second"));
    assertEquals(Optional.empty(), sessionId("/message"));
    assertEquals(Optional.empty(), sessionId("/message?"));
    assertEquals(Optional.empty(), sessionId("/message?sessionid=abc"), "names are case-sensitive");
    assertEquals(Optional.empty(), sessionId("/message?sessionId"));
    assertEquals(Optional.empty(), sessionId("/message?sessionId=%zz"), "malformed escapes are no id");
  }
}
