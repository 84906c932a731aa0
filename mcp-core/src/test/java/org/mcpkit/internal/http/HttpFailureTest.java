package org.mcpkit.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.mcpkit.jsonrpc.JsonRpcError;

/** The one table of HTTP refusals, entry by entry, and that no other file of the engine picks an error status. */
class HttpFailureTest {
  private static String row(HttpFailure f) {
    JsonRpcError e = f.error(4096);
    return f.status() + " " + e.code() + " " + e.message();
  }

  @Test
  void everyEntryHasItsStatusCodeAndMessage() {
    Map<HttpFailure, String> expected = new LinkedHashMap<>();
    expected.put(HttpFailure.ORIGIN_NOT_ALLOWED, "403 -32600 Forbidden: Origin not allowed");
    expected.put(HttpFailure.HOST_NOT_ALLOWED, "403 -32600 Forbidden: Host not allowed");
    expected.put(HttpFailure.SHUTTING_DOWN, "503 -32603 Server is shutting down");
    expected.put(HttpFailure.METHOD_NOT_ALLOWED, "405 -32600 Method not allowed");
    expected.put(HttpFailure.NOT_ACCEPTABLE,
        "406 -32600 Not acceptable: Accept must include application/json and text/event-stream");
    expected.put(HttpFailure.STREAM_NOT_ACCEPTABLE, "406 -32600 Not acceptable: Accept must include text/event-stream");
    expected.put(HttpFailure.UNSUPPORTED_MEDIA_TYPE,
        "415 -32600 Unsupported media type: Content-Type must be application/json");
    expected.put(HttpFailure.INVALID_CONTENT_LENGTH, "400 -32600 Bad request: invalid Content-Length");
    expected.put(HttpFailure.MALFORMED_BODY, "400 -32600 Bad request: malformed request body");
    expected.put(HttpFailure.PAYLOAD_TOO_LARGE, "413 -32600 Payload too large: the limit is 4096 bytes");
    expected.put(HttpFailure.RESPONSE_NOT_EXPECTED,
        "400 -32600 Invalid request: clients do not send responses in this protocol version");
    expected.put(HttpFailure.PROTOCOL_VERSION_HEADER_REQUIRED,
        "400 -32020 Header mismatch: MCP-Protocol-Version header is required");
    expected.put(HttpFailure.PROTOCOL_VERSION_MISMATCH,
        "400 -32020 Header mismatch: MCP-Protocol-Version does not match _meta");
    expected.put(HttpFailure.SESSION_ID_REQUIRED, "400 -32600 Bad request: Mcp-Session-Id header is required");
    expected.put(HttpFailure.UNSUPPORTED_PROTOCOL_VERSION, "400 -32600 Bad request: unsupported MCP-Protocol-Version");
    expected.put(HttpFailure.SESSION_NOT_FOUND, "404 -32600 Session not found");
    expected.put(HttpFailure.STORE_UNAVAILABLE, "503 -32603 Service unavailable: shared session state is unreachable, retry later");
    expected.put(HttpFailure.TOO_MANY_SESSIONS, "503 -32603 Too many sessions, retry later");
    expected.put(HttpFailure.BATCH_NOT_SUPPORTED, "400 -32600 Invalid request: batches are not supported");
    expected.put(HttpFailure.EMPTY_BATCH, "400 -32600 Invalid request: empty batch");
    expected.put(HttpFailure.STREAM_CONFLICT, "409 -32600 Conflict: this session already has an open GET stream");
    expected.put(HttpFailure.UNKNOWN_LAST_EVENT_ID, "400 -32600 Bad request: unknown Last-Event-ID");
    expected.put(HttpFailure.SESSION_ID_QUERY_REQUIRED, "400 -32600 Bad request: sessionId query parameter is required");
    expected.put(HttpFailure.UNAUTHORIZED, "401 -32600 Unauthorized");
    expected.put(HttpFailure.INSUFFICIENT_SCOPE, "403 -32600 Forbidden: insufficient scope");
    expected.put(HttpFailure.INTERNAL, "500 -32603 Internal error");
    Map<HttpFailure, String> actual = new LinkedHashMap<>();
    for (HttpFailure f : HttpFailure.values()) {
      if (f != HttpFailure.MALFORMED_MESSAGE && f != HttpFailure.HEADER_MISMATCH && f != HttpFailure.NOT_ADMITTED) {
        actual.put(f, row(f));
      }
    }
    assertEquals(expected, actual);
  }

  @Test
  void entriesWithoutAMessageTakeTheErrorOfWhatRefused() {
    assertEquals(400, HttpFailure.MALFORMED_MESSAGE.status(JsonRpcError.of(-32700, "Parse error")));
    assertEquals(400, HttpFailure.HEADER_MISMATCH.status(JsonRpcError.of(-32020, "Header mismatch: Mcp-Name")));
    assertEquals(404, HttpFailure.NOT_ADMITTED.status(JsonRpcError.of(-32601, "Method not found: x")));
    assertEquals(400, HttpFailure.NOT_ADMITTED.status(JsonRpcError.of(-32602, "Invalid params")));
    assertEquals(400, HttpFailure.NOT_ADMITTED.status(JsonRpcError.of(-32022, "Unsupported protocol version")));
    assertEquals(400, HttpFailure.NOT_ADMITTED.status(JsonRpcError.of(-32021, "Missing required client capability")));
    assertThrows(IllegalStateException.class, HttpFailure.NOT_ADMITTED::error);
  }

  @Test
  void noOtherFileOfTheEngineChoosesAnErrorStatus() throws IOException {
    Pattern comments = Pattern.compile("/\\*.*?\\*/|//[^\\n]*|\"(?:\\\\.|[^\"\\\\])*\"", Pattern.DOTALL);
    Pattern errorStatus = Pattern.compile("\\b[45]\\d\\d\\b");
    Map<String, String> found = new TreeMap<>();
    try (Stream<Path> files = Files.list(Path.of("src/main/java/org/mcpkit/internal/http"))) {
      for (Path file : files.toList()) {
        if (file.getFileName().toString().equals("HttpFailure.java")) {
          continue;
        }
        Matcher m = errorStatus.matcher(comments.matcher(Files.readString(file)).replaceAll(""));
        if (m.find()) {
          found.put(file.getFileName().toString(), m.group());
        }
      }
    }
    assertEquals(Map.of(), found);
  }
}
