package org.mcpkit.spring.boot.conformance;

import java.util.Map;
import org.mcpkit.examples.conformance.ConformanceServer;
import org.mcpkit.server.McpServer;
import org.mcpkit.spring.boot.McpServerCustomizer;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The conformance fixtures served by the Spring Boot starter: a plain Boot web application whose
 * only MCP code is a {@link McpServerCustomizer} bean registering the fixtures. Binds 127.0.0.1 on
 * {@code server.port} (default 0, any free port) and prints {@code http://127.0.0.1:PORT/mcp} on
 * stdout once it serves; {@code conformance/run.sh} runs the suite against that URL.
 */
@SpringBootApplication
public class SpringConformanceApplication {
  /** Created by Spring. */
  public SpringConformanceApplication() {}

  /** Starts the application; Spring arguments such as {@code --server.port=8080} apply. */
  public static void main(String[] args) {
    SpringApplication app = new SpringApplication(SpringConformanceApplication.class);
    app.setDefaultProperties(Map.of(
        "server.address", "127.0.0.1",
        "server.port", "0",
        "spring.main.banner-mode", "off",
        "mcp.server-name", "mcpkit-conformance-server",
        "mcp.server-version", "0.1.0",
        "mcp.instructions", "Conformance fixtures for the official MCP test suite."));
    app.run(args);
  }

  /** Every conformance fixture, on the auto-configured builder. */
  @Bean
  McpServerCustomizer conformanceFixtures() {
    return ConformanceServer::register;
  }

  /** The list-change hooks need the built server. */
  @Bean
  ApplicationListener<ApplicationReadyEvent> conformanceReady(McpServer server, Environment env) {
    return event -> {
      ConformanceServer.registerListChangeTriggers(server);
      System.out.println("http://127.0.0.1:" + env.getProperty("local.server.port")
          + env.getProperty("server.servlet.context-path", "") + env.getProperty("mcp.path", "/mcp"));
      System.out.flush();
    };
  }
}
