package org.mcpkit.transport.spi;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP request/response as the core sees it. A transport adapter maps its container's request
 * onto this and never decides a status code itself.
 *
 * <p>The core calls {@link #readBody} at most once and {@link #respond} exactly once, from any
 * thread. Implementations must not block the calling thread on network I/O.
 */
public interface HttpExchange {
  /** The request method, upper case. */
  String method();

  /**
   * The request path as the client sent it (including any servlet context path, without the
   * query string). Used for logging and to route the HTTP+SSE paths.
   */
  String path();

  /**
   * The raw query string (after {@code ?}, still percent-encoded), if the request has a non-empty
   * one. The HTTP+SSE message endpoint reads its {@code sessionId} from it, so a transport that
   * keeps this default cannot serve that transport's POSTs (they get 400).
   */
  default Optional<String> query() {
    return Optional.empty();
  }

  /** Every value of a request header (name matched case-insensitively), in arrival order. */
  List<String> headers(String name);

  /** The first value of a request header. */
  default Optional<String> header(String name) {
    List<String> values = headers(name);
    return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** The principal the container authenticated for this request, if any. */
  default Optional<java.security.Principal> principal() {
    return Optional.empty();
  }

  /**
   * Reads the whole request body without blocking the caller. Calls exactly one callback method,
   * on any thread; {@link BodyCallback#tooLarge()} as soon as more than {@code maxBytes} arrived.
   */
  void readBody(int maxBytes, BodyCallback callback);

  /**
   * Commits the status and headers and returns the channel for the body. The headers map holds
   * one value per name.
   */
  ResponseChannel respond(int status, Map<String, String> headers);

  /** Receives a request body. */
  interface BodyCallback {
    /** The whole body. */
    void body(byte[] body);

    /** The body exceeded the limit; no more will be read. */
    void tooLarge();

    /** Reading failed (the client went away). */
    void failed(Throwable error);
  }
}
