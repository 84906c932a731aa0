package org.mcpkit.internal.dispatch;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-memory buses (both extend it): synchronous delivery on the publishing thread, one
 * failing listener harms no other, nothing delivered after {@link #close()}.
 *
 * @param <T> what is published
 */
public class Fanout<T> {
  private static final Logger LOG = LoggerFactory.getLogger(Fanout.class);
  private final CopyOnWriteArrayList<Consumer<T>> listeners = new CopyOnWriteArrayList<>();
  private volatile boolean closed;

  /** Delivers to every current listener. */
  public void publish(T item) {
    if (closed) {
      return;
    }
    for (Consumer<T> listener : listeners) {
      try {
        listener.accept(item);
      } catch (RuntimeException e) {
        LOG.warn("Bus listener failed", e);
      }
    }
  }

  /** Adds a listener; closing the handle removes it. */
  public AutoCloseable subscribe(Consumer<T> listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  /** Number of current listeners. */
  public int size() {
    return listeners.size();
  }

  /** Drops every listener and every later publish. */
  public void close() {
    closed = true;
    listeners.clear();
  }
}
