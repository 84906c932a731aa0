package org.mcpkit.server.secret;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.mcpkit.testing.ManualTime;

/** The cache: fetch counts, refresh after the interval, stale-on-error with one WARN line, the stale limit. */
class RefreshingSecretSourceTest {
  private static final String VALUE_MARK = "TOPSECRET";
  private final ManualTime time = new ManualTime();
  private final AtomicReference<String> value = new AtomicReference<>(VALUE_MARK + "-1");
  private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
  private final AtomicInteger fetches = new AtomicInteger();
  private final SecretSource origin = name -> {
    fetches.incrementAndGet();
    RuntimeException f = failure.get();
    if (f != null) {
      throw f;
    }
    return value.get().getBytes(StandardCharsets.UTF_8);
  };

  private RefreshingSecretSource inline(Duration interval, Duration maxStale) {
    return RefreshingSecretSource.builder(origin).refreshInterval(interval).maxStale(maxStale).clock(time.clock())
        .executor(Runnable::run).build();
  }

  @Test
  void readsWithinTheIntervalComeFromMemoryAndTheNextReadAfterItRefreshes() {
    RefreshingSecretSource s = inline(Duration.ofSeconds(60), Duration.ofHours(1));
    assertEquals(VALUE_MARK + "-1", s.string("k"));
    value.set(VALUE_MARK + "-2");
    time.advance(Duration.ofSeconds(59));
    assertEquals(VALUE_MARK + "-1", s.string("k"));
    assertEquals(1, fetches.get());
    time.advance(Duration.ofSeconds(1));
    assertEquals(VALUE_MARK + "-2", s.string("k"));
    assertEquals(2, fetches.get());
    assertEquals(VALUE_MARK + "-2", s.string("k"));
    assertEquals(2, fetches.get());
  }

  @Test
  void aFailingRefreshServesTheLastValueLogsOnceWithoutItAndRetriesAfterAnInterval() {
    RefreshingSecretSource s = inline(Duration.ofSeconds(60), Duration.ofHours(1));
    assertEquals(VALUE_MARK + "-1", s.string("k"));
    failure.set(new SecretUnavailableException("k", "backend answered 500"));
    time.advance(Duration.ofSeconds(60));
    String log = captureErr(() -> {
      assertEquals(VALUE_MARK + "-1", s.string("k"));
      assertEquals(VALUE_MARK + "-1", s.string("k"));
    });
    List<String> lines = log.lines().filter(l -> l.contains("RefreshingSecretSource")).toList();
    assertEquals(1, lines.size(), log);
    assertTrue(lines.get(0).contains("WARN"), lines.get(0));
    assertTrue(lines.get(0).contains("Secret k could not be refreshed (backend answered 500); serving the value fetched at 2026-01-01T00:00:00Z"),
        lines.get(0));
    assertFalse(log.contains(VALUE_MARK), "never the value");
    assertEquals(2, fetches.get(), "one attempt per interval");
    failure.set(null);
    value.set(VALUE_MARK + "-2");
    time.advance(Duration.ofSeconds(59));
    assertEquals(VALUE_MARK + "-1", s.string("k"));
    time.advance(Duration.ofSeconds(1));
    assertEquals(VALUE_MARK + "-2", s.string("k"));
    assertEquals(3, fetches.get());
  }

  @Test
  void pastTheStaleLimitAReadFetchesItselfAndFailsIfTheOriginStillFails() {
    RefreshingSecretSource s = inline(Duration.ofMinutes(1), Duration.ofMinutes(10));
    s.bytes("k");
    failure.set(new IllegalStateException("connection refused " + VALUE_MARK));
    time.advance(Duration.ofMinutes(10));
    captureErr(() -> assertEquals(VALUE_MARK + "-1", s.string("k")));
    time.advance(Duration.ofMillis(1));
    SecretUnavailableException e = assertThrows(SecretUnavailableException.class, () -> s.bytes("k"));
    assertEquals("the source failed (java.lang.IllegalStateException)", e.problem(), "the cause's text stays out");
    assertEquals("k", e.secretName());
    failure.set(null);
    assertEquals(VALUE_MARK + "-1", s.string("k"));
  }

  @Test
  void theFirstReadFailsWhenTheOriginDoesAndANullIsAFailure() {
    failure.set(new SecretUnavailableException("k", "no such secret"));
    RefreshingSecretSource s = inline(Duration.ofMinutes(1), Duration.ofMinutes(10));
    assertEquals("no such secret", assertThrows(SecretUnavailableException.class, () -> s.bytes("k")).problem());
    RefreshingSecretSource nulls = RefreshingSecretSource.builder(name -> null).build();
    assertEquals("the source failed (java.lang.NullPointerException)",
        assertThrows(SecretUnavailableException.class, () -> nulls.bytes("k")).problem());
  }

  @Test
  void aBackgroundRefreshNeverHoldsUpAReadAndRunsOncePerName() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger calls = new AtomicInteger();
    SecretSource slow = name -> {
      if (calls.incrementAndGet() > 1) {
        entered.countDown();
        try {
          release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return "new".getBytes(StandardCharsets.UTF_8);
      }
      return "old".getBytes(StandardCharsets.UTF_8);
    };
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      RefreshingSecretSource s = RefreshingSecretSource.builder(slow).refreshInterval(Duration.ofSeconds(1))
          .clock(time.clock()).executor(pool).build();
      assertEquals("old", s.string("k"));
      time.advance(Duration.ofSeconds(1));
      assertEquals("old", s.string("k"), "answered while the refresh starts");
      assertTrue(entered.await(10, TimeUnit.SECONDS));
      for (int i = 0; i < 100; i++) {
        assertEquals("old", s.string("k"), "answered while the refresh hangs");
      }
      assertEquals(2, calls.get(), "one refresh in flight");
      release.countDown();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!s.string("k").equals("new") && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      assertEquals("new", s.string("k"));
    } finally {
      release.countDown();
      pool.shutdownNow();
    }
  }

  @Test
  void settingsAreValidated() {
    RefreshingSecretSource.Builder b = RefreshingSecretSource.builder(origin);
    assertThrows(IllegalArgumentException.class, () -> b.refreshInterval(Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> b.maxStale(Duration.ofSeconds(-1)));
    assertThrows(IllegalArgumentException.class,
        () -> RefreshingSecretSource.builder(origin).refreshInterval(Duration.ofHours(2)).maxStale(Duration.ofHours(1)).build());
    assertThrows(NullPointerException.class, () -> RefreshingSecretSource.builder(null));
  }

  private static String captureErr(Runnable r) {
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      r.run();
    } finally {
      System.setErr(err);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }
}
