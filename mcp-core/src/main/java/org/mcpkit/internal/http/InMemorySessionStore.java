package org.mcpkit.internal.http;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.mcpkit.server.http.SessionRecord;
import org.mcpkit.server.http.SessionStore;

/** {@link SessionStore} in a concurrent map. */
public final class InMemorySessionStore implements SessionStore {
  private final Map<String, SessionRecord> records = new ConcurrentHashMap<>();
  /** Claims on sessions' GET streams; an entry exists only while a stream is open. */
  private final Map<String, Claim> claims = new ConcurrentHashMap<>();

  private record Claim(String holder, long until) {}

  @Override
  public void save(SessionRecord record) {
    records.put(record.id(), record);
  }

  @Override
  public boolean replace(SessionRecord record, byte[] expectedState) {
    boolean[] replaced = new boolean[1];
    records.computeIfPresent(record.id(), (k, r) -> {
      replaced[0] = r.hasState(expectedState);
      return replaced[0] ? record : r;
    });
    return replaced[0];
  }

  @Override
  public Optional<SessionRecord> find(String id) {
    return Optional.ofNullable(records.get(id));
  }

  @Override
  public void touch(String id, Instant time) {
    records.computeIfPresent(id, (k, r) -> r.touchedAt(time));
  }

  @Override
  public boolean delete(String id) {
    claims.remove(id);
    return records.remove(id) != null;
  }

  @Override
  public int count() {
    return records.size();
  }

  @Override
  public List<String> idleSince(Instant cutoff) {
    return records.values().stream().filter(r -> r.usedBefore(cutoff)).map(SessionRecord::id).toList();
  }

  @Override
  public boolean claimStream(String id, String holder, Instant now, Duration lease) {
    if (!records.containsKey(id)) {
      return false;
    }
    long at = now.toEpochMilli();
    Claim mine = new Claim(holder, at + lease.toMillis());
    Claim result =
        claims.compute(id, (k, c) -> c == null || c.holder().equals(holder) || c.until() <= at ? mine : c);
    if (!records.containsKey(id)) {
      claims.remove(id, result); // deleted meanwhile
      return false;
    }
    return result == mine;
  }

  @Override
  public void releaseStream(String id, String holder) {
    claims.computeIfPresent(id, (k, c) -> c.holder().equals(holder) ? null : c);
  }

  @Override
  public boolean streamClaimed(String id, Instant now) {
    Claim c = claims.get(id);
    return c != null && c.until() > now.toEpochMilli();
  }
}
