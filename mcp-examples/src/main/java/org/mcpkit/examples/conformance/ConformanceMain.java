package org.mcpkit.examples.conformance;

import java.util.Optional;
import org.mcpkit.examples.features.AuthConfig;
import org.mcpkit.examples.servlet.EmbeddedTomcat;
import org.mcpkit.server.McpServer;
import org.mcpkit.server.auth.ResourceServer;
import org.mcpkit.server.http.HttpEndpointOptions;
import org.mcpkit.server.http.McpHttpEndpoint;
import org.mcpkit.transport.undertow.UndertowMcpServer;

/**
 * Serves the conformance fixtures over HTTP at {@code http://127.0.0.1:PORT/mcp}, on embedded
 * Tomcat (servlet transport, the default) or Undertow. Arguments: {@code [port] [tomcat|undertow]};
 * the port defaults to {@code MCP_PORT} or 0 (any free port). The URL is printed on stdout once the
 * server listens. With {@code MCP_AUTH_ISSUER} set it is an OAuth resource server, as the feature
 * tour ({@link AuthConfig}: {@code MCP_PUBLIC_URL}, {@code MCP_AUTH_SCOPE}); the interop run of
 * {@code conformance/run.sh} uses that with a fixed port so the public URL is known up front.
 */
public final class ConformanceMain {
  private ConformanceMain() {}

  /** Starts the server and blocks. */
  public static void main(String[] args) {
    String raw = args.length > 0 ? args[0] : System.getenv().getOrDefault("MCP_PORT", "0");
    int port;
    try {
      port = Integer.parseInt(raw);
    } catch (NumberFormatException e) {
      System.err.println("MCP_PORT must be a port number, got: " + raw);
      System.exit(2);
      return;
    }
    String transport = args.length > 1 ? args[1] : "tomcat";
    Optional<ResourceServer> auth;
    try {
      auth = AuthConfig.fromEnv(System.getenv()).resourceServer();
    } catch (IllegalArgumentException e) {
      System.err.println("Invalid configuration: " + e.getMessage());
      System.exit(2);
      return;
    }
    McpServer server = ConformanceServer.create();
    if (transport.equals("undertow")) {
      UndertowMcpServer.Builder builder = UndertowMcpServer.builder(server).port(port);
      auth.ifPresent(builder::resourceServer);
      UndertowMcpServer undertow = builder.build().start();
      System.out.println(undertow.url());
      System.out.flush();
      return; // Undertow's threads keep the JVM alive
    }
    if (!transport.equals("tomcat")) {
      System.err.println("transport must be tomcat or undertow, got: " + transport);
      System.exit(2);
    }
    McpHttpEndpoint endpoint = auth.isPresent()
        ? McpHttpEndpoint.create(server, HttpEndpointOptions.defaults(), auth.get())
        : McpHttpEndpoint.create(server);
    EmbeddedTomcat tomcat = EmbeddedTomcat.start(endpoint, "127.0.0.1", port, "/mcp");
    System.out.println("http://127.0.0.1:" + tomcat.port() + "/mcp");
    System.out.flush();
    tomcat.await();
  }
}
