package org.mcpkit.server.secret;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cache in front of another {@link SecretSource}. The first read of a name fetches it on the
 * calling thread (and fails if the origin does). Later reads answer from memory; a read at least
 * {@linkplain Builder#refreshInterval the refresh interval} after the last fetch attempt also starts
 * one background refresh (never more than one per name at a time). A refresh that fails keeps the
 * cached value, logs one WARN line naming the secret (never its value) and is tried again after
 * another interval; once the cached value is older than {@linkplain Builder#maxStale the stale
 * limit}, a read fetches on the calling thread again and fails with {@link
 * SecretUnavailableException} if the origin still does. Thread-safe.
 */
public final class RefreshingSecretSource implements SecretSource {
  private static final Logger LOG = LoggerFactory.getLogger(RefreshingSecretSource.class);
  private static final Executor SHARED_REFRESHER = sharedRefresher();

  private final SecretSource origin;
  private final Duration interval;
  private final Duration maxStale;
  private final Clock clock;
  private final Executor executor;
  private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

  /** A fetched value and when it was fetched. */
  private record Value(byte[] bytes, Instant fetchedAt) {}

  /** The state of one name. */
  private static final class Entry {
    final String name;
    volatile Value value;
    volatile Instant lastAttempt = Instant.MIN;
    final AtomicBoolean refreshing = new AtomicBoolean();

    Entry(String name) {
      this.name = name;
    }
  }

  private RefreshingSecretSource(Builder b) {
    this.origin = b.origin;
    this.interval = b.interval;
    this.maxStale = b.maxStale;
    this.clock = b.clock;
    this.executor = b.executor;
  }

  /** A builder over {@code origin}. */
  public static Builder builder(SecretSource origin) {
    return new Builder(origin);
  }

  @Override
  public byte[] bytes(String name) {
    Objects.requireNonNull(name, "name");
    Entry entry = entries.computeIfAbsent(name, Entry::new);
    Instant now = clock.instant();
    Value v = entry.value;
    if (v == null || tooOld(v, now)) {
      synchronized (entry) {
        v = entry.value;
        if (v == null || tooOld(v, now)) {
          v = fetch(entry, now);
        }
      }
      return v.bytes.clone();
    }
    if (!now.isBefore(entry.lastAttempt.plus(interval)) && entry.refreshing.compareAndSet(false, true)) {
      entry.lastAttempt = now;
      try {
        executor.execute(() -> refresh(entry));
      } catch (RejectedExecutionException e) {
        entry.refreshing.set(false);
      }
      v = entry.value; // a direct executor has refreshed already
    }
    return v.bytes.clone();
  }

  private boolean tooOld(Value v, Instant now) {
    return now.isAfter(v.fetchedAt.plus(maxStale));
  }

  private Value fetch(Entry entry, Instant now) {
    entry.lastAttempt = now;
    byte[] bytes;
    try {
      bytes = Objects.requireNonNull(origin.bytes(entry.name), "a secret source returned null");
    } catch (SecretUnavailableException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new SecretUnavailableException(entry.name, "the source failed (" + e.getClass().getName() + ")", e);
    }
    Value v = new Value(bytes.clone(), now);
    entry.value = v;
    return v;
  }

  private void refresh(Entry entry) {
    try {
      fetch(entry, clock.instant());
    } catch (SecretUnavailableException e) {
      Value kept = entry.value;
      LOG.warn("Secret {} could not be refreshed ({}); serving the value fetched at {}", entry.name, e.problem(),
          kept == null ? "never" : kept.fetchedAt);
    } finally {
      entry.refreshing.set(false);
    }
  }

  private static Executor sharedRefresher() {
    ExecutorService e = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "mcpkit-secret-refresh");
      t.setDaemon(true);
      return t;
    });
    return e;
  }

  @Override
  public String toString() {
    return "RefreshingSecretSource[" + origin + ", every " + interval + "]";
  }

  /** Builds a {@link RefreshingSecretSource}. Not thread-safe. */
  public static final class Builder {
    private final SecretSource origin;
    private Duration interval = Duration.ofMinutes(5);
    private Duration maxStale = Duration.ofDays(1);
    private Clock clock = Clock.systemUTC();
    private Executor executor = SHARED_REFRESHER;

    private Builder(SecretSource origin) {
      this.origin = Objects.requireNonNull(origin, "origin");
    }

    /** How long a fetched value is served before a read refreshes it in the background (default 5 minutes). */
    public Builder refreshInterval(Duration interval) {
      if (Objects.requireNonNull(interval, "interval").isNegative() || interval.isZero()) {
        throw new IllegalArgumentException("refresh interval must be positive");
      }
      this.interval = interval;
      return this;
    }

    /** How old a cached value may get while refreshes fail (default one day; at least the refresh interval). */
    public Builder maxStale(Duration maxStale) {
      if (Objects.requireNonNull(maxStale, "maxStale").isNegative() || maxStale.isZero()) {
        throw new IllegalArgumentException("max stale must be positive");
      }
      this.maxStale = maxStale;
      return this;
    }

    /** The clock (tests). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Runs background refreshes (default: one daemon thread shared by every refreshing source; a
     * refresh may block on the origin's I/O). {@code Runnable::run} refreshes on the reading thread.
     */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /** Builds the source; nothing is fetched until the first read. */
    public RefreshingSecretSource build() {
      if (maxStale.compareTo(interval) < 0) {
        throw new IllegalArgumentException("max stale must be at least the refresh interval");
      }
      return new RefreshingSecretSource(this);
    }
  }
}
