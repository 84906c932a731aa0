package org.mcpkit.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one body reader: collection within the limit, discarding past it, and the discard after an early answer. */
class BoundedBodyTest {
  private static final class Recorder implements BoundedBody.Handler {
    final List<String> events = new ArrayList<>();
    byte[] body;

    @Override
    public void body(byte[] body) {
      this.body = body;
      events.add("body " + body.length);
    }

    @Override
    public void tooLarge() {
      events.add("tooLarge");
    }

    @Override
    public void failed(Throwable error) {
      events.add("failed " + error.getMessage());
    }
  }

  @Test
  void aBodyInChunksIsCollectedWhole() {
    Recorder r = new Recorder();
    BoundedBody body = BoundedBody.collect(100, -1, r);
    assertTrue(body.data("{\"a\":".getBytes(StandardCharsets.UTF_8), 0, 5));
    assertTrue(body.data("xx1}yy".getBytes(StandardCharsets.UTF_8), 2, 2));
    body.end();
    assertEquals(List.of("body 7"), r.events);
    assertEquals("{\"a\":1}", new String(r.body, StandardCharsets.UTF_8));
    assertFalse(body.data(new byte[1], 0, 1), "nothing after the end");
    body.end();
    assertEquals(List.of("body 7"), r.events, "one answer only");
  }

  @Test
  void aBodyInOneChunkIsKeptWithoutACopy() {
    Recorder r = new Recorder();
    byte[] chunk = "{}".getBytes(StandardCharsets.UTF_8);
    BoundedBody body = BoundedBody.collect(100, -1, r);
    body.data(chunk, 0, 2);
    body.end();
    assertEquals("{}", new String(r.body, StandardCharsets.UTF_8));
    Recorder declared = new Recorder();
    BoundedBody exact = BoundedBody.collect(100, 2, declared);
    exact.data(chunk, 0, 2);
    exact.end();
    assertEquals(List.of("body 2"), declared.events);
    Recorder empty = new Recorder();
    BoundedBody none = BoundedBody.collect(100, -1, empty);
    none.end();
    assertEquals(List.of("body 0"), empty.events);
  }

  @Test
  void pastTheLimitItDropsTheRestAndSaysTooLargeWhenTheBodyEnds() {
    Recorder r = new Recorder();
    List<String> ended = new ArrayList<>();
    BoundedBody body = BoundedBody.collect(10, -1, r);
    assertTrue(body.data(new byte[8], 0, 8));
    assertEquals(List.of(), r.events);
    assertTrue(body.data(new byte[8], 0, 8), "past the limit: it reads on, so the client is not reset");
    body.whenRead(() -> ended.add("end"));
    assertTrue(body.data(new byte[1000], 0, 1000));
    assertEquals(List.of(), r.events, "nothing until the body ended");
    assertEquals(List.of(), ended);
    body.end();
    assertEquals(List.of("tooLarge"), r.events);
    assertEquals(List.of("end"), ended);
  }

  @Test
  void pastTheDiscardLimitItStopsReading() {
    Recorder r = new Recorder();
    List<String> ended = new ArrayList<>();
    BoundedBody body = BoundedBody.collect(10, -1, r);
    byte[] mib = new byte[1024 * 1024];
    assertTrue(body.data(mib, 0, mib.length), "this chunk crosses the limit: dropped from here");
    body.whenRead(() -> ended.add("end"));
    assertTrue(body.data(mib, 0, mib.length));
    assertTrue(body.data(mib, 0, mib.length));
    assertFalse(body.data(mib, 0, 1), "more than 2 MiB dropped past the limit: stop");
    assertEquals(List.of("tooLarge"), r.events);
    assertEquals(List.of("end"), ended);
    body.end();
    assertEquals(List.of("end"), ended, "once");
  }

  @Test
  void aFailedReadIsReportedOnce() {
    Recorder r = new Recorder();
    BoundedBody body = BoundedBody.collect(10, 5, r);
    body.data(new byte[3], 0, 3);
    body.failed(new IOException("reset"));
    body.end();
    assertEquals(List.of("failed reset"), r.events);
  }

  @Test
  void theDiscardAfterAnEarlyAnswerEndsTheResponseOnce() {
    List<String> ended = new ArrayList<>();
    BoundedBody drop = BoundedBody.discard();
    drop.whenRead(() -> ended.add("end"));
    assertTrue(drop.data(new byte[4096], 0, 4096));
    drop.end();
    drop.end();
    assertEquals(List.of("end"), ended);
    List<String> cut = new ArrayList<>();
    BoundedBody big = BoundedBody.discard();
    byte[] mib = new byte[1024 * 1024];
    big.data(mib, 0, mib.length);
    big.data(mib, 0, mib.length);
    assertFalse(big.data(mib, 0, 1));
    big.whenRead(() -> cut.add("end"));
    assertEquals(List.of("end"), cut, "a body past the discard limit is cut off; the response ends at once");
    List<String> failed = new ArrayList<>();
    BoundedBody broken = BoundedBody.discard();
    broken.whenRead(() -> failed.add("end"));
    broken.failed(new IOException("gone"));
    assertEquals(List.of("end"), failed);
  }

  @Test
  void theDiscardLimitIsTwoMebibytes() {
    assertEquals(2L * 1024 * 1024, BoundedBody.DISCARD_LIMIT);
  }
}
