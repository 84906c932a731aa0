package org.mcpkit.auth.internal;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An issuer's signing keys, cached: loaded on first use; refreshed ahead of expiry in the
 * background (requests keep using the cached set meanwhile); refetched at once for an unknown
 * {@code kid}, but at most once per minimum interval however many requests ask at the same time
 * (they wait for the one fetch and then look again); on a failed fetch the cached keys stay in use,
 * however old (the key-set endpoint being down must not lock everyone out). Thread-safe.
 */
public final class JwksCache {
  private static final Logger LOG = LoggerFactory.getLogger(JwksCache.class);

  /** Fetches the key set. */
  @FunctionalInterface
  public interface Source {
    /** The current key set. */
    JWKSet fetch() throws Exception;
  }

  private record Snapshot(JWKSet keys, long fetchedAt) {}

  private final Source source;
  private final Clock clock;
  private final long ttlMillis;
  private final long refreshAheadMillis;
  private final long minRefetchMillis;
  private final Executor refresher;
  private final Object lock = new Object();
  private final AtomicBoolean refreshing = new AtomicBoolean();
  private final AtomicLong fetches = new AtomicLong();
  /** Bumped each time a fetched key set replaces the cached one. */
  private final AtomicLong version = new AtomicLong();
  private volatile Snapshot snapshot;
  /** When the last fetch was tried (guarded by {@link #lock}); meaningless until {@link #tried}. */
  private long lastAttempt;
  private boolean tried;

  /** A cache of {@code source}'s keys. */
  public JwksCache(Source source, Clock clock, Duration ttl, Duration refreshAhead, Duration minRefetch, Executor refresher) {
    this.source = Objects.requireNonNull(source, "source");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.ttlMillis = ttl.toMillis();
    this.refreshAheadMillis = Math.min(refreshAhead.toMillis(), ttlMillis);
    this.minRefetchMillis = minRefetch.toMillis();
    this.refresher = Objects.requireNonNull(refresher, "refresher");
  }

  /**
   * Which key set is cached: changes whenever a fetched set replaces it (read it before using the
   * keys to know whether a later answer still rests on the same set).
   */
  public long version() {
    return version.get();
  }

  /** How many fetches were tried (tests, metrics). */
  public long fetches() {
    return fetches.get();
  }

  /**
   * The signing keys with {@code kid} (every signing key when {@code kid} is null); empty when
   * there is none even after the one refetch allowed now.
   */
  public List<JWK> keys(String kid) {
    Snapshot s = snapshot;
    if (s == null) {
      s = refetch(null);
      if (s == null) {
        return List.of();
      }
    }
    List<JWK> found = match(s, kid);
    if (!found.isEmpty()) {
      refreshAheadIfDue(s);
      return found;
    }
    Snapshot after = refetch(s);
    return after == null ? List.of() : match(after, kid);
  }

  private static List<JWK> match(Snapshot s, String kid) {
    return s.keys().getKeys().stream()
        .filter(k -> k.getKeyUse() == null || KeyUse.SIGNATURE.equals(k.getKeyUse()))
        .filter(k -> kid == null || kid.equals(k.getKeyID()))
        .toList();
  }

  /** Fetches unless someone fetched since {@code seen} was read or the last try is too recent. */
  private Snapshot refetch(Snapshot seen) {
    synchronized (lock) {
      Snapshot now = snapshot;
      if (now != seen) {
        return now; // another request fetched while this one waited
      }
      long t = clock.millis();
      if (tried && t - lastAttempt < minRefetchMillis) {
        return now;
      }
      return fetchLocked(t);
    }
  }

  private Snapshot fetchLocked(long t) {
    tried = true;
    lastAttempt = t;
    fetches.incrementAndGet();
    try {
      Snapshot fresh = new Snapshot(Objects.requireNonNull(source.fetch(), "key set"), t);
      snapshot = fresh;
      version.incrementAndGet();
      return fresh;
    } catch (Exception e) {
      LOG.warn("Fetching the issuer's key set failed ({}); the cached keys stay in use", e.toString());
      return snapshot;
    }
  }

  private void refreshAheadIfDue(Snapshot s) {
    long age = clock.millis() - s.fetchedAt();
    if (age < ttlMillis - refreshAheadMillis || !refreshing.compareAndSet(false, true)) {
      return;
    }
    try {
      refresher.execute(() -> {
        try {
          synchronized (lock) {
            long t = clock.millis();
            if (snapshot == s && (!tried || t - lastAttempt >= minRefetchMillis)) {
              fetchLocked(t);
            }
          }
        } finally {
          refreshing.set(false);
        }
      });
    } catch (RuntimeException e) {
      refreshing.set(false);
      LOG.debug("Key set refresh not scheduled", e);
    }
  }
}
