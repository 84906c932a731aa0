package org.mcpkit.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.mcpkit.transport.spi.ResponseChannel;

/** The endpoint's one timer wheel for the keep-alive and maximum age of every open stream. */
class StreamTimersTest {
  /** Records frames; every write completes at once. */
  static final class RecordingChannel implements ResponseChannel {
    final List<String> written = new ArrayList<>();
    int ended;

    @Override
    public synchronized void write(byte[] chunk, WriteCallback callback) {
      written.add(new String(chunk, StandardCharsets.UTF_8));
      callback.done();
    }

    @Override
    public synchronized void end() {
      ended++;
    }

    @Override
    public void onClose(Runnable listener) {}

    synchronized List<String> written() {
      return List.copyOf(written);
    }
  }

  /** Polls (bounded) until {@code millis} have passed since {@code start}. */
  private static void waitPast(long start, long millis) {
    long until = start + TimeUnit.MILLISECONDS.toNanos(millis);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (System.nanoTime() - until < 0) {
      assertTrue(System.nanoTime() < deadline, "clock did not advance");
      Thread.onSpinWait();
    }
  }

  @Test
  void closedStreamsLeaveTheWheelAtOnce() {
    StreamTimers timers = new StreamTimers(10);
    List<EventStream> streams = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      EventStream s = new EventStream(new RecordingChannel(), 4, () -> {});
      s.startKeepAlive(timers, 15_000);
      s.limitAge(timers, 600_000, () -> {});
      streams.add(s);
    }
    assertEquals(10_000, timers.size(), "one entry per stream for both timers");
    for (int i = 0; i < 5_000; i++) {
      streams.get(i).finish();
    }
    for (int i = 5_000; i < 10_000; i++) {
      streams.get(i).abort(org.mcpkit.server.observe.StreamCloseReason.CLIENT_GONE, "test");
    }
    assertEquals(0, timers.size());
  }

  @Test
  void keepAliveCommentOnlyWhenIdle() {
    StreamTimers timers = new StreamTimers(5);
    RecordingChannel idleChannel = new RecordingChannel();
    RecordingChannel busyChannel = new RecordingChannel();
    EventStream idle = new EventStream(idleChannel, 4, () -> {});
    long start = System.nanoTime();
    idle.startKeepAlive(timers, 40);
    waitPast(start, 30);
    EventStream busy = new EventStream(busyChannel, 4, () -> {});
    busy.startKeepAlive(timers, 40);
    waitPast(start, 45);
    busy.event("{\"n\":1}".getBytes(StandardCharsets.UTF_8)); // written less than half an interval ago
    timers.tick();
    assertEquals(List.of(":\n\n"), idleChannel.written());
    assertEquals(List.of("event: message\ndata: {\"n\":1}\n\n"), busyChannel.written());
    timers.tick(); // the same interval: nothing more
    assertEquals(1, idleChannel.written().size());
    waitPast(start, 125);
    timers.tick();
    assertEquals(List.of(":\n\n", ":\n\n"), idleChannel.written());
    assertEquals(List.of("event: message\ndata: {\"n\":1}\n\n", ":\n\n"), busyChannel.written());
    assertEquals(2, timers.size());
  }

  @Test
  void maximumAgeEndsOnceAndStopsTheKeepAlive() {
    StreamTimers timers = new StreamTimers(5);
    RecordingChannel channel = new RecordingChannel();
    EventStream stream = new EventStream(channel, 4, () -> {});
    AtomicInteger ends = new AtomicInteger();
    long start = System.nanoTime();
    stream.startKeepAlive(timers, 20);
    stream.limitAge(timers, 50, ends::incrementAndGet);
    waitPast(start, 60);
    timers.tick();
    assertEquals(1, ends.get());
    assertEquals(0, timers.size(), "no timer left after the age ran out");
    waitPast(start, 120);
    timers.tick();
    assertEquals(1, ends.get());
    assertFalse(stream.isClosed(), "the end action decides how the stream ends");
    assertEquals(List.of(), channel.written(), "the age ran out before the first keep-alive was looked at");
  }

  @Test
  void ageOfAStreamThatClosedBeforeNeverRuns() {
    StreamTimers timers = new StreamTimers(5);
    EventStream stream = new EventStream(new RecordingChannel(), 4, () -> {});
    AtomicInteger ends = new AtomicInteger();
    long start = System.nanoTime();
    stream.limitAge(timers, 20, ends::incrementAndGet);
    stream.finish();
    waitPast(start, 30);
    timers.tick();
    assertEquals(0, ends.get());
    assertEquals(0, timers.size());
  }

  @Test
  void oneTickVisitsABoundedNumberOfStreams() {
    StreamTimers timers = new StreamTimers(5);
    int count = StreamTimers.MAX_PER_TICK + 904;
    List<RecordingChannel> channels = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      RecordingChannel c = new RecordingChannel();
      channels.add(c);
      new EventStream(c, 4, () -> {}).startKeepAlive(timers, 20);
    }
    waitPast(System.nanoTime(), 60);
    timers.tick();
    assertEquals(StreamTimers.MAX_PER_TICK, commented(channels));
    timers.tick();
    assertEquals(count, commented(channels));
    assertEquals(count, timers.size());
  }

  private static int commented(List<RecordingChannel> channels) {
    int n = 0;
    for (RecordingChannel c : channels) {
      n += c.written().isEmpty() ? 0 : 1;
    }
    return n;
  }
}
