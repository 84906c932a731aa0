package org.mcpkit.transport.undertow;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.Objects;
import org.mcpkit.server.http.McpHttpEndpoint;
import org.mcpkit.transport.undertow.internal.UndertowHttpExchange;

/**
 * An Undertow {@link HttpHandler} serving the MCP endpoint. Mount it at your MCP path, and at the
 * HTTP+SSE paths too when {@link org.mcpkit.server.http.HttpEndpointOptions#httpSse()} enables
 * them (the endpoint routes by path). It leaves
 * the XNIO I/O thread before the core runs, and never blocks a worker either. Thread-safe.
 */
public final class McpUndertowHandler implements HttpHandler {
  private final McpHttpEndpoint endpoint;

  private McpUndertowHandler(McpHttpEndpoint endpoint) {
    this.endpoint = endpoint;
  }

  /** A handler for the given endpoint. */
  public static McpUndertowHandler create(McpHttpEndpoint endpoint) {
    return new McpUndertowHandler(Objects.requireNonNull(endpoint, "endpoint"));
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    // Dispatching a task (not a handler) keeps the exchange open after the call stack returns:
    // the core ends it when its response is complete, possibly much later (SSE streams).
    exchange.dispatch(() -> endpoint.service(new UndertowHttpExchange(exchange)));
  }
}
