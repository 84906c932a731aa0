package org.mcpkit.internal.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.mcpkit.transport.spi.ResponseChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Server-Sent Events stream: a single writer over a {@link ResponseChannel} with a bounded
 * queue. A reader too slow to keep up is cut off (the stream closes) instead of holding memory or
 * blocking anyone. Keep-alive comments go out whenever the stream was idle for the interval.
 */
final class EventStream {
  private static final Logger LOG = LoggerFactory.getLogger(EventStream.class);
  static final byte[] COMMENT = ":\n\n".getBytes(StandardCharsets.US_ASCII);

  private final ResponseChannel channel;
  private final int maxQueued;
  private final Runnable onGone;
  private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
  private final AtomicInteger wip = new AtomicInteger();
  private boolean writing;
  private boolean ending;
  private boolean closed;
  private volatile long lastWrite = System.nanoTime();
  private ScheduledFuture<?> keepAlive;

  /**
   * @param onGone runs once when the stream ends other than by {@link #finish()}: client gone,
   *     write failure or overflow
   */
  EventStream(ResponseChannel channel, int maxQueued, Runnable onGone) {
    this.channel = channel;
    this.maxQueued = maxQueued;
    this.onGone = onGone;
    channel.onClose(() -> abort("client closed the stream"));
  }

  void startKeepAlive(ScheduledExecutorService scheduler, long intervalMillis) {
    if (intervalMillis <= 0) {
      return;
    }
    ScheduledFuture<?> f =
        scheduler.scheduleAtFixedRate(
            () -> {
              if (System.nanoTime() - lastWrite >= TimeUnit.MILLISECONDS.toNanos(intervalMillis) / 2) {
                send(COMMENT);
              }
            },
            intervalMillis,
            intervalMillis,
            TimeUnit.MILLISECONDS);
    synchronized (this) {
      if (closed) {
        f.cancel(false);
      } else {
        keepAlive = f;
      }
    }
  }

  /** Formats and queues one JSON-RPC message as an SSE {@code message} event. */
  boolean event(byte[] json) {
    return event(null, json);
  }

  /** Formats and queues one event with an id (null for none); empty JSON makes a priming event. */
  boolean event(String id, byte[] json) {
    byte[] head =
        ((id == null ? "" : "id: " + id + "\n") + (json.length == 0 ? "data: " : "event: message\ndata: "))
            .getBytes(StandardCharsets.US_ASCII);
    byte[] frame = new byte[head.length + json.length + 2];
    System.arraycopy(head, 0, frame, 0, head.length);
    System.arraycopy(json, 0, frame, head.length, json.length);
    frame[frame.length - 2] = '\n';
    frame[frame.length - 1] = '\n';
    return send(frame);
  }

  /** Queues one event of the given type with single-line ASCII data (HTTP+SSE {@code endpoint}). */
  boolean named(String type, String data) {
    return send(("event: " + type + "\ndata: " + data + "\n\n").getBytes(StandardCharsets.US_ASCII));
  }

  /** Queues raw SSE bytes; false when the stream is closed or was just cut off for overflow. */
  boolean send(byte[] bytes) {
    synchronized (this) {
      if (closed || ending) {
        return false;
      }
      if (queue.size() >= maxQueued) {
        LOG.warn("SSE reader too slow: {} events queued; closing the stream", queue.size());
      } else {
        queue.add(bytes);
        bytes = null;
      }
    }
    if (bytes != null) {
      abort("overflow");
      return false;
    }
    pump();
    return true;
  }

  /** Ends the stream once everything queued is written. */
  void finish() {
    synchronized (this) {
      if (closed || ending) {
        return;
      }
      ending = true;
    }
    pump();
  }

  synchronized boolean isClosed() {
    return closed;
  }

  private void pump() {
    if (wip.getAndIncrement() != 0) {
      return;
    }
    do {
      byte[] chunk = null;
      boolean end = false;
      synchronized (this) {
        if (!closed && !writing) {
          chunk = queue.poll();
          if (chunk != null) {
            writing = true;
          } else if (ending) {
            end = true;
            closeLocked();
          }
        }
      }
      if (end) {
        channel.end();
      } else if (chunk != null) {
        lastWrite = System.nanoTime();
        channel.write(
            chunk,
            new ResponseChannel.WriteCallback() {
              @Override
              public void done() {
                synchronized (EventStream.this) {
                  writing = false;
                }
                pump();
              }

              @Override
              public void failed(Throwable error) {
                synchronized (EventStream.this) {
                  writing = false;
                }
                abort("write failed");
              }
            });
      }
    } while (wip.decrementAndGet() != 0);
  }

  private void closeLocked() {
    closed = true;
    queue.clear();
    if (keepAlive != null) {
      keepAlive.cancel(false);
    }
  }

  /** Closes at once without waiting for the queue; runs {@code onGone}. */
  void abort(String why) {
    synchronized (this) {
      if (closed) {
        return;
      }
      closeLocked();
    }
    LOG.debug("SSE stream ended: {}", why);
    try {
      onGone.run();
    } finally {
      channel.end();
    }
  }
}
