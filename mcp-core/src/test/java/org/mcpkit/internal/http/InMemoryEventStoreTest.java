package org.mcpkit.internal.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.mcpkit.server.http.EventStore;

/** The in-memory event store: ids, order, and retention by count, age and number of streams. */
class InMemoryEventStoreTest {
  private final AtomicLong now = new AtomicLong(1_000_000_000L);

  private InMemoryEventStore store(int perStream, Duration age, int streams) {
    return new InMemoryEventStore(perStream, age, streams, now::get);
  }

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static List<String> ids(List<EventStore.Event> events) {
    return events.stream().map(EventStore.Event::id).toList();
  }

  private void advance(Duration d) {
    now.addAndGet(d.toNanos());
  }

  @Test
  void idsEncodeTheStreamAndAfterReplaysLaterEventsInOrder() {
    InMemoryEventStore s = store(10, Duration.ofMinutes(1), 10);
    assertEquals("a~1.1", s.append("a~1", new byte[0]));
    assertEquals("a~1.2", s.append("a~1", b("x")));
    assertEquals("a~2.1", s.append("a~2", b("other stream")));
    assertEquals("a~1.3", s.append("a~1", b("y")));
    assertEquals(Optional.of("a~1"), s.streamOf("a~1.2"));
    List<EventStore.Event> after = s.after("a~1.1");
    assertEquals(List.of("a~1.2", "a~1.3"), ids(after));
    assertArrayEquals(b("x"), after.get(0).message());
    assertArrayEquals(b("y"), after.get(1).message());
    assertEquals(List.of(), s.after("a~1.3"));
    assertEquals(List.of(), ids(s.after("a~2.1")));
  }

  @Test
  void malformedAndUnknownIdsFindNothing() {
    InMemoryEventStore s = store(10, Duration.ofMinutes(1), 10);
    s.append("a~1", b("x"));
    for (String bad : List.of("nodot", ".1", "a~1.x", "a~9.1", "")) {
      if (!bad.equals("a~1.x")) { // a known stream with a bad sequence: the stream is known, nothing follows
        assertEquals(Optional.empty(), s.streamOf(bad), bad);
      }
      assertEquals(List.of(), s.after(bad), bad);
    }
    assertEquals("stream ids must be non-empty and must not contain '.'",
        assertThrows(IllegalArgumentException.class, () -> s.append("a.b", b("x"))).getMessage());
    assertEquals("maxStreams must be positive",
        assertThrows(IllegalArgumentException.class, () -> new InMemoryEventStore(1, Duration.ofSeconds(1), 0)).getMessage());
  }

  @Test
  void eachStreamKeepsAtMostItsCountNewestFirst() {
    InMemoryEventStore s = store(3, Duration.ofMinutes(1), 10);
    for (int i = 1; i <= 5; i++) {
      s.append("a~1", b("e" + i));
    }
    assertEquals(List.of("a~1.3", "a~1.4", "a~1.5"), ids(s.after("a~1.0")));
    assertEquals(List.of("a~1.4", "a~1.5"), ids(s.after("a~1.3")));
  }

  @Test
  void eventsOlderThanTheMaximumAgeAreGoneAndSoAreIdleStreams() {
    InMemoryEventStore s = store(100, Duration.ofMinutes(10), 10);
    s.append("a~1", b("old"));
    advance(Duration.ofMinutes(6));
    s.append("a~1", b("newer"));
    s.append("b~1", b("b"));
    advance(Duration.ofMinutes(5)); // "old" is 11 minutes old, "newer" 5
    assertEquals(List.of("a~1.2"), ids(s.after("a~1.0")), "an old event of a live stream is not replayed");
    advance(Duration.ofMinutes(6)); // every event is older than 10 minutes
    assertEquals(Optional.empty(), s.streamOf("a~1.2"));
    assertEquals(List.of(), s.after("a~1.0"));
    assertEquals(0, s.streamCount());
  }

  @Test
  void theLeastRecentlyWrittenStreamIsEvictedBeyondTheStreamBound() {
    InMemoryEventStore s = store(10, Duration.ofMinutes(10), 2);
    s.append("a~1", b("a"));
    s.append("b~1", b("b"));
    s.append("a~1", b("a again")); // a is now the most recently written
    s.append("c~1", b("c"));
    assertEquals(2, s.streamCount());
    assertEquals(Optional.empty(), s.streamOf("b~1.1"));
    assertEquals(Optional.of("a~1"), s.streamOf("a~1.1"));
    assertEquals(Optional.of("c~1"), s.streamOf("c~1.1"));
  }

  @Test
  void removingASessionForgetsAllItsStreamsAndNoOther() {
    InMemoryEventStore s = store(10, Duration.ofMinutes(10), 10);
    s.append("x~1", b("1"));
    s.append("x~2", b("2"));
    s.append("y~1", b("3"));
    s.removeSession("x");
    assertEquals(Optional.empty(), s.streamOf("x~1.1"));
    assertEquals(Optional.empty(), s.streamOf("x~2.1"));
    assertEquals(Optional.of("y~1"), s.streamOf("y~1.1"));
    assertEquals(1, s.streamCount());
    s.removeSession("unknown"); // no effect
    assertEquals(1, s.streamCount());
  }

  @Test
  void tenThousandStreamsStayBoundedAndAppendsStayCheap() {
    InMemoryEventStore s = store(5, Duration.ofMinutes(10), 1000);
    long start = System.nanoTime();
    for (int i = 0; i < 10_000; i++) {
      s.append("s" + i + "~1", b("e"));
    }
    assertEquals(1000, s.streamCount());
    assertEquals(Optional.of("s9999~1"), s.streamOf("s9999~1.1"));
    assertEquals(Optional.empty(), s.streamOf("s0~1.1"));
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    org.junit.jupiter.api.Assertions.assertTrue(ms < 5000, "10,000 appends took " + ms + " ms");
  }
}
