package org.mcpkit.internal.dispatch;

import java.util.function.Consumer;
import org.mcpkit.server.NotificationBus;
import org.mcpkit.server.ServerEvent;

/** In-JVM {@link NotificationBus}: synchronous delivery, one failing listener harms no other. */
public final class InMemoryNotificationBus implements NotificationBus {
  private final Fanout<ServerEvent> listeners = new Fanout<>();

  @Override
  public void publish(ServerEvent event) {
    listeners.publish(event);
  }

  @Override
  public AutoCloseable subscribe(Consumer<ServerEvent> listener) {
    return listeners.subscribe(listener);
  }

  /** Number of current subscribers (for tests and metrics). */
  public int subscriberCount() {
    return listeners.size();
  }

  @Override
  public void close() {
    listeners.close();
  }
}
