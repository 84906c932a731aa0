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
 * stream (for example {@code <streamId>.<sequence>}) so that together they are unique per session,
 * as the protocol requires.
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

  /** Keeps at most {@code maxEventsPerStream} events per stream, none older than {@code maxAge}. */
  static EventStore inMemory(int maxEventsPerStream, Duration maxAge) {
    return new InMemoryEventStore(maxEventsPerStream, maxAge);
  }
}
