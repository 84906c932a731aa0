package org.mcpkit.server.http;

import java.util.function.Consumer;
import org.mcpkit.internal.http.InMemorySessionBus;

/**
 * Carries signals about 2025-era sessions between the instances of one deployment: a client's
 * answer to a server-to-client request that reached an instance other than the one waiting for
 * it, a cancellation of a call running elsewhere, the end of a session, a change of its record. A
 * signal is opaque bytes (the engine's JSON; a bus passes them on as they are). The in-memory
 * default reaches the endpoints of this JVM; a distributed implementation (e.g. Redis pub/sub)
 * reaches every instance. Give all instances the same bus, store and event store.
 *
 * <p>Delivery is at most once and unordered between signals; a lost signal costs no more than a
 * single instance would lose when the client's message never arrived (the waiting call times out,
 * the ended session's streams close at the next sweep). Implementations are thread-safe; listeners
 * do not block (they only complete futures and enqueue), and are called on the publishing thread or
 * the bus's delivery thread.
 */
public interface SessionBus extends AutoCloseable {
  /** Sends a signal to every subscriber (the publisher's own included; it ignores its own). */
  void publish(byte[] signal);

  /** Subscribes; closing the returned handle unsubscribes. */
  AutoCloseable subscribe(Consumer<byte[]> listener);

  /** Releases resources; further publishes are dropped. */
  @Override
  void close();

  /** A bus that delivers within this JVM, synchronously on the publishing thread. */
  static SessionBus inMemory() {
    return new InMemorySessionBus();
  }
}
