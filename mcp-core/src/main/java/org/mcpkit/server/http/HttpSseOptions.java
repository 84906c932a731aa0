package org.mcpkit.server.http;

import java.util.Objects;

/**
 * Where the deprecated HTTP+SSE transport (protocol revision 2024-11-05) is served, for old clients
 * that predate Streamable HTTP. A client opens a GET stream at {@code ssePath}; its first event,
 * {@code endpoint}, names {@code messagePath?sessionId=...}, where the client POSTs every message
 * (answered {@code 202}); everything the server sends travels as {@code message} events on the
 * stream. Closing the stream ends the session.
 *
 * <p>Both are request paths exactly as clients send them, including a servlet context path, and
 * must differ from each other and from the Streamable HTTP path; the transport must route both to
 * the same {@link McpHttpEndpoint}. The message path is announced as is (an absolute-path
 * reference), so a proxy in front must not rewrite it.
 *
 * @param ssePath the path of the GET stream, e.g. {@code /sse}
 * @param messagePath the path clients POST messages to, e.g. {@code /message}
 */
public record HttpSseOptions(String ssePath, String messagePath) {
  /** Validates the paths. */
  public HttpSseOptions {
    check(Objects.requireNonNull(ssePath, "ssePath"), "ssePath");
    check(Objects.requireNonNull(messagePath, "messagePath"), "messagePath");
    if (ssePath.equals(messagePath)) {
      throw new IllegalArgumentException("ssePath and messagePath must differ");
    }
  }

  /** The HTTP+SSE transport at the given paths. */
  public static HttpSseOptions at(String ssePath, String messagePath) {
    return new HttpSseOptions(ssePath, messagePath);
  }

  private static void check(String path, String name) {
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException(name + " must start with /");
    }
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c <= 0x20 || c >= 0x7f || c == '?' || c == '#' || c == '"') {
        throw new IllegalArgumentException(name + " must be a plain path without query or fragment");
      }
    }
  }
}
