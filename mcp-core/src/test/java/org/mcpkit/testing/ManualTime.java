package org.mcpkit.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Time that moves only when a test says so: a {@link Clock} and a {@link ScheduledExecutorService}
 * sharing one manual "now". Timed tasks run on the thread calling {@link #advance}, in due order,
 * as their time comes; periodic tasks run once per period passed. Tasks without a delay run at once
 * on a background thread, as a real scheduler would run them. Give both to {@code
 * HttpEndpointOptions.builder().clock(time.clock()).scheduler(time.scheduler())} to expire sessions,
 * age streams and lapse claims without waiting. Thread-safe.
 */
public final class ManualTime {
  private final AtomicLong nowMillis;
  private final AtomicLong sequence = new AtomicLong();
  private final PriorityQueue<Task<?>> queue = new PriorityQueue<>();
  private final ExecutorService immediate =
      Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "manual-time-immediate");
        t.setDaemon(true);
        return t;
      });
  private final Scheduler scheduler = new Scheduler();

  /** Time starting at {@code start}. */
  public ManualTime(Instant start) {
    this.nowMillis = new AtomicLong(start.toEpochMilli());
  }

  /** Time starting at 2026-01-01T00:00:00Z. */
  public ManualTime() {
    this(Instant.parse("2026-01-01T00:00:00Z"));
  }

  /** The clock reading this time. */
  public Clock clock() {
    return new ManualClock(ZoneOffset.UTC);
  }

  /** The scheduler driven by this time. */
  public ScheduledExecutorService scheduler() {
    return scheduler;
  }

  /** Now. */
  public Instant now() {
    return Instant.ofEpochMilli(nowMillis.get());
  }

  /** Moves time forward by {@code by}, running every timed task that comes due on the way. */
  public void advance(Duration by) {
    long target = nowMillis.get() + by.toMillis();
    while (true) {
      Task<?> next;
      synchronized (queue) {
        next = queue.peek();
        if (next == null || next.due > target) {
          break;
        }
        queue.poll();
      }
      if (next.isCancelled()) {
        continue;
      }
      nowMillis.accumulateAndGet(next.due, Math::max);
      next.runOnce();
      if (next.period > 0 && !next.isCancelled()) {
        next.due += next.period;
        synchronized (queue) {
          queue.add(next);
        }
      }
    }
    nowMillis.accumulateAndGet(target, Math::max);
  }

  /** Stops the background thread of the tasks without delay. */
  public void close() {
    immediate.shutdownNow();
  }

  private final class ManualClock extends Clock {
    private final ZoneId zone;

    ManualClock(ZoneId zone) {
      this.zone = zone;
    }

    @Override
    public ZoneId getZone() {
      return zone;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return new ManualClock(zone);
    }

    @Override
    public Instant instant() {
      return now();
    }

    @Override
    public long millis() {
      return nowMillis.get();
    }
  }

  private final class Task<V> extends FutureTask<V> implements ScheduledFuture<V> {
    final long seq = sequence.incrementAndGet();
    final long period;
    volatile long due;

    Task(Callable<V> work, long due, long period) {
      super(work);
      this.due = due;
      this.period = period;
    }

    void runOnce() {
      if (period > 0) {
        runAndReset();
      } else {
        run();
      }
    }

    @Override
    public long getDelay(TimeUnit unit) {
      return unit.convert(due - nowMillis.get(), TimeUnit.MILLISECONDS);
    }

    @Override
    public int compareTo(Delayed other) {
      Task<?> o = (Task<?>) other;
      int byDue = Long.compare(due, o.due);
      return byDue != 0 ? byDue : Long.compare(seq, o.seq);
    }

    @Override
    public boolean cancel(boolean mayInterrupt) {
      boolean cancelled = super.cancel(mayInterrupt);
      synchronized (queue) {
        queue.remove(this);
      }
      return cancelled;
    }
  }

  private final class Scheduler extends AbstractExecutorService implements ScheduledExecutorService {
    private volatile boolean shutdown;

    private <V> ScheduledFuture<V> add(Callable<V> work, long delayMillis, long periodMillis) {
      Task<V> task = new Task<>(work, nowMillis.get() + Math.max(0, delayMillis), periodMillis);
      synchronized (queue) {
        queue.add(task);
      }
      return task;
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
      return add(Executors.callable(command), unit.toMillis(delay), 0);
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
      return add(callable, unit.toMillis(delay), 0);
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
      return add(Executors.callable(command), unit.toMillis(initialDelay), Math.max(1, unit.toMillis(period)));
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
      return scheduleAtFixedRate(command, initialDelay, delay, unit);
    }

    @Override
    public void execute(Runnable command) {
      immediate.execute(command);
    }

    @Override
    public void shutdown() {
      shutdown = true;
    }

    @Override
    public List<Runnable> shutdownNow() {
      shutdown = true;
      synchronized (queue) {
        List<Runnable> pending = new ArrayList<>(queue);
        queue.clear();
        return pending;
      }
    }

    @Override
    public boolean isShutdown() {
      return shutdown;
    }

    @Override
    public boolean isTerminated() {
      return shutdown;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
      return shutdown;
    }
  }
}
