package org.mcpkit.server.observe;

/** The shared do-nothing observer, observation and scope: what the engine holds when nothing is attached. */
final class Noop {
  static final RequestScope SCOPE = () -> {};
  static final RequestObservation OBSERVATION = outcome -> {};
  static final ServerObserver OBSERVER = new ServerObserver() {};

  private Noop() {}
}
