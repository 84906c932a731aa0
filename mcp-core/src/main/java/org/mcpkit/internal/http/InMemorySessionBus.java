package org.mcpkit.internal.http;

import java.util.function.Consumer;
import org.mcpkit.internal.dispatch.Fanout;
import org.mcpkit.server.http.SessionBus;
import org.mcpkit.server.http.SessionSignal;

/** In-JVM {@link SessionBus}: synchronous delivery; one failing listener harms no other. */
public final class InMemorySessionBus implements SessionBus {
  private final Fanout<SessionSignal> listeners = new Fanout<>();

  @Override
  public void publish(SessionSignal signal) {
    listeners.publish(signal);
  }

  @Override
  public AutoCloseable subscribe(Consumer<SessionSignal> listener) {
    return listeners.subscribe(listener);
  }

  /** Number of current subscribers (tests). */
  public int subscriberCount() {
    return listeners.size();
  }

  @Override
  public void close() {
    listeners.close();
  }
}
