package org.mcpkit.server.http;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.mcpkit.internal.http.InMemoryEventStore;

/**
 * Keeps the events of 2025-era SSE streams so a client whose connection broke can resume with
 * {@code Last-Event-ID} and receive what it missed, exactly once. Event ids encode their stream.
 * Implementations are thread-safe, bound what they keep, and must not block for long.
 *
 * <p>Several instances may share one store. The engine mints every stream id with 128 random bits
 * after the session id ({@code <sessionId>~<random>}, never a {@code '.'}), so stream ids are
 * unique across instances and restarts; an implementation must keep event ids unique within a
 * stream, and begin with the stream id (for example {@code <streamId>.<sequence>}), so that they
 * are unique per session, as the protocol requires, and name the session they belong to.
 *
 * <p>A {@code Last-Event-ID} of the session that the store no longer knows (older than its
 * retention, or the stream was evicted) is answered with an empty replay that ends at once, not an
 * error; an id of another session is refused with 400.
 */
public interface EventStore {
  /** One stored event. @param id the event id @param message the JSON-RPC message, or empty for a priming event */
  record Event(String id, byte[] message) {}

  /** Stores a message of a stream and returns its new event id. */
  String append(String streamId, byte[] message);

  /** The stream an event id belongs to, if it is still known. */
  Optional<String> streamOf(String eventId);

  /** The events of that event's stream stored after it, in order (empty when none or unknown). */
  List<Event> after(String eventId);

  /**
   * Forgets every stream of a session (its id is the part of the stream id before the last
   * {@code '~'}); called when the session is deleted or expires. Stores that bound retention by
   * age alone may leave the events to expire.
   */
  default void removeSession(String sessionId) {}

  /**
   * Keeps at most {@code maxEventsPerStream} events per stream, none older than {@code maxAge}, and
   * at most 10,000 streams (the least recently written goes first).
   */
  static EventStore inMemory(int maxEventsPerStream, Duration maxAge) {
    return new InMemoryEventStore(maxEventsPerStream, maxAge);
  }

  /**
   * Keeps at most {@code maxEventsPerStream} events per stream, none older than {@code maxAge}, and
   * at most {@code maxStreams} streams (the least recently written goes first).
   */
  static EventStore inMemory(int maxEventsPerStream, Duration maxAge, int maxStreams) {
    return new InMemoryEventStore(maxEventsPerStream, maxAge, maxStreams);
  }
}
