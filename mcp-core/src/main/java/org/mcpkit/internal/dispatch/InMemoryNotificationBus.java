package org.mcpkit.internal.dispatch;

import org.mcpkit.server.NotificationBus;
import org.mcpkit.server.ServerEvent;

/** In-JVM {@link NotificationBus}: synchronous delivery, one failing listener harms no other. */
public final class InMemoryNotificationBus extends Fanout<ServerEvent> implements NotificationBus {
  /** Number of current subscribers (for tests and metrics). */
  public int subscriberCount() {
    return size();
  }
}
