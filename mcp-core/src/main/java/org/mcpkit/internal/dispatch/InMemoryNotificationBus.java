package org.mcpkit.internal.dispatch;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.mcpkit.server.NotificationBus;
import org.mcpkit.server.ServerEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** In-JVM {@link NotificationBus}: synchronous delivery, one failing listener harms no other. */
public final class InMemoryNotificationBus implements NotificationBus {
  private static final Logger LOG = LoggerFactory.getLogger(InMemoryNotificationBus.class);
  private final CopyOnWriteArrayList<Consumer<ServerEvent>> listeners = new CopyOnWriteArrayList<>();
  private volatile boolean closed;

  @Override
  public void publish(ServerEvent event) {
    if (closed) {
      return;
    }
    for (Consumer<ServerEvent> listener : listeners) {
      try {
        listener.accept(event);
      } catch (RuntimeException e) {
        LOG.warn("Notification listener failed", e);
      }
    }
  }

  @Override
  public AutoCloseable subscribe(Consumer<ServerEvent> listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  /** Number of current subscribers (for tests and metrics). */
  public int subscriberCount() {
    return listeners.size();
  }

  @Override
  public void close() {
    closed = true;
    listeners.clear();
  }
}
