package org.mcpkit.server.observe;

/**
 * What {@link RequestObservation#enter()} opened on the current thread (a current tracing
 * context, log context); closed on the same thread, once.
 */
@FunctionalInterface
public interface RequestScope extends AutoCloseable {
  /** A scope that does nothing. */
  static RequestScope none() {
    return Noop.SCOPE;
  }

  /** Restores what {@link RequestObservation#enter()} changed on this thread. Never throws. */
  @Override
  void close();
}
