package org.mcpkit.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mcpkit.internal.json.Json;
import org.mcpkit.server.http.SessionRecord;
import org.mcpkit.server.http.SessionSignal;
import org.mcpkit.server.http.SessionStore;

/** Claims on a session's GET stream in the in-memory store, and the signals instances exchange. */
class InMemorySessionStoreTest {
  private static SessionRecord record(String id) {
    long now = System.currentTimeMillis();
    return new SessionRecord(id, "2025-11-25", null, null, null, null, Set.of(), now, now, true);
  }

  @Test
  void oneHolderAtATimeUntilReleasedOrExpired() {
    SessionStore store = SessionStore.inMemory();
    store.save(record("s"));
    Instant now = Instant.now();
    Instant hour = now.plusSeconds(3600);
    assertFalse(store.streamClaimed("s", now));
    assertTrue(store.claimStream("s", "a/1", hour));
    assertTrue(store.streamClaimed("s", now));
    assertFalse(store.claimStream("s", "b/1", hour), "another holder waits");
    assertTrue(store.claimStream("s", "a/1", hour.plusSeconds(1)), "the holder renews");
    store.releaseStream("s", "b/1");
    assertTrue(store.streamClaimed("s", now), "only the holder releases");
    store.releaseStream("s", "a/1");
    assertFalse(store.streamClaimed("s", now));
    assertTrue(store.claimStream("s", "b/1", now.minusMillis(1)), "free again");
    assertFalse(store.streamClaimed("s", now), "an expired claim counts as none");
    assertTrue(store.claimStream("s", "c/1", hour), "an expired claim is taken over (its instance died)");
    assertFalse(store.claimStream("no-such-session", "a/2", hour));
    assertTrue(store.delete("s"));
    assertFalse(store.streamClaimed("s", now), "a deleted session's claim goes with it");
  }

  @Test
  void signalsAreJsonAndEachInstanceActsOnlyOnOthersSignalsMeantForIt() throws Exception {
    ObjectMapper m = Json.mapper();
    SessionSignal answer = SessionSignal.clientMessage("s", "A", Optional.of("B"), "{\"jsonrpc\":\"2.0\",\"id\":\"x\",\"result\":{}}");
    assertEquals("{\"kind\":\"CLIENT_MESSAGE\",\"sessionId\":\"s\",\"origin\":\"A\",\"target\":\"B\","
        + "\"message\":\"{\\\"jsonrpc\\\":\\\"2.0\\\",\\\"id\\\":\\\"x\\\",\\\"result\\\":{}}\"}", m.writeValueAsString(answer));
    assertEquals(answer, m.readValue(m.writeValueAsString(answer), SessionSignal.class));
    SessionSignal ended = SessionSignal.sessionEnded("s", "A");
    assertEquals("{\"kind\":\"SESSION_ENDED\",\"sessionId\":\"s\",\"origin\":\"A\"}", m.writeValueAsString(ended));
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
    assertEquals(Optional.of("Ab_9-xYz"), StreamableHttp.askingInstance(org.mcpkit.jsonrpc.RequestId.of("mcpkit-Ab_9-xYz-12")));
    assertEquals(Optional.empty(), StreamableHttp.askingInstance(org.mcpkit.jsonrpc.RequestId.of("mcpkit-12")));
    assertEquals(Optional.empty(), StreamableHttp.askingInstance(org.mcpkit.jsonrpc.RequestId.of("other-A-1")));
    assertEquals(Optional.empty(), StreamableHttp.askingInstance(org.mcpkit.jsonrpc.RequestId.of(12)));
  }
}
