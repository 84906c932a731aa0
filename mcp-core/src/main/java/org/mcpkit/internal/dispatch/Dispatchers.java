package org.mcpkit.internal.dispatch;

import org.mcpkit.server.McpServer;

/** Finds the {@link Dispatcher} behind a public {@link McpServer}. */
public final class Dispatchers {
  private Dispatchers() {}

  /** The dispatcher of a server built by {@link McpServer#builder}. */
  public static Dispatcher of(McpServer server) {
    return ServerImpl.dispatcherOf(server);
  }
}
