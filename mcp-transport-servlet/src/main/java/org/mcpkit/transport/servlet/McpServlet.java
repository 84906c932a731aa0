package org.mcpkit.transport.servlet;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Objects;
import org.mcpkit.server.http.McpHttpEndpoint;

/**
 * A drop-in servlet for the MCP endpoint. Register it with async support enabled, mapped to your
 * MCP path (e.g. {@code /mcp}); the library carries no container annotations. When the endpoint
 * serves the deprecated HTTP+SSE transport ({@link
 * org.mcpkit.server.http.HttpEndpointOptions.Builder#httpSse(String, String)}), map the servlet to
 * its two paths as well: the endpoint tells the three apart by request path. Those options name
 * full request paths, so in a web application with a context path include it (context
 * {@code /app}: {@code httpSse("/app/sse", "/app/message")}, servlet mapped to {@code /sse} and
 * {@code /message}).
 */
public class McpServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  private final transient McpServletAdapter adapter;

  /** A servlet serving the given endpoint. */
  public McpServlet(McpHttpEndpoint endpoint) {
    this(McpServletAdapter.create(Objects.requireNonNull(endpoint, "endpoint")));
  }

  /** A servlet serving through the given adapter. */
  public McpServlet(McpServletAdapter adapter) {
    this.adapter = Objects.requireNonNull(adapter, "adapter");
  }

  @Override
  protected final void service(HttpServletRequest request, HttpServletResponse response) {
    adapter.service(request, response);
  }
}
