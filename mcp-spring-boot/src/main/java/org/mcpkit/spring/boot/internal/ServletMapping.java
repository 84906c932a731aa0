package org.mcpkit.spring.boot.internal;

import java.util.LinkedHashSet;
import java.util.Set;
import org.mcpkit.server.http.McpHttpEndpoint;
import org.mcpkit.spring.boot.McpProperties;
import org.mcpkit.transport.servlet.McpServlet;
import org.mcpkit.transport.servlet.McpServletAdapter;
import org.springframework.boot.web.servlet.ServletRegistrationBean;

/** The servlet registration: {@link McpServlet}, async supported, at every path the endpoint serves. */
public final class ServletMapping {
  /** The servlet's name in the container. */
  public static final String SERVLET_NAME = "mcpServlet";

  private ServletMapping() {}

  /** The registration for this endpoint. */
  public static ServletRegistrationBean<McpServlet> registration(
      McpHttpEndpoint endpoint, McpProperties properties, String contextPath) {
    McpServlet servlet = new McpServlet(McpServletAdapter.create(endpoint, properties.getAsyncTimeout()));
    ServletRegistrationBean<McpServlet> registration =
        new ServletRegistrationBean<>(servlet, mappings(endpoint, properties, contextPath).toArray(String[]::new));
    registration.setName(SERVLET_NAME);
    registration.setAsyncSupported(true);
    registration.setLoadOnStartup(1);
    return registration;
  }

  /** The servlet mappings, relative to the context path. */
  public static Set<String> mappings(McpHttpEndpoint endpoint, McpProperties properties, String contextPath) {
    Set<String> paths = new LinkedHashSet<>();
    paths.add(properties.getPath());
    if (properties.getHttpSse().isEnabled()) {
      paths.add(properties.getHttpSse().getSsePath());
      paths.add(properties.getHttpSse().getMessagePath());
    }
    String context = normalizedContext(contextPath);
    endpoint.resourceServer().ifPresent(rs -> {
      for (String path : rs.metadataPaths()) {
        if (context.isEmpty()) {
          paths.add(path);
        } else if (path.startsWith(context + "/")) {
          paths.add(path.substring(context.length()));
        }
      }
    });
    return paths;
  }

  /** The context path without a trailing slash; empty for the root context. */
  static String normalizedContext(String contextPath) {
    String c = contextPath == null ? "" : contextPath.trim();
    while (c.endsWith("/")) {
      c = c.substring(0, c.length() - 1);
    }
    return c;
  }
}
