package org.mcpkit.internal.http;

import java.util.Arrays;
import org.mcpkit.transport.spi.HttpExchange;

/**
 * The one request-body reader of every transport. It collects a body of up to {@code maxBytes},
 * counting every byte, so a chunked body is bounded like one with a Content-Length. Past the limit
 * it reads on only to drop, up to {@link #DISCARD_LIMIT} more bytes, so the client is not reset
 * while still sending, and reports the body too large once it ended or was cut off there (then the
 * transport stops reading and does not reuse the connection). Without a handler it only drops
 * (after an early answer). {@link #whenRead} runs once reading is over, when the response may end.
 * Thread-safe: the transport delivers on its threads, the engine ends the response on others.
 */
final class BoundedBody implements HttpExchange.BodyReceiver {
  /**
   * Most bytes of an unwanted request body read and dropped after answering it: closing a socket
   * with unread input makes the kernel send a reset that can destroy the answer before the client
   * reads it. Larger bodies are cut off.
   */
  static final long DISCARD_LIMIT = 2L * 1024 * 1024;

  /** What becomes of the body. */
  interface Handler {
    /** The whole body (within the limit). */
    void body(byte[] body);

    /** The body exceeded the limit (reported once it ended or was cut off). */
    void tooLarge();

    /** Reading failed (the client went away or broke the framing). */
    void failed(Throwable error);
  }

  private final int maxBytes;
  /** Null once it was told the outcome, or from the start when only dropping. */
  private Handler handler;
  private byte[] buffer;
  private int length;
  /** Bytes dropped after the body was refused (or unwanted); -1 while collecting. */
  private long dropped = -1;
  /** Reading is over: the body ended, failed, or was cut off. */
  private boolean over;
  /** Runs once reading is over. */
  private Runnable then;

  private BoundedBody(int maxBytes, long expected, Handler handler) {
    this.maxBytes = maxBytes;
    this.handler = handler;
    // A declared length sizes the buffer, up to 64 KiB: a client declaring a large body and then
    // sending nothing holds no more than that. Without one, the first chunk sizes it.
    this.buffer = handler == null || expected < 0 ? null : new byte[(int) Math.min(maxBytes, Math.min(expected, 65536))];
    if (handler == null) {
      dropped = 0;
    }
  }

  /** Collects a body for {@code handler}; {@code expected} is its declared length, or -1. */
  static BoundedBody collect(int maxBytes, long expected, Handler handler) {
    return new BoundedBody(maxBytes, expected, handler);
  }

  /** Reads and drops a body nobody wants. */
  static BoundedBody discard() {
    return new BoundedBody(0, -1, null);
  }

  @Override
  public boolean data(byte[] bytes, int offset, int n) {
    boolean stop;
    synchronized (this) {
      if (over) {
        return false;
      }
      if (dropped < 0) {
        if ((long) length + n <= maxBytes) {
          if (buffer == null) {
            buffer = new byte[n]; // one chunk is often the whole body: then it is kept as it is
          } else if (length + n > buffer.length) {
            buffer = Arrays.copyOf(buffer, (int) Math.min(maxBytes, Math.max(length + n, 2L * buffer.length + 1024)));
          }
          System.arraycopy(bytes, offset, buffer, length, n);
          length += n;
          return true;
        }
        dropped = 0; // this chunk crossed the limit: from now on the body is only dropped
        buffer = null;
      } else {
        dropped += n;
      }
      stop = dropped > DISCARD_LIMIT;
    }
    if (stop) {
      over(null, false);
      return false;
    }
    return true;
  }

  @Override
  public void end() {
    over(null, false);
  }

  @Override
  public void failed(Throwable error) {
    over(error, true);
  }

  private void over(Throwable error, boolean failed) {
    Handler h;
    byte[] body;
    int n;
    boolean refused;
    Runnable after;
    synchronized (this) {
      if (over) {
        return;
      }
      over = true;
      h = handler;
      handler = null;
      body = buffer;
      buffer = null;
      n = length;
      refused = dropped >= 0;
      after = then;
      then = null;
    }
    if (h != null) {
      if (failed) {
        h.failed(error);
      } else if (refused) {
        h.tooLarge();
      } else {
        h.body(body == null ? new byte[0] : body.length == n ? body : Arrays.copyOf(body, n));
      }
    }
    if (after != null) {
      after.run();
    }
  }

  /** Runs {@code task} once reading is over: now, if it is. */
  void whenRead(Runnable task) {
    synchronized (this) {
      if (!over) {
        then = task;
        return;
      }
    }
    task.run();
  }
}
