package org.mcpkit.examples.conformance;

import java.util.Optional;
import org.mcpkit.examples.features.AuthConfig;
import org.mcpkit.examples.features.ExampleConfig;
import org.mcpkit.examples.features.RedisConfig;
import org.mcpkit.examples.features.SealingConfig;
import org.mcpkit.examples.servlet.EmbeddedTomcat;
import org.mcpkit.redis.McpRedis;
import org.mcpkit.server.McpServer;
import org.mcpkit.server.auth.ResourceServer;
import org.mcpkit.server.http.HttpEndpointOptions;
import org.mcpkit.server.http.McpHttpEndpoint;
import org.mcpkit.transport.undertow.UndertowMcpServer;

/**
 * Serves the conformance fixtures over HTTP at {@code http://127.0.0.1:PORT/mcp}, on embedded
 * Tomcat (servlet transport, the default) or Undertow. Arguments: {@code [port] [tomcat|undertow]};
 * the port defaults to {@code MCP_PORT} or 0 (any free port). The URL is printed on stdout once the
 * server listens.
 *
 * <p>With {@code MCP_REDIS_URL} (and {@code MCP_SEALING_KEYS}, see {@link RedisConfig} and {@link
 * SealingConfig}) several of these serve the fixtures together behind a load balancer, as {@code
 * conformance/fleet.sh} runs them: sessions, events and both buses on the Redis, {@code requestState}
 * sealed with the shared ring, and on Undertow {@code /readyz} 503 while Redis is unreachable.
 *
 * <p>With {@code MCP_AUTH_ISSUER} set it is an OAuth resource server, as the feature tour ({@link
 * AuthConfig}: {@code MCP_PUBLIC_URL}, {@code MCP_AUTH_SCOPE}); the OAuth interop step of {@code
 * conformance/run.sh} uses that with a fixed port so the public URL is known up front.
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
    if (!transport.equals("tomcat") && !transport.equals("undertow")) {
      System.err.println("transport must be tomcat or undertow, got: " + transport);
      System.exit(2);
    }
    SealingConfig sealing;
    RedisConfig redisConfig;
    Optional<ResourceServer> auth;
    try {
      sealing = SealingConfig.fromEnv(System.getenv());
      redisConfig = RedisConfig.fromEnv(System.getenv());
      auth = AuthConfig.fromEnv(System.getenv()).resourceServer();
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage()); // names the variable, never a secret
      System.exit(ExampleConfig.EXIT_INVALID_CONFIGURATION);
      return;
    }
    Optional<McpRedis> redis = redisConfig.connect();
    McpServer server = ConformanceServer.create(b -> {
      sealing.apply(b);
      redis.ifPresent(r -> b.notificationBus(r.notificationBus()));
      return b;
    });
    if (transport.equals("undertow")) {
      UndertowMcpServer.Builder b = UndertowMcpServer.builder(server).port(port);
      redis.ifPresent(r -> b.options(r.endpointOptions(HttpEndpointOptions.forBindAddress("127.0.0.1").toBuilder()).build())
          .readinessCheck(r::isReachable));
      auth.ifPresent(b::resourceServer);
      UndertowMcpServer undertow = b.build().start();
      System.out.println(undertow.url());
      System.out.flush();
      return; // Undertow's threads keep the JVM alive
    }
    HttpEndpointOptions options = redis
        .map(r -> r.endpointOptions(HttpEndpointOptions.defaults().toBuilder()).build())
        .orElseGet(HttpEndpointOptions::defaults);
    McpHttpEndpoint endpoint = auth.isPresent()
        ? McpHttpEndpoint.create(server, options, auth.get())
        : McpHttpEndpoint.create(server, options);
    EmbeddedTomcat tomcat = EmbeddedTomcat.start(endpoint, "127.0.0.1", port, "/mcp");
    System.out.println("http://127.0.0.1:" + tomcat.port() + "/mcp");
    System.out.flush();
    tomcat.await();
  }
}
