package org.mcpkit.internal.http;

import java.util.Arrays;
import org.mcpkit.transport.spi.HttpExchange;

/**
 * The one request-body reader of every transport: collects a body of up to {@code maxBytes}
 * (counting every byte, so a chunked body is bounded like one with a Content-Length); past the
 * limit it reads on only to discard, so the client is not reset while still sending, and reports
 * the body too large once it ended or {@link #DISCARD_LIMIT} more bytes came (then reading stops
 * and the connection is not reused). With no handler it only discards (after an early answer).
 * Called by one transport thread at a time.
 */
final class BoundedBody implements HttpExchange.BodyReceiver {
  /**
   * Most bytes of an unwanted request body read and dropped before answering it or closing: closing
   * a socket with unread input makes the kernel send a reset that can destroy the answer before the
   * client reads it. Larger bodies are cut off.
   */
  static final long DISCARD_LIMIT = 2L * 1024 * 1024;

  /** What becomes of the body. */
  interface Handler {
    /** The whole body (within the limit). */
    void body(byte[] body);

    /** The body exceeded the limit. */
    void tooLarge();

    /** Reading failed (the client went away or broke the framing). */
    void failed(Throwable error);
  }

  private final int maxBytes;
  private Handler handler;
  private final Runnable discarded;
  private byte[] buffer;
  private int length;
  /** Bytes dropped; -1 while collecting. */
  private long dropped = -1;
  private boolean done;

  private BoundedBody(int maxBytes, long expected, Handler handler, Runnable discarded) {
    this.maxBytes = maxBytes;
    this.handler = handler;
    this.discarded = discarded;
    // A declared length sizes the buffer, up to 64 KiB: a client declaring a large body and then
    // sending nothing holds no more than that. Without one, the first chunk sizes it.
    this.buffer = handler == null || expected < 0 ? null : new byte[(int) Math.min(maxBytes, Math.min(expected, 65536))];
    if (handler == null) {
      dropped = 0;
    }
  }

  /** Collects a body for {@code handler}; {@code expected} is its declared length, or -1. */
  static BoundedBody collect(int maxBytes, long expected, Handler handler) {
    return new BoundedBody(maxBytes, expected, handler, null);
  }

  /** Reads and drops a body, then runs {@code then} (also when reading stops or fails). */
  static BoundedBody discard(Runnable then) {
    return new BoundedBody(0, -1, null, then);
  }

  @Override
  public boolean data(byte[] bytes, int offset, int n) {
    if (done) {
      return false;
    }
    if (dropped < 0) {
      if ((long) length + n > maxBytes) {
        dropped = (long) length + n;
        buffer = null;
      } else {
        if (buffer == null) {
          buffer = new byte[n]; // one chunk is often the whole body: then it is kept as it is
        } else if (length + n > buffer.length) {
          buffer = Arrays.copyOf(buffer, (int) Math.min(maxBytes, Math.max(length + n, 2L * buffer.length + 1024)));
        }
        System.arraycopy(bytes, offset, buffer, length, n);
        length += n;
        return true;
      }
    } else {
      dropped += n;
    }
    if (dropped > DISCARD_LIMIT) {
      finish(false);
      return false;
    }
    return true;
  }

  @Override
  public void end() {
    finish(false);
  }

  @Override
  public void failed(Throwable error) {
    finish(true, error);
  }

  private void finish(boolean failed) {
    finish(failed, null);
  }

  private void finish(boolean failed, Throwable error) {
    if (done) {
      return;
    }
    done = true;
    Handler h = handler;
    handler = null;
    byte[] body = buffer;
    buffer = null;
    if (h == null) {
      discarded.run();
    } else if (failed) {
      h.failed(error);
    } else if (dropped >= 0) {
      h.tooLarge();
    } else {
      h.body(body == null ? new byte[0] : body.length == length ? body : Arrays.copyOf(body, length));
    }
  }
}
