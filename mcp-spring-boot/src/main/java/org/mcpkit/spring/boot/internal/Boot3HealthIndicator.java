package org.mcpkit.spring.boot.internal;

import org.mcpkit.server.http.McpHttpEndpoint;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/** The {@code mcp} health indicator on Spring Boot 3 ({@code org.springframework.boot.actuate.health}). */
public final class Boot3HealthIndicator implements HealthIndicator {
  private final McpHttpEndpoint endpoint;
  private final EndpointDrain drain;
  private final String path;

  /** Reports on {@code endpoint}. */
  public Boot3HealthIndicator(McpHttpEndpoint endpoint, EndpointDrain drain, String path) {
    this.endpoint = endpoint;
    this.drain = drain;
    this.path = path;
  }

  @Override
  public Health health() {
    HealthFacts facts = HealthFacts.of(endpoint, drain, path);
    return (facts.up() ? Health.up() : Health.outOfService()).withDetails(facts.details()).build();
  }
}
