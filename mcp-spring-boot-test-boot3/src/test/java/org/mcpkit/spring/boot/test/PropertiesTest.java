package org.mcpkit.spring.boot.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mcpkit.protocol.CompleteResult;
import org.mcpkit.protocol.Implementation;
import org.mcpkit.server.CompletionHandler;
import org.mcpkit.server.McpServer;
import org.mcpkit.server.http.HttpEndpointOptions;
import org.mcpkit.server.http.HttpSseOptions;
import org.mcpkit.server.http.McpHttpEndpoint;
import org.mcpkit.spring.boot.McpAutoConfiguration;
import org.mcpkit.transport.servlet.McpServlet;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.validation.ObjectError;

/** {@code mcp.*} binding onto the server, endpoint and servlet; bad values stop the start with the property's name. */
class PropertiesTest {
  private final WebApplicationContextRunner runner =
      new WebApplicationContextRunner().withConfiguration(AutoConfigurations.of(McpAutoConfiguration.class));

  @Test
  void everyPropertyReachesTheEndpointServerAndServlet() {
    runner.withPropertyValues(
            "server.servlet.context-path=/app",
            "mcp.path=/api/mcp",
            "mcp.server-name=props",
            "mcp.server-version=3.1.4",
            "mcp.allowed-origins=https://app.example.com,http://localhost:3000",
            "mcp.allowed-hosts=mcp.example.com,mcp.example.com:8443",
            "mcp.max-body-size=1KB",
            "mcp.keep-alive=5s",
            "mcp.response-mode=always-json",
            "mcp.max-queued-events=10",
            "mcp.stream-after=2s",
            "mcp.max-stream-age=0",
            "mcp.sse-retry=1500ms",
            "mcp.session.idle-timeout=5m",
            "mcp.session.max-sessions=5",
            "mcp.session.accept-unknown-ids=true",
            "mcp.http-sse.sse-path=/sse",
            "mcp.http-sse.message-path=/message")
        .run(ctx -> {
          assertEquals(Implementation.of("props", "3.1.4"), ctx.getBean(McpServer.class).serverInfo());
          HttpEndpointOptions o = ctx.getBean(McpHttpEndpoint.class).options();
          assertEquals(1024, o.maxBodyBytes());
          assertEquals(Duration.ofSeconds(5), o.keepAlive());
          assertEquals(HttpEndpointOptions.ResponseMode.ALWAYS_JSON, o.responseMode());
          assertEquals(10, o.maxQueuedEvents());
          assertEquals(Duration.ofSeconds(2), o.streamAfter());
          assertEquals(Duration.ZERO, o.maxStreamAge());
          assertEquals(1500, o.retryMillis());
          assertEquals(Duration.ofMinutes(5), o.sessionIdleTimeout());
          assertEquals(5, o.maxSessions());
          assertTrue(o.acceptUnknownSessionIds());
          assertEquals(Optional.of(HttpSseOptions.at("/app/sse", "/app/message")), o.httpSse());
          assertTrue(o.originPolicy().allows("https://app.example.com"));
          assertTrue(o.originPolicy().allows("http://localhost:3000"));
          assertFalse(o.originPolicy().allows("http://localhost:3001"));
          assertTrue(o.hostPolicy().allows("mcp.example.com"));
          assertTrue(o.hostPolicy().allows("mcp.example.com:8443"));
          assertFalse(o.hostPolicy().allows("localhost"));
          @SuppressWarnings("unchecked")
          ServletRegistrationBean<McpServlet> reg = ctx.getBean("mcpServletRegistration", ServletRegistrationBean.class);
          assertEquals(List.of("/api/mcp", "/sse", "/message"), List.copyOf(reg.getUrlMappings()));
          assertTrue(reg.isAsyncSupported());
          assertEquals("mcpServlet", reg.getServletName());
        });
  }

  @Test
  void defaultsAreTheCoreDefaultsAndHostsFollowTheBindAddress() {
    HttpEndpointOptions core = HttpEndpointOptions.defaults();
    runner.withPropertyValues("server.address=127.0.0.1").run(ctx -> {
      HttpEndpointOptions o = ctx.getBean(McpHttpEndpoint.class).options();
      assertEquals(core.maxBodyBytes(), o.maxBodyBytes());
      assertEquals(core.keepAlive(), o.keepAlive());
      assertEquals(core.responseMode(), o.responseMode());
      assertEquals(core.maxQueuedEvents(), o.maxQueuedEvents());
      assertEquals(core.streamAfter(), o.streamAfter());
      assertEquals(core.maxStreamAge(), o.maxStreamAge());
      assertEquals(core.retryMillis(), o.retryMillis());
      assertEquals(core.sessionIdleTimeout(), o.sessionIdleTimeout());
      assertEquals(core.maxSessions(), o.maxSessions());
      assertFalse(o.acceptUnknownSessionIds());
      assertEquals(Optional.empty(), o.httpSse());
      assertTrue(o.hostPolicy().allows("127.0.0.1:8080"));
      assertFalse(o.hostPolicy().allows("evil.example.com"));
      assertTrue(o.originPolicy().allows("http://localhost:5173"));
      assertFalse(o.originPolicy().allows("https://evil.example.com"));
      assertEquals(Implementation.of("mcpkit-server", "1.0.0"), ctx.getBean(McpServer.class).serverInfo());
    });
    runner.withPropertyValues("spring.application.name=orders", "mcp.allowed-origins=*", "mcp.allowed-hosts=*")
        .run(ctx -> {
          HttpEndpointOptions o = ctx.getBean(McpHttpEndpoint.class).options();
          assertTrue(o.hostPolicy().allows("evil.example.com"));
          assertTrue(o.originPolicy().allows("https://evil.example.com"));
          assertEquals("orders", ctx.getBean(McpServer.class).serverInfo().name());
        });
    // bound to every interface (no server.address): any Host, as HttpEndpointOptions.forBindAddress
    runner.run(ctx -> assertTrue(ctx.getBean(McpHttpEndpoint.class).options().hostPolicy().allows("mcp.example.com")));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "mcp.keep-alive=-1s | mcp.keep-alive must not be negative, got PT-1S",
    "mcp.path=mcp | mcp.path must be a path such as /mcp (starting with /, not ending with /, no wildcards, query or spaces), got 'mcp'",
    "mcp.path=/mcp/* | mcp.path must be a path such as /mcp (starting with /, not ending with /, no wildcards, query or spaces), got '/mcp/*'",
    "mcp.max-body-size=0B | mcp.max-body-size must be between 1B and 2147483647B, got 0B",
    "mcp.max-body-size=4GB | mcp.max-body-size must be between 1B and 2147483647B, got 4294967296B",
    "mcp.allowed-origins=app.example.com | mcp.allowed-origins entries must be origins such as https://app.example.com (scheme, host, optional port; no path), or * alone, got 'app.example.com'",
    "mcp.allowed-origins=https://app.example.com/path | mcp.allowed-origins entries must be origins such as https://app.example.com (scheme, host, optional port; no path), or * alone, got 'https://app.example.com/path'",
    "mcp.allowed-hosts=https://mcp.example.com | mcp.allowed-hosts entries must be host or host:port (no scheme or path), or * alone, got 'https://mcp.example.com'",
    "mcp.async-timeout=0s | mcp.async-timeout must be positive, got PT0S",
    "mcp.max-queued-events=0 | mcp.max-queued-events must be positive, got 0",
    "mcp.page-size=-5 | mcp.page-size must be positive, got -5",
    "mcp.session.idle-timeout=0s | mcp.session.idle-timeout must be positive, got PT0S",
    "mcp.session.max-sessions=0 | mcp.session.max-sessions must be positive, got 0",
    "mcp.http-sse.sse-path=/sse | mcp.http-sse.sse-path and mcp.http-sse.message-path must be set together",
  })
  void aBadValueStopsTheStartNamingTheProperty(String property, String message) {
    runner.withPropertyValues(property).run(ctx -> {
      Throwable failure = ctx.getStartupFailure();
      assertEquals(List.of(message), validationMessages(failure), () -> String.valueOf(failure));
      assertFalse(ctx.getStartupFailure() == null);
    });
  }

  @Test
  void aBadValueStopsARealApplication() {
    SpringApplicationBuilder app = new SpringApplicationBuilder(StarterTestApplication.class)
        .properties("server.port=0", "server.address=127.0.0.1", "spring.main.banner-mode=off");
    Throwable failure = assertThrows(Throwable.class, () -> app.run("--mcp.session.max-sessions=-1").close());
    assertEquals(List.of("mcp.session.max-sessions must be positive, got -1"), validationMessages(failure));
  }

  @Test
  void mcpEnabledFalseTurnsItOff() {
    runner.withPropertyValues("mcp.enabled=false").run(ctx -> {
      assertFalse(ctx.containsBean("mcpServer"));
      assertFalse(ctx.containsBean("mcpServletRegistration"));
      assertEquals(0, ctx.getBeanNamesForType(McpHttpEndpoint.class).length);
    });
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnServer {
    @Bean
    McpServer ownServer() {
      return McpServer.builder(Implementation.of("own", "9")).build();
    }
  }

  @Test
  void theApplicationsOwnServerWins() {
    runner.withUserConfiguration(OwnServer.class).run(ctx -> {
      assertEquals(Implementation.of("own", "9"), ctx.getBean(McpServer.class).serverInfo());
      assertTrue(ctx.containsBean("mcpHttpEndpoint"));
    });
  }

  @Configuration(proxyBeanMethods = false)
  static class TwoCompletions {
    @Bean
    CompletionHandler first() {
      return (c, r) -> CompleteResult.of(List.of());
    }

    @Bean
    CompletionHandler second() {
      return (c, r) -> CompleteResult.of(List.of());
    }
  }

  @Test
  void twoCompletionHandlersFailWithAClearMessage() {
    runner.withUserConfiguration(TwoCompletions.class).run(ctx -> {
      Throwable root = ctx.getStartupFailure();
      while (root.getCause() != null) {
        root = root.getCause();
      }
      assertEquals("found 2 CompletionHandler beans; the server takes one (let it delegate by reference type)",
          root.getMessage());
    });
  }

  private static List<String> validationMessages(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof BindValidationException e) {
        return e.getValidationErrors().getAllErrors().stream().map(ObjectError::getDefaultMessage).toList();
      }
    }
    return List.of("no BindValidationException in " + failure);
  }
}
