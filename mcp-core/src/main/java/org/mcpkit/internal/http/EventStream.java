package org.mcpkit.internal.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import org.mcpkit.server.observe.RequestObservation;
import org.mcpkit.server.observe.RequestScope;
import org.mcpkit.server.observe.ServerObserver;
import org.mcpkit.server.observe.StreamCloseReason;
import org.mcpkit.server.observe.StreamKind;
import org.mcpkit.transport.spi.ResponseChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Server-Sent Events stream: a single writer over a {@link ResponseChannel} with a bounded
 * queue. A reader too slow to keep up is cut off (the stream closes) instead of holding memory or
 * blocking anyone. Keep-alive comments go out whenever the stream was idle for the interval.
 *
 * <p>Kept small, since a server holds one per open stream: no queue object while at most one
 * frame waits, no timer objects (the endpoint's {@link StreamTimers} links the stream through its
 * own fields).
 *
 * <p>Observed: it reports its opening, its keep-alives and, exactly once, its end with the reason
 * (to {@link ServerObserver#none()} when nothing observes), and logs for its request inside that
 * request's observation, so the log context is there on whichever thread writes.
 */
final class EventStream {
  private static final Logger LOG = LoggerFactory.getLogger(EventStream.class);
  static final byte[] COMMENT = ":\n\n".getBytes(StandardCharsets.US_ASCII);

  private final ResponseChannel channel;
  private final int maxQueued;
  private final Runnable onGone;
  private final StreamKind kind;
  private final ServerObserver observer;
  /** The observation of the request this stream answers, entered around its log lines. */
  private volatile RequestObservation observation = RequestObservation.none();
  /** Why the stream ends, once decided; guarded by this object's monitor. */
  private StreamCloseReason closeReason;
  private static final AtomicIntegerFieldUpdater<EventStream> WIP =
      AtomicIntegerFieldUpdater.newUpdater(EventStream.class, "wip");
  /** The next frame to write, or null when none waits. */
  private byte[] first;
  /** The frames after {@link #first}; null unless more than one waits. */
  private ArrayDeque<byte[]> more;
  private int queued;
  private volatile int wip;
  private boolean writing;
  private boolean ending;
  /** Written under this object's monitor; volatile for {@link StreamTimers}, which reads it under its own lock. */
  volatile boolean closed;
  /** When the last frame went out, in the wheel's time (set once keep-alives start). */
  private volatile long lastWrite;

  /** The wheel the stream's timers are in, or null; set under this object's monitor. */
  volatile StreamTimers timers;
  // Timer state, guarded by the StreamTimers lock.
  EventStream timerPrev;
  EventStream timerNext;
  /** The tick of the wheel bucket the stream is linked into; -1 when in none. */
  long timerTick = -1;
  int keepAliveMillis;
  long nextKeepAlive;
  long ageDeadline;
  /** What runs at the maximum age; null when the stream has none (or it ran). */
  Runnable onAge;

  /**
   * @param onGone runs once when the stream ends other than by {@link #finish()}: client gone,
   *     write failure or overflow
   */
  EventStream(ResponseChannel channel, int maxQueued, Runnable onGone) {
    this(channel, maxQueued, onGone, StreamKind.POST, ServerObserver.none());
  }

  /**
   * @param onGone runs once when the stream ends other than by {@link #finish()}: client gone,
   *     write failure or overflow
   * @param kind what the stream serves, for its observer
   * @param observer hears the stream open, its keep-alives and its end
   */
  EventStream(ResponseChannel channel, int maxQueued, Runnable onGone, StreamKind kind, ServerObserver observer) {
    this.channel = channel;
    this.maxQueued = maxQueued;
    this.onGone = onGone;
    this.kind = kind;
    this.observer = observer;
    observer.streamOpened(kind);
    channel.onClose(() -> abort(StreamCloseReason.CLIENT_GONE, "client closed the stream"));
  }

  /** The observation of the request the stream answers (its log lines are written inside it). */
  void observation(RequestObservation observation) {
    this.observation = observation;
  }

  private RequestScope logScope() {
    RequestObservation o = observation;
    return o == RequestObservation.none() ? RequestScope.none() : o.enter(); // guarded: never throws
  }

  /** Sends a keep-alive comment; reported to the observer when it was queued. */
  boolean keepAlive() {
    if (!send(COMMENT)) {
      return false;
    }
    observer.keepAliveSent(kind);
    return true;
  }

  /** Sends a {@code :} comment every interval in which the stream was idle (zero: never). */
  void startKeepAlive(StreamTimers wheel, long intervalMillis) {
    if (intervalMillis <= 0) {
      return;
    }
    synchronized (this) {
      timers = wheel;
      lastWrite = wheel.now();
    }
    wheel.keepAlive(this, intervalMillis);
  }

  /** Runs {@code end} once the stream is {@code ageMillis} old, unless it closed before. */
  void limitAge(StreamTimers wheel, long ageMillis, Runnable end) {
    synchronized (this) {
      timers = wheel;
    }
    wheel.maxAge(this, ageMillis, end);
  }

  long lastWrite() {
    return lastWrite;
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
      if (queued >= maxQueued) {
        try (RequestScope s = logScope()) {
          LOG.warn("SSE reader too slow: {} events queued; closing the stream", queued);
        }
      } else {
        offer(bytes);
        bytes = null;
      }
    }
    if (bytes != null) {
      abort(StreamCloseReason.OVERFLOW, "overflow");
      return false;
    }
    pump();
    return true;
  }

  /** Ends the stream once everything queued is written: it {@link StreamCloseReason#COMPLETED}. */
  void finish() {
    finish(StreamCloseReason.COMPLETED);
  }

  /** Ends the stream once everything queued is written, for {@code reason}. */
  void finish(StreamCloseReason reason) {
    synchronized (this) {
      if (closed || ending) {
        return;
      }
      ending = true;
      closeReason = reason;
    }
    pump();
  }

  synchronized boolean isClosed() {
    return closed;
  }

  private void offer(byte[] bytes) {
    if (queued == 0) {
      first = bytes;
    } else {
      if (more == null) {
        more = new ArrayDeque<>(4);
      }
      more.add(bytes);
    }
    queued++;
  }

  private byte[] poll() {
    byte[] head = first;
    if (head != null) {
      queued--;
      if (more == null) {
        first = null;
      } else {
        first = more.poll();
        if (more.isEmpty()) {
          more = null; // an idle stream keeps no queue
        }
      }
    }
    return head;
  }

  private void pump() {
    if (WIP.getAndIncrement(this) != 0) {
      return;
    }
    do {
      byte[] chunk = null;
      boolean end = false;
      synchronized (this) {
        if (!closed && !writing) {
          chunk = poll();
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
        observer.streamClosed(kind, closeReason);
      } else if (chunk != null) {
        StreamTimers wheel = timers;
        if (wheel != null) {
          lastWrite = wheel.now();
        }
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
                abort(StreamCloseReason.WRITE_ERROR, "write failed");
              }
            });
      }
    } while (WIP.decrementAndGet(this) != 0);
  }

  private void closeLocked() {
    closed = true;
    first = null;
    more = null;
    queued = 0;
    if (timers != null) {
      timers.remove(this); // never waits for this stream: the wheel takes no stream lock
    }
  }

  /** Closes at once without waiting for the queue; runs {@code onGone}. */
  void abort(StreamCloseReason reason, String why) {
    synchronized (this) {
      if (closed) {
        return;
      }
      closeReason = reason;
      closeLocked();
    }
    try (RequestScope s = logScope()) {
      LOG.debug("SSE stream ended: {}", why);
    }
    try {
      onGone.run();
    } finally {
      channel.end();
      observer.streamClosed(kind, reason);
    }
  }
}
