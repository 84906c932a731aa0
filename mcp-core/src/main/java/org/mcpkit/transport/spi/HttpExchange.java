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
   * Starts reading the request body without blocking the caller. The transport passes the body's
   * bytes to {@code receiver} in arrival order, on any thread (an I/O thread too), then calls
   * {@link BodyReceiver#end()} or {@link BodyReceiver#failed}; when {@link BodyReceiver#data}
   * returns false it stops reading and calls nothing more. The core calls this at most once, and
   * decides everything about the body itself: its limit (chunked bodies included), and how much of
   * an unread body to read and drop after an early answer.
   */
  void readBody(BodyReceiver receiver);

  /**
   * Commits the status and headers and returns the channel for the body. The headers map holds
   * one value per name.
   */
  ResponseChannel respond(int status, Map<String, String> headers);

  /**
   * Whether the calling thread is a non-blocking I/O thread of the container, which must neither
   * block nor run handlers. The core then does only cheap checks and the body read there and
   * continues through {@link #dispatch}. Default: false (container threads may block).
   */
  default boolean inIoThread() {
    return false;
  }

  /**
   * Continues this exchange on another thread, called by the core only on an I/O thread (see
   * {@link #inIoThread()}): runs {@code task} once on {@code executor}, or on the container's
   * worker threads when {@code executor} is null, after the current container callback returns if
   * the container needs that. The exchange stays open until the core ends its response.
   */
  default void dispatch(java.util.concurrent.Executor executor, Runnable task) {
    if (executor == null) {
      task.run();
    } else {
      executor.execute(task);
    }
  }

  /** Receives the bytes of a request body, one call at a time (never concurrently). */
  interface BodyReceiver {
    /**
     * The next bytes of the body, valid only during the call.
     *
     * @return true to go on reading; false to stop (no more bytes are read or delivered, and
     *     neither {@link #end()} nor {@link #failed} follows)
     */
    boolean data(byte[] bytes, int offset, int length);

    /** The body ended; all of it was delivered. */
    void end();

    /** Reading failed (the client went away or broke the framing). */
    void failed(Throwable error);
  }
}
