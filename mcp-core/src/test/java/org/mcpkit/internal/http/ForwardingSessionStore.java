package org.mcpkit.internal.http;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.mcpkit.server.http.SessionRecord;
import org.mcpkit.server.http.SessionStore;

/**
 * A session store that hands every abstract call to {@link #real}, for test stores that hold,
 * count or fail some calls and override only those. The interface's default methods stay the
 * defaults (they run on this store's own calls) unless a subclass forwards them too.
 */
abstract class ForwardingSessionStore implements SessionStore {
  final SessionStore real;

  ForwardingSessionStore(SessionStore real) {
    this.real = real;
  }

  @Override
  public void save(SessionRecord record) {
    real.save(record);
  }

  @Override
  public Optional<SessionRecord> find(String id) {
    return real.find(id);
  }

  @Override
  public void touch(String id, Instant time) {
    real.touch(id, time);
  }

  @Override
  public boolean delete(String id) {
    return real.delete(id);
  }

  @Override
  public int count() {
    return real.count();
  }

  @Override
  public List<String> idleSince(Instant cutoff) {
    return real.idleSince(cutoff);
  }

  @Override
  public boolean claimStream(String id, String holder, Instant now, Duration lease) {
    return real.claimStream(id, holder, now, lease);
  }

  @Override
  public void releaseStream(String id, String holder) {
    real.releaseStream(id, holder);
  }

  @Override
  public boolean streamClaimed(String id, Instant now) {
    return real.streamClaimed(id, now);
  }
}
