package org.mcpkit.server;

import java.util.function.Consumer;
import org.mcpkit.internal.dispatch.InMemoryNotificationBus;

/**
 * Fans server events out to every subscription stream. The in-memory default reaches the streams
 * of this JVM; a distributed implementation (e.g. Redis pub/sub) reaches those of every instance.
 *
 * <p>Implementations are thread-safe. Listeners must not block: they are called on the
 * publishing thread (or the bus's delivery thread) and only enqueue.
 */
public interface NotificationBus extends AutoCloseable {
  /** Publishes an event to every current subscriber. */
  void publish(ServerEvent event);

  /** Subscribes; closing the returned handle unsubscribes. */
  AutoCloseable subscribe(Consumer<ServerEvent> listener);

  /**
   * Whether events published now reach every instance; answers at once from what the bus already
   * knows. While false, new 2026-07-28 {@code subscriptions/listen} requests are refused with 503
   * (fail closed) rather than opened on a bus that would miss events. In memory: always true.
   */
  default boolean available() {
    return true;
  }

  /** Releases resources; further publishes are dropped. */
  @Override
  void close();

  /** A bus that delivers within this JVM, synchronously on the publishing thread. */
  static NotificationBus inMemory() {
    return new InMemoryNotificationBus();
  }
}
