package org.mcpkit.server.http;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.mcpkit.internal.http.InMemorySessionStore;

/**
 * Where 2025-era session records live. The in-memory default serves one instance; a shared store
 * (e.g. Redis) lets any instance serve any session: an instance that has not seen a session
 * rebuilds it from its record. Times come from the endpoint's clock. Implementations are
 * thread-safe and must not block for long: they are called on request paths.
 */
public interface SessionStore {
  /** Creates or replaces a record. */
  void save(SessionRecord record);

  /** The record of a live session. */
  Optional<SessionRecord> find(String id);

  /** Marks a session used at {@code time} (idle expiry counts from here). */
  void touch(String id, Instant time);

  /** Removes a session and its stream claim; returns whether it existed. */
  boolean delete(String id);

  /** Number of live sessions. */
  int count();

  /** Ids of sessions not used since {@code cutoff}, for expiry sweeps. */
  List<String> idleSince(Instant cutoff);

  /**
   * Claims the session's one standalone GET stream for {@code holder} for {@code lease} from
   * {@code now}, or renews the claim {@code holder} already has. False while another holder's claim
   * is unexpired (its GET gets 409) or the session does not exist. Claims expire so that an
   * instance that died holding a stream does not block the client for longer than one lease.
   */
  boolean claimStream(String id, String holder, Instant now, Duration lease);

  /** Ends {@code holder}'s claim on the session's GET stream; does nothing when it has none. */
  void releaseStream(String id, String holder);

  /** Whether some holder's claim on the session's GET stream is unexpired at {@code now}. */
  boolean streamClaimed(String id, Instant now);

  /**
   * Whether the store answered its last check; answers at once, never blocks. An instance serves a
   * session from its own copy ({@link HttpEndpointOptions#sessionRevalidation}) only while this is
   * true; otherwise every request reads the store. A networked store turns it false as soon as it
   * loses its connection or a call fails. The default, for stores in this JVM: always true.
   */
  default boolean reachable() {
    return true;
  }

  /**
   * Replaces a record only while the stored state is still {@code expectedState} (compare and
   * set), so that two instances changing one session at the same moment cannot undo each other's
   * change: the one that loses re-reads the record, merges and tries again. False when the stored
   * state differs or the session is gone. A store that several instances share must do this
   * atomically; this default (a read, then a save) suits a store only one instance uses.
   */
  default boolean replace(SessionRecord record, byte[] expectedState) {
    Optional<SessionRecord> current = find(record.id());
    if (current.isEmpty() || !current.get().hasState(expectedState)) {
      return false;
    }
    save(record);
    return true;
  }

  /** A store in this JVM's memory. */
  static SessionStore inMemory() {
    return new InMemorySessionStore();
  }
}
