package org.mcpkit.transport.servlet;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Objects;
import org.mcpkit.server.http.McpHttpEndpoint;
import org.mcpkit.transport.servlet.internal.ServletHttpExchange;

/**
 * Serves MCP from your own servlet or filter: call {@link #service} for requests to the MCP path
 * (and to the HTTP+SSE paths, when the endpoint enables them; see {@link McpServlet}).
 * The request must support async processing ({@code asyncSupported=true} on the servlet and every
 * filter in front of it). Thread-safe.
 */
public final class McpServletAdapter {
  private final McpHttpEndpoint endpoint;
  private final long asyncTimeoutMillis;

  private McpServletAdapter(McpHttpEndpoint endpoint, Duration asyncTimeout) {
    this.endpoint = endpoint;
    this.asyncTimeoutMillis = asyncTimeout.toMillis();
  }

  /** An adapter whose streams may stay open up to one hour. */
  public static McpServletAdapter create(McpHttpEndpoint endpoint) {
    return create(endpoint, Duration.ofHours(1));
  }

  /**
   * An adapter with the given async timeout: the longest any response (notably a subscription
   * stream) stays open before the container ends it.
   */
  public static McpServletAdapter create(McpHttpEndpoint endpoint, Duration asyncTimeout) {
    Objects.requireNonNull(endpoint, "endpoint");
    if (asyncTimeout.isNegative() || asyncTimeout.isZero()) {
      throw new IllegalArgumentException("asyncTimeout must be positive");
    }
    return new McpServletAdapter(endpoint, asyncTimeout);
  }

  /** Serves one request; returns at once, the response completes asynchronously. */
  public void service(HttpServletRequest request, HttpServletResponse response) {
    endpoint.service(new ServletHttpExchange(request, response, asyncTimeoutMillis));
  }
}
