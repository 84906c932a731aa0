package org.mcpkit.spring.boot.internal;

import java.time.Duration;
import org.mcpkit.server.http.McpHttpEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Drains the endpoint when the application context stops: new requests get 503, streams end with
 * a {@code retry:} hint and in-flight calls get the drain timeout. Runs in the first shutdown phase,
 * before the web server's graceful shutdown, which then finds no open stream to wait for.
 */
public final class EndpointDrain implements SmartLifecycle {
  private static final Logger LOG = LoggerFactory.getLogger(EndpointDrain.class);

  private final McpHttpEndpoint endpoint;
  private final Duration timeout;
  private volatile boolean running;
  private volatile boolean draining;

  /** Drains {@code endpoint} for up to {@code timeout}. */
  public EndpointDrain(McpHttpEndpoint endpoint, Duration timeout) {
    this.endpoint = endpoint;
    this.timeout = timeout;
  }

  @Override
  public void start() {
    running = true;
  }

  @Override
  public void stop() {
    draining = true;
    if (!endpoint.drain(timeout)) {
      LOG.warn("MCP calls still running after mcp.drain-timeout ({}); stopping anyway", timeout);
    }
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return SmartLifecycle.DEFAULT_PHASE;
  }

  /** Whether shutdown has begun: health reports OUT_OF_SERVICE from then on. */
  public boolean isDraining() {
    return draining;
  }
}
