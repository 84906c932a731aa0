package org.mcpkit.examples.war;

import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletRegistration;
import java.time.Duration;
import java.util.Set;
import org.mcpkit.protocol.CallToolResult;
import org.mcpkit.protocol.Implementation;
import org.mcpkit.server.Description;
import org.mcpkit.server.McpServer;
import org.mcpkit.server.http.HttpEndpointOptions;
import org.mcpkit.server.http.McpHttpEndpoint;
import org.mcpkit.transport.servlet.McpServlet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers mcpkit's servlet when the container starts the web application: no {@code web.xml},
 * no annotations on the library. The container finds this class through {@code
 * META-INF/services/jakarta.servlet.ServletContainerInitializer} (Jetty needs its {@code
 * annotations} module for that; Tomcat does it out of the box), and the servlet is mapped to
 * {@value #PATH} inside the application's context path, with async support (the endpoint answers
 * from its own threads and streams). When the application stops, the endpoint drains for up to
 * {@value #DRAIN_SECONDS} seconds and closes, then the server.
 *
 * <p>The endpoint keeps the secure defaults ({@link HttpEndpointOptions#defaults()}): only
 * loopback Host headers and no cross-origin browser requests. Deployed behind a public name, set
 * {@code hostPolicy} and {@code originPolicy} on the options.
 */
public final class McpInitializer implements ServletContainerInitializer {
  /** The servlet's mapping inside the web application. */
  public static final String PATH = "/mcp";

  private static final int DRAIN_SECONDS = 10;
  private static final Logger LOG = LoggerFactory.getLogger(McpInitializer.class);

  /** Created by the container. */
  public McpInitializer() {}

  /** Arguments of the {@code hello} tool. */
  public record HelloArgs(@Description("Who to greet") String name) {}

  /** Arguments of the {@code add} tool. */
  public record AddArgs(@Description("First addend") long a, @Description("Second addend") long b) {}

  /** The MCP server of this web application. */
  static McpServer server() {
    return McpServer.builder(Implementation.of("mcpkit-war-example", "1.0.0"))
        .tool("hello", "Greets someone", HelloArgs.class,
            (ctx, a) -> CallToolResult.text("Hello, " + a.name() + "!"))
        .tool("add", "Adds two integers", AddArgs.class,
            (ctx, a) -> CallToolResult.text(Long.toString(Math.addExact(a.a(), a.b()))))
        .build();
  }

  @Override
  public void onStartup(Set<Class<?>> classes, ServletContext context) {
    McpServer server = server();
    McpHttpEndpoint endpoint = McpHttpEndpoint.create(server, HttpEndpointOptions.defaults());
    ServletRegistration.Dynamic mcp = context.addServlet("mcp", new McpServlet(endpoint));
    mcp.setAsyncSupported(true);
    mcp.setLoadOnStartup(1);
    mcp.addMapping(PATH);
    context.addListener(new ServletContextListener() {
      @Override
      public void contextDestroyed(ServletContextEvent event) {
        endpoint.drain(Duration.ofSeconds(DRAIN_SECONDS));
        endpoint.close();
        server.close();
        LOG.info("MCP endpoint {}{} closed", event.getServletContext().getContextPath(), PATH);
      }
    });
    LOG.info("MCP endpoint registered at {}{}", context.getContextPath(), PATH);
  }
}
