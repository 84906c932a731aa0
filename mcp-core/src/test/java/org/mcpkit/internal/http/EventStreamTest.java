package org.mcpkit.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.mcpkit.transport.spi.ResponseChannel;

class EventStreamTest {
  /** A channel whose writes complete only when the test says so: a reader that stopped reading. */
  static final class StalledChannel implements ResponseChannel {
    final List<String> written = new ArrayList<>();
    final List<WriteCallback> waiting = new ArrayList<>();
    int ended;
    Runnable closeListener;

    @Override
    public synchronized void write(byte[] chunk, WriteCallback callback) {
      written.add(new String(chunk, StandardCharsets.UTF_8));
      waiting.add(callback);
    }

    @Override
    public synchronized void end() {
      ended++;
    }

    @Override
    public void onClose(Runnable listener) {
      closeListener = listener;
    }

    void completeOne() {
      WriteCallback cb;
      synchronized (this) {
        cb = waiting.remove(0);
      }
      cb.done();
    }
  }

  @Test
  void oneWriteAtATimeInOrder() {
    StalledChannel channel = new StalledChannel();
    EventStream stream = new EventStream(channel, 8, () -> {});
    stream.event("{\"a\":1}".getBytes(StandardCharsets.UTF_8));
    stream.event("{\"a\":2}".getBytes(StandardCharsets.UTF_8));
    assertEquals(List.of("event: message\ndata: {\"a\":1}\n\n"), channel.written);
    channel.completeOne();
    assertEquals("event: message\ndata: {\"a\":2}\n\n", channel.written.get(1));
    stream.finish();
    assertEquals(0, channel.ended);
    channel.completeOne();
    assertEquals(1, channel.ended);
    assertTrue(stream.isClosed());
  }

  @Test
  void aReaderThatStopsReadingIsCutOffWithoutBlockingTheWriter() {
    StalledChannel channel = new StalledChannel();
    AtomicInteger gone = new AtomicInteger();
    EventStream stream = new EventStream(channel, 4, gone::incrementAndGet);
    int accepted = 0;
    for (int i = 0; i < 10; i++) {
      if (stream.send(EventStream.COMMENT)) {
        accepted++;
      }
    }
    assertEquals(5, accepted, "one in flight plus four queued");
    assertTrue(stream.isClosed());
    assertEquals(1, gone.get());
    assertEquals(1, channel.ended);
    assertFalse(stream.send(EventStream.COMMENT));
  }

  @Test
  void clientGoingAwayEndsTheStreamOnce() {
    StalledChannel channel = new StalledChannel();
    AtomicInteger gone = new AtomicInteger();
    EventStream stream = new EventStream(channel, 4, gone::incrementAndGet);
    channel.closeListener.run();
    channel.closeListener.run();
    assertEquals(1, gone.get());
    assertFalse(stream.send(EventStream.COMMENT));
  }

  @Test
  void keepAliveCommentsFlowWhileIdle() throws Exception {
    StalledChannel channel = new StalledChannel();
    EventStream stream = new EventStream(channel, 4, () -> {});
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    try {
      StreamTimers wheel = new StreamTimers(System::nanoTime, StreamTimers.tickFor(20, 0));
      wheel.start(timer);
      stream.startKeepAlive(wheel, 20);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (true) {
        synchronized (channel) {
          if (!channel.written.isEmpty()) {
            break;
          }
        }
        assertTrue(System.nanoTime() < deadline, "no keep-alive within 5 s");
        Thread.onSpinWait();
      }
      assertEquals(":\n\n", channel.written.get(0));
    } finally {
      timer.shutdownNow();
    }
  }
}
