package org.mcpkit.transport.undertow;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.Objects;
import org.mcpkit.server.http.McpHttpEndpoint;
import org.mcpkit.transport.undertow.internal.UndertowHttpExchange;

/**
 * An Undertow {@link HttpHandler} serving the MCP endpoint. Mount it at your MCP path, and at the
 * HTTP+SSE paths too when {@link org.mcpkit.server.http.HttpEndpointOptions#httpSse()} enables
 * them (the endpoint routes by path). On the XNIO I/O thread it only validates a POST's headers
 * and reads its body without blocking, then hands the request off once, to the thread that runs
 * the handler; it never blocks a worker either. Thread-safe.
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
    // On the I/O thread the core runs only a POST's header checks and its non-blocking body read,
    // then leaves the thread once through UndertowHttpExchange.dispatch (a dispatched task keeps
    // the exchange open until the core ends the response, possibly much later for SSE streams).
    endpoint.service(new UndertowHttpExchange(exchange));
  }
}
