package org.mcpkit.internal.http;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.mcpkit.server.http.SessionBus;
import org.mcpkit.server.http.SessionSignal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** In-JVM {@link SessionBus}: synchronous delivery; one failing listener harms no other. */
public final class InMemorySessionBus implements SessionBus {
  private static final Logger LOG = LoggerFactory.getLogger(InMemorySessionBus.class);
  private final CopyOnWriteArrayList<Consumer<SessionSignal>> listeners = new CopyOnWriteArrayList<>();
  private volatile boolean closed;

  @Override
  public void publish(SessionSignal signal) {
    if (closed) {
      return;
    }
    for (Consumer<SessionSignal> listener : listeners) {
      try {
        listener.accept(signal);
      } catch (RuntimeException e) {
        LOG.warn("Session signal listener failed", e);
      }
    }
  }

  @Override
  public AutoCloseable subscribe(Consumer<SessionSignal> listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  /** Number of current subscribers (tests). */
  public int subscriberCount() {
    return listeners.size();
  }

  @Override
  public void close() {
    closed = true;
    listeners.clear();
  }
}
