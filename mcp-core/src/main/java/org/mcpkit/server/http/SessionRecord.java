package org.mcpkit.server.http;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * A 2025-era session as a {@link SessionStore} keeps it: its id, when it was last used (idle
 * expiry counts from here; the store sets it with {@link SessionStore#touch}), and the engine's
 * state of the session as opaque JSON bytes that the store persists as they are (the engine alone
 * reads them; what they hold may change between releases). Immutable and thread-safe; never shows
 * its state in {@link #toString()}.
 */
public final class SessionRecord {
  private final String id;
  private final long lastUsedAt;
  private final byte[] state;

  private SessionRecord(String id, long lastUsedAt, byte[] state) {
    this.id = id;
    this.lastUsedAt = lastUsedAt;
    this.state = state;
  }

  /**
   * A record, as the engine creates one or a store reads one back.
   *
   * @param id the session id
   * @param lastUsedAt when the session was last used
   * @param state the engine's state of the session, as it was given to the store (copied)
   */
  public static SessionRecord of(String id, Instant lastUsedAt, byte[] state) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(lastUsedAt, "lastUsedAt");
    Objects.requireNonNull(state, "state");
    return new SessionRecord(id, lastUsedAt.toEpochMilli(), state.clone());
  }

  /** The session id. */
  public String id() {
    return id;
  }

  /** When the session was last used. */
  public Instant lastUsedAt() {
    return Instant.ofEpochMilli(lastUsedAt);
  }

  /** Whether the session was last used before {@code time}. */
  public boolean usedBefore(Instant time) {
    return lastUsedAt < time.toEpochMilli();
  }

  /** The engine's state of the session (a copy), for a store to persist. */
  public byte[] state() {
    return state.clone();
  }

  /** Whether this record holds exactly {@code state} (no copy). */
  public boolean hasState(byte[] state) {
    return state != null && Arrays.equals(this.state, state);
  }

  /** A copy last used at {@code time}, sharing the state. */
  public SessionRecord touchedAt(Instant time) {
    return new SessionRecord(id, time.toEpochMilli(), state);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SessionRecord r && r.id.equals(id) && r.lastUsedAt == lastUsedAt && Arrays.equals(r.state, state);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, lastUsedAt) * 31 + Arrays.hashCode(state);
  }

  @Override
  public String toString() {
    return "SessionRecord[lastUsedAt=" + lastUsedAt() + ", state=" + state.length + " bytes]";
  }
}
