package org.mcpkit.auth.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import org.mcpkit.server.AccessToken;

/**
 * Validation results by token (introspection answers, accepted JWTs): keyed by the token's SHA-256
 * (the token itself is never kept), each until its own expiry and while the version it was made
 * under is current (a JWT's key set); concurrent lookups of one token share one validation; failures
 * are not kept. At most {@code maxEntries}: beyond that expired entries go first, then any. Thread-safe.
 */
public final class TokenCache {
  /** A result, until when it may be used, and the version it was made under. */
  public record Entry(AccessToken token, Instant until, long version) {
    /** A result that holds whatever the version. */
    public Entry(AccessToken token, Instant until) {
      this(token, until, 0);
    }
  }

  private final Clock clock;
  private final int maxEntries;
  private final ConcurrentHashMap<String, CompletableFuture<Entry>> entries = new ConcurrentHashMap<>();

  /** A cache reading {@code clock}, holding at most {@code maxEntries}. */
  public TokenCache(Clock clock, int maxEntries) {
    this.clock = clock;
    this.maxEntries = maxEntries;
  }

  /**
   * The cached result for {@code token} while it is fresh, else what {@code load} answers (run on
   * this thread; other threads asking for the same token wait for it). A {@code RuntimeException}
   * of {@code load} is rethrown to every waiter and nothing is kept.
   */
  public AccessToken get(String token, Function<String, Entry> load) {
    return get(token, load, 0);
  }

  /**
   * As {@link #get(String, Function)}, where a kept result counts only if it was made under {@code
   * version} (the caller's current one, e.g. of a key set); a result of another version is dropped
   * and {@code load} runs again.
   */
  public AccessToken get(String token, Function<String, Entry> load, long version) {
    String key = digest(token);
    while (true) {
      CompletableFuture<Entry> existing = entries.get(key);
      if (existing != null) {
        Entry e;
        try {
          e = existing.get();
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while waiting for an introspection");
        } catch (ExecutionException ee) {
          entries.remove(key, existing);
          throw ee.getCause() instanceof RuntimeException re ? re : new IllegalStateException("introspection failed");
        }
        if (e.version == version && clock.instant().isBefore(e.until)) {
          return e.token;
        }
        entries.remove(key, existing);
        continue;
      }
      CompletableFuture<Entry> mine = new CompletableFuture<>();
      if (entries.putIfAbsent(key, mine) != null) {
        continue;
      }
      try {
        Entry e = load.apply(token);
        mine.complete(e);
        if (!clock.instant().isBefore(e.until)) {
          entries.remove(key, mine);
        }
        bound();
        return e.token;
      } catch (RuntimeException ex) {
        entries.remove(key, mine);
        mine.completeExceptionally(ex);
        throw ex;
      }
    }
  }

  /** Entries held now (tests). */
  public int size() {
    return entries.size();
  }

  private void bound() {
    if (entries.size() <= maxEntries) {
      return;
    }
    Instant now = clock.instant();
    entries.entrySet().removeIf(e -> {
      CompletableFuture<Entry> f = e.getValue();
      return f.isDone() && !f.isCompletedExceptionally() && !now.isBefore(f.join().until);
    });
    Iterator<Map.Entry<String, CompletableFuture<Entry>>> it = entries.entrySet().iterator();
    while (entries.size() > maxEntries && it.hasNext()) {
      if (it.next().getValue().isDone()) {
        it.remove();
      }
    }
  }

  private static String digest(String token) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
