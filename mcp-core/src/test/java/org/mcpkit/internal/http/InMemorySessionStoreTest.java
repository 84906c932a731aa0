package org.mcpkit.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mcpkit.server.http.SessionRecord;
import org.mcpkit.server.http.SessionStore;

/** Claims on a session's GET stream in the in-memory store, and the signals instances exchange. */
class InMemorySessionStoreTest {
  private static SessionRecord record(String id) {
    return SessionRecord.of(id, Instant.now(), "{}".getBytes(StandardCharsets.UTF_8));
  }

  private static final Duration HOUR = Duration.ofHours(1);

  @Test
  void oneHolderAtATimeUntilReleasedOrExpired() {
    SessionStore store = SessionStore.inMemory();
    store.save(record("s"));
    Instant now = Instant.now();
    assertFalse(store.streamClaimed("s", now));
    assertTrue(store.claimStream("s", "a/1", now, HOUR));
    assertTrue(store.streamClaimed("s", now));
    assertFalse(store.claimStream("s", "b/1", now, HOUR), "another holder waits");
    assertTrue(store.claimStream("s", "a/1", now.plusSeconds(1), HOUR), "the holder renews");
    store.releaseStream("s", "b/1");
    assertTrue(store.streamClaimed("s", now), "only the holder releases");
    store.releaseStream("s", "a/1");
    assertFalse(store.streamClaimed("s", now));
    assertTrue(store.claimStream("s", "b/1", now.minusMillis(2), Duration.ofMillis(1)), "free again");
    assertFalse(store.streamClaimed("s", now), "an expired claim counts as none");
    assertTrue(store.claimStream("s", "c/1", now, HOUR), "an expired claim is taken over (its instance died)");
    assertFalse(store.streamClaimed("s", now.plus(HOUR)), "a claim lasts its lease");
    assertFalse(store.claimStream("no-such-session", "a/2", now, HOUR));
    assertTrue(store.delete("s"));
    assertFalse(store.streamClaimed("s", now), "a deleted session's claim goes with it");
  }

  @Test
  void recordsKeepTheirStateOpaqueAndCopied() {
    byte[] state = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
    SessionRecord r = SessionRecord.of("s", Instant.ofEpochMilli(1000), state);
    state[0] = 'x';
    assertEquals("{\"a\":1}", new String(r.state(), StandardCharsets.UTF_8), "the record copied the state");
    assertTrue(r.hasState("{\"a\":1}".getBytes(StandardCharsets.UTF_8)));
    assertFalse(r.hasState(state));
    SessionRecord touched = r.touchedAt(Instant.ofEpochMilli(5000));
    assertEquals(Instant.ofEpochMilli(5000), touched.lastUsedAt());
    assertTrue(touched.usedBefore(Instant.ofEpochMilli(5001)));
    assertFalse(touched.usedBefore(Instant.ofEpochMilli(5000)));
    assertEquals("SessionRecord[lastUsedAt=1970-01-01T00:00:05Z, state=7 bytes]", touched.toString(), "no id or state in logs");
    assertEquals(SessionRecord.of("s", Instant.ofEpochMilli(5000), "{\"a\":1}".getBytes(StandardCharsets.UTF_8)), touched);
  }

  @Test
  void signalsAreJsonAndEachInstanceActsOnlyOnOthersSignalsMeantForIt() throws Exception {
    SessionSignal answer = SessionSignal.clientMessage("s", "A", Optional.of("B"), "{\"jsonrpc\":\"2.0\",\"id\":\"x\",\"result\":{}}");
    assertEquals("{\"kind\":\"CLIENT_MESSAGE\",\"sessionId\":\"s\",\"origin\":\"A\",\"target\":\"B\","
        + "\"message\":\"{\\\"jsonrpc\\\":\\\"2.0\\\",\\\"id\\\":\\\"x\\\",\\\"result\\\":{}}\"}",
        new String(answer.encode(), StandardCharsets.UTF_8));
    assertEquals(Optional.of(answer), SessionSignal.decode(answer.encode()));
    assertEquals(Optional.empty(), SessionSignal.decode("not json".getBytes(StandardCharsets.UTF_8)));
    SessionSignal ended = SessionSignal.sessionEnded("s", "A");
    assertEquals("{\"kind\":\"SESSION_ENDED\",\"sessionId\":\"s\",\"origin\":\"A\"}", new String(ended.encode(), StandardCharsets.UTF_8));
    assertTrue(answer.isFor("B"));
    assertFalse(answer.isFor("C"));
    assertFalse(answer.isFor("A"));
    assertTrue(ended.isFor("B"));
    assertTrue(ended.isFor("C"));
    assertFalse(ended.isFor("A"), "an instance ignores its own broadcast");
    assertThrows(IllegalArgumentException.class, () -> new SessionSignal(SessionSignal.Kind.SESSION_ENDED, "s", "A", null, "{}"));
  }

  @Test
  void serverRequestIdsNameTheAskingInstance() {
    assertEquals(Optional.of("Ab_9-xYz"), SessionReplication.askingInstance(org.mcpkit.jsonrpc.RequestId.of("mcpkit-Ab_9-xYz-12")));
    assertEquals(Optional.empty(), SessionReplication.askingInstance(org.mcpkit.jsonrpc.RequestId.of("mcpkit-12")));
    assertEquals(Optional.empty(), SessionReplication.askingInstance(org.mcpkit.jsonrpc.RequestId.of("other-A-1")));
    assertEquals(Optional.empty(), SessionReplication.askingInstance(org.mcpkit.jsonrpc.RequestId.of(12)));
  }
}
