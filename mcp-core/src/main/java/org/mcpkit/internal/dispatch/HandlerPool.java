package org.mcpkit.internal.dispatch;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where handlers run: the user's executor, the transport's own threads, or a pool this server owns
 * and creates on first use. The owned pool starts a thread only when no idle one waits, so it stays
 * as large as the concurrency seen. It also offers transports leaving an I/O thread a {@link
 * #handoff()} onto an idle handler thread, which then runs the handler itself (one thread handoff
 * per request instead of two). Thread-safe.
 */
final class HandlerPool {
  private final Executor userExecutor;
  private final boolean transportThreads;
  private final int maxConcurrent;
  private final IdleThreads idle = new IdleThreads();
  private final Object lock = new Object();
  private volatile ExecutorService owned;
  private volatile boolean closed;

  HandlerPool(Executor userExecutor, boolean transportThreads, int maxConcurrent) {
    this.userExecutor = userExecutor;
    this.transportThreads = transportThreads;
    this.maxConcurrent = maxConcurrent;
  }

  /** The executor handlers run on (the owned pool is created on first use). */
  Executor executor() {
    if (userExecutor != null) {
      return userExecutor;
    }
    ExecutorService e = owned;
    if (e == null) {
      synchronized (lock) {
        e = owned;
        if (e == null) {
          e = newPool();
          owned = e;
        }
      }
    }
    return e;
  }

  private ExecutorService newPool() {
    int n = maxConcurrent;
    AtomicInteger count = new AtomicInteger();
    // The call slots bound the calls to n; the headroom covers threads that freed their slot and
    // are still writing their response when the next call comes.
    return new ThreadPoolExecutor(
        0,
        (int) Math.min(Integer.MAX_VALUE, Math.max(2L * n, n + 16L)),
        30,
        TimeUnit.SECONDS,
        idle,
        r -> {
          Thread t = new HandlerThread(r, "mcp-handler-" + count.incrementAndGet(), this);
          t.setDaemon(true);
          return t;
        });
  }

  /**
   * An executor that runs one task on an owned handler thread idle now, or null when the server
   * does not own its handler threads or none is idle: a handoff never starts a thread or queues, so
   * requests that run no handler keep the pool as small as the handlers need.
   */
  Executor handoff() {
    if (userExecutor != null || transportThreads || closed) {
      return null;
    }
    Executor pool = executor();
    if (idle.waiting.get() == 0) {
      return null;
    }
    return work -> pool.execute(() -> handedOff(work));
  }

  private static void handedOff(Runnable work) {
    HandlerThread thread = (HandlerThread) Thread.currentThread();
    thread.handedOff = true;
    try {
      work.run();
    } finally {
      thread.handedOff = false;
    }
  }

  /**
   * Whether a caller that may block runs the handler on its own thread: it is one of this pool's
   * threads running a handoff (once per handoff), or handlers run on transport threads.
   */
  boolean runsHere() {
    if (Thread.currentThread() instanceof HandlerThread t && t.owner == this && t.handedOff) {
      t.handedOff = false;
      return true;
    }
    return transportThreads;
  }

  /** Stops the owned pool, if any (a user executor is never shut down). */
  void close() {
    closed = true;
    ExecutorService e = owned;
    if (e != null) {
      e.shutdownNow();
    }
  }

  /** The owned pool's hand-over queue, counting the threads waiting in it for work. */
  private static final class IdleThreads extends SynchronousQueue<Runnable> {
    private static final long serialVersionUID = 1L;
    final transient AtomicInteger waiting = new AtomicInteger();

    @Override
    public Runnable poll(long timeout, TimeUnit unit) throws InterruptedException {
      waiting.incrementAndGet();
      try {
        return super.poll(timeout, unit);
      } finally {
        waiting.decrementAndGet();
      }
    }

    @Override
    public Runnable take() throws InterruptedException {
      waiting.incrementAndGet();
      try {
        return super.take();
      } finally {
        waiting.decrementAndGet();
      }
    }
  }

  /** A thread of the owned pool; {@code handedOff}: it runs work from {@link #handoff()}. */
  private static final class HandlerThread extends Thread {
    final HandlerPool owner;
    boolean handedOff;

    HandlerThread(Runnable r, String name, HandlerPool owner) {
      super(r, name);
      this.owner = owner;
    }
  }
}
