package org.mcpkit.examples.hello;

import java.nio.file.Files;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.valves.ErrorReportValve;
import org.mcpkit.examples.features.ExampleConfig;
import org.mcpkit.examples.features.ExampleLogging;
import org.mcpkit.examples.hello.HelloUndertow.HelloArgs;
import org.mcpkit.protocol.CallToolResult;
import org.mcpkit.protocol.Implementation;
import org.mcpkit.server.McpServer;
import org.mcpkit.server.http.McpHttpEndpoint;
import org.mcpkit.transport.servlet.McpServlet;

/**
 * The hello tool in a servlet container: embedded Tomcat 11 with {@link McpServlet} registered
 * with async support, and error pages that name no exception, stack or server version (the
 * timeouts to set in production are in docs/security.md). Settings come from the same environment variables as every example ({@link
 * ExampleConfig}); an invalid value stops it with a message naming the variable.
 */
public final class HelloTomcat {
  private HelloTomcat() {}

  /** Starts Tomcat, prints the URL and serves until the JVM stops. */
  public static void main(String[] args) throws Exception {
    ExampleLogging.install(); // container start-up lines through SLF4J, quiet by default
    ExampleConfig config = ExampleConfig.fromEnvOrExit();
    McpServer server = McpServer.builder(Implementation.of("hello", "1.0.0"))
        .tool("hello", "Greets someone", HelloArgs.class,
            (ctx, a) -> CallToolResult.text("Hello, " + a.name() + "!"))
        .build();
    Tomcat tomcat = new Tomcat();
    tomcat.setBaseDir(Files.createTempDirectory("hello-tomcat").toString());
    Connector connector = new Connector();
    connector.setPort(config.port());
    connector.setProperty("address", config.host());
    connector.setProperty("maxHttpHeaderSize", "16384"); // a larger request head gets a bare 400
    tomcat.setConnector(connector);
    ErrorReportValve errors = new ErrorReportValve(); // error pages: no exception, stack or version
    errors.setShowReport(false);
    errors.setShowServerInfo(false);
    tomcat.getHost().getPipeline().addValve(errors);
    Context context = tomcat.addContext("", null);
    Tomcat.addServlet(context, "mcp", new McpServlet(McpHttpEndpoint.create(server, config.endpointOptions())))
        .setAsyncSupported(true);
    context.addServletMappingDecoded(config.path(), "mcp");
    tomcat.start();
    System.out.println("MCP server listening at " + config.url(connector.getLocalPort()));
    tomcat.getServer().await();
  }
}
