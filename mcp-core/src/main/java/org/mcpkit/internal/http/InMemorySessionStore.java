package org.mcpkit.internal.http;

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

  @Override
  public void save(SessionRecord record) {
    records.put(record.id(), record);
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
    return records.remove(id) != null;
  }

  @Override
  public int count() {
    return records.size();
  }

  @Override
  public List<String> idleSince(Instant cutoff) {
    return records.values().stream().filter(r -> r.lastUsedAt() < cutoff.toEpochMilli()).map(SessionRecord::id).toList();
  }
}
