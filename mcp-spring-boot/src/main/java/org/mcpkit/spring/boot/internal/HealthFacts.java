package org.mcpkit.spring.boot.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import org.mcpkit.server.http.McpHttpEndpoint;

/**
 * What the {@code mcp} health contributor reports on either Boot line: up until shutdown begins
 * (then out of service), with the path, the requests being answered and the live 2025-era sessions.
 *
 * @param up whether the endpoint takes requests
 * @param details the details map, in a fixed order
 */
public record HealthFacts(boolean up, Map<String, Object> details) {
  /** Copies the details. */
  public HealthFacts {
    details = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
  }

  /** The facts now. */
  public static HealthFacts of(McpHttpEndpoint endpoint, EndpointDrain drain, String path) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("path", path);
    details.put("activeRequests", endpoint.activeRequests());
    details.put("sessions", endpoint.sessionCount());
    return new HealthFacts(!drain.isDraining(), details);
  }
}
