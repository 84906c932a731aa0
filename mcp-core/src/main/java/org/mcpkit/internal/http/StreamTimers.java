package org.mcpkit.internal.http;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.function.LongSupplier;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keep-alive and maximum-age timers of every open {@link EventStream} of one endpoint, in one
 * hashed timer wheel driven by one periodic task, instead of scheduled tasks per stream. A stream
 * sits in the bucket of its next deadline (the earlier of its next keep-alive check and its
 * maximum age), linked through its own fields, so a timer costs no object of its own; a stream
 * leaves the wheel as soon as it closes. Each tick visits only the buckets that came due, and at
 * most {@link #MAX_PER_TICK} streams; the rest are picked up by the next tick.
 *
 * <p>Keep-alive: every interval after the stream started, a {@code :} comment goes out if nothing
 * was written for half the interval. Maximum age: once it passed, the stream's end action runs
 * once and its timers stop.
 */
final class StreamTimers {
  private static final Logger LOG = LoggerFactory.getLogger(StreamTimers.class);
  /** Most streams visited by one tick. */
  static final int MAX_PER_TICK = 4096;
  private static final int BUCKETS = 256;
  private static final int MASK = BUCKETS - 1;

  private final long tickMillis;
  private final long tickNanos;
  private final LongSupplier nanos;
  private final long origin;
  private final EventStream[] wheel = new EventStream[BUCKETS];
  /** The last tick whose bucket was fully visited. */
  private long doneTick;
  private int size;

  /**
   * A wheel reading monotonic time from {@code nanos}; it ticks once {@link #start} schedules it,
   * or when {@link #tick()} is called.
   */
  StreamTimers(LongSupplier nanos, long tickMillis) {
    this.nanos = nanos;
    this.origin = nanos.getAsLong();
    this.tickMillis = Math.max(1, tickMillis);
    this.tickNanos = TimeUnit.MILLISECONDS.toNanos(this.tickMillis);
  }

  /** A wheel on the system's monotonic clock that ticks only when {@link #tick()} is called (tests). */
  StreamTimers(long tickMillis) {
    this(System::nanoTime, tickMillis);
  }

  /** Ticks every tick interval on {@code scheduler}; cancelling the result stops it. */
  ScheduledFuture<?> start(ScheduledExecutorService scheduler) {
    return scheduler.scheduleWithFixedDelay(this::tick, tickMillis, tickMillis, TimeUnit.MILLISECONDS);
  }

  /** The wheel's time, in nanoseconds from an arbitrary origin. */
  long now() {
    return nanos.getAsLong();
  }

  /**
   * A tick fine enough for the shortest of the endpoint's intervals (a sixteenth of it), between
   * 5 ms and 250 ms.
   */
  static long tickFor(long keepAliveMillis, long maxAgeMillis) {
    long shortest = Long.MAX_VALUE;
    if (keepAliveMillis > 0) {
      shortest = keepAliveMillis;
    }
    if (maxAgeMillis > 0) {
      shortest = Math.min(shortest, maxAgeMillis);
    }
    return shortest == Long.MAX_VALUE ? 250 : Math.max(5, Math.min(250, shortest / 16));
  }

  /** Streams currently in the wheel (tests). */
  synchronized int size() {
    return size;
  }

  /** Starts keep-alive checks every {@code intervalMillis} (zero or less: none). */
  void keepAlive(EventStream s, long intervalMillis) {
    if (intervalMillis <= 0) {
      return;
    }
    synchronized (this) {
      if (s.closed) {
        return;
      }
      s.keepAliveMillis = (int) Math.min(Integer.MAX_VALUE, intervalMillis);
      s.nextKeepAlive = nanos.getAsLong() + keepAliveNanos(s);
      relink(s);
    }
  }

  /** Runs {@code end} once the stream is {@code ageMillis} old, unless it closed before. */
  void maxAge(EventStream s, long ageMillis, Runnable end) {
    synchronized (this) {
      if (s.closed) {
        return;
      }
      s.ageDeadline = nanos.getAsLong() + TimeUnit.MILLISECONDS.toNanos(ageMillis);
      s.onAge = end;
      relink(s);
    }
  }

  /** Takes a stream out of the wheel (it closed). */
  synchronized void remove(EventStream s) {
    unlink(s);
    s.onAge = null;
  }

  /** Visits the buckets that came due; runs on the scheduler thread. */
  void tick() {
    try {
      long now = nanos.getAsLong();
      List<EventStream> comments = new ArrayList<>();
      List<Runnable> ends = new ArrayList<>();
      synchronized (this) {
        long nowTick = (now - origin) / tickNanos;
        int visited = 0;
        while (doneTick < nowTick && visited < MAX_PER_TICK) {
          long t = doneTick + 1;
          EventStream e = wheel[(int) (t & MASK)];
          while (e != null && visited < MAX_PER_TICK) {
            EventStream next = e.timerNext;
            if (e.timerTick <= nowTick) {
              visited++;
              fire(e, now, comments, ends);
            }
            e = next;
          }
          if (e != null) {
            break; // budget used up inside this bucket: the next tick goes on from here
          }
          doneTick = t;
        }
      }
      for (EventStream s : comments) {
        s.keepAlive();
      }
      for (Runnable end : ends) {
        try {
          end.run();
        } catch (RuntimeException ex) {
          LOG.warn("Ending a stream at its maximum age failed", ex);
        }
      }
    } catch (RuntimeException ex) {
      LOG.warn("Stream timer tick failed", ex);
    }
  }

  /** Decides what a due stream gets (under the lock) and puts it where its next deadline is. */
  private void fire(EventStream s, long now, List<EventStream> comments, List<Runnable> ends) {
    unlink(s);
    if (s.closed) {
      s.onAge = null;
      return;
    }
    if (s.onAge != null && now - s.ageDeadline >= 0) {
      ends.add(s.onAge);
      s.onAge = null;
      s.keepAliveMillis = 0;
      return;
    }
    if (s.keepAliveMillis > 0 && now - s.nextKeepAlive >= 0) {
      long interval = keepAliveNanos(s);
      if (now - s.lastWrite() >= interval / 2) {
        comments.add(s);
      }
      while (now - s.nextKeepAlive >= 0) {
        s.nextKeepAlive += interval;
      }
    }
    relink(s);
  }

  private static long keepAliveNanos(EventStream s) {
    return TimeUnit.MILLISECONDS.toNanos(s.keepAliveMillis);
  }

  /** Puts the stream in the bucket of its next deadline (caller holds the lock). */
  private void relink(EventStream s) {
    unlink(s);
    boolean any = false;
    long deadline = 0;
    if (s.keepAliveMillis > 0) {
      deadline = s.nextKeepAlive;
      any = true;
    }
    if (s.onAge != null && (!any || s.ageDeadline - deadline < 0)) {
      deadline = s.ageDeadline;
      any = true;
    }
    if (!any) {
      return;
    }
    long offset = deadline - origin;
    long tick = offset <= 0 ? 0 : (offset + tickNanos - 1) / tickNanos;
    if (tick <= doneTick) {
      tick = doneTick + 1;
    }
    int b = (int) (tick & MASK);
    s.timerTick = tick;
    s.timerPrev = null;
    s.timerNext = wheel[b];
    if (wheel[b] != null) {
      wheel[b].timerPrev = s;
    }
    wheel[b] = s;
    size++;
  }

  private void unlink(EventStream s) {
    if (s.timerTick < 0) {
      return;
    }
    int b = (int) (s.timerTick & MASK);
    if (s.timerPrev != null) {
      s.timerPrev.timerNext = s.timerNext;
    } else {
      wheel[b] = s.timerNext;
    }
    if (s.timerNext != null) {
      s.timerNext.timerPrev = s.timerPrev;
    }
    s.timerPrev = null;
    s.timerNext = null;
    s.timerTick = -1;
    size--;
  }
}
