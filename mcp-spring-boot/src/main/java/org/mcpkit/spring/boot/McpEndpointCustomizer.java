package org.mcpkit.spring.boot;

import org.mcpkit.server.http.HttpEndpointOptions;

/**
 * A bean that adjusts the endpoint options after the {@code mcp.*} properties were applied: shared
 * session and event stores, a session bus (for example from {@code mcp-redis}), a clock, a
 * scheduler, or a host or origin rule the properties cannot express. Called in {@link
 * org.springframework.core.annotation.Order @Order}.
 */
@FunctionalInterface
public interface McpEndpointCustomizer {
  /** Adjusts the options builder. */
  void customize(HttpEndpointOptions.Builder options);
}
