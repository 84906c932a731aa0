package org.mcpkit.spring.boot;

import java.util.List;
import org.mcpkit.server.annotation.McpCompletion;
import org.mcpkit.server.annotation.McpPrompt;
import org.mcpkit.server.annotation.McpResource;
import org.mcpkit.server.annotation.McpTool;
import org.mcpkit.spring.boot.internal.AnnotatedBeans;
import org.springframework.beans.factory.ListableBeanFactory;
import org.mcpkit.server.CompletionHandler;
import org.mcpkit.server.McpServer;
import org.mcpkit.server.PromptSpec;
import org.mcpkit.server.ResourceSpec;
import org.mcpkit.server.ResourceTemplateSpec;
import org.mcpkit.server.ToolSpec;
import org.mcpkit.server.auth.ResourceServer;
import org.mcpkit.server.http.EventStore;
import org.mcpkit.server.http.McpHttpEndpoint;
import org.mcpkit.server.http.SessionBus;
import org.mcpkit.server.http.SessionStore;
import org.mcpkit.server.observe.ServerObserver;
import jakarta.servlet.DispatcherType;
import org.mcpkit.spring.boot.internal.EndpointDrain;
import org.mcpkit.spring.boot.internal.ErrorDispatchGuard;
import org.mcpkit.spring.boot.internal.EndpointFactory;
import org.mcpkit.spring.boot.internal.ServerAssembly;
import org.mcpkit.spring.boot.internal.ServletMapping;
import org.mcpkit.transport.servlet.McpServlet;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * Serves an mcpkit server from a Spring Boot servlet web application (Boot 3.5 and 4.0):
 *
 * <ul>
 *   <li>{@link McpServer} (unless the application defines one): every {@link ToolSpec}, {@link
 *       ResourceSpec}, {@link ResourceTemplateSpec} and {@link PromptSpec} bean, the {@link
 *       CompletionHandler} bean (at most one), every {@link ServerObserver} bean, then every {@link
 *       McpServerCustomizer}, all in {@code @Order};
 *   <li>{@link McpHttpEndpoint} (unless defined): the {@code mcp.*} options, then the {@link
 *       SessionStore}, {@link EventStore} and {@link SessionBus} beans if any, then every {@link
 *       McpEndpointCustomizer}; authenticated by the {@link ResourceServer} bean if there is one;
 *   <li>{@code mcpServletRegistration}: {@link McpServlet} with async support at {@code mcp.path}
 *       (plus the HTTP+SSE paths and the resource server's metadata paths when those are in use);
 *   <li>{@code mcpErrorDispatchGuard}: keeps the container's error page out of MCP responses;
 *   <li>{@code mcpEndpointDrain}: on shutdown, before the web server's graceful shutdown, streams
 *       are ended with a {@code retry:} hint and in-flight calls get {@code mcp.drain-timeout}.
 * </ul>
 *
 * <p>{@code mcp.enabled=false} turns all of it off.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({McpServlet.class, ServletRegistrationBean.class})
@ConditionalOnProperty(prefix = "mcp", name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(McpProperties.class)
public class McpAutoConfiguration {
  /** Created by Spring. */
  public McpAutoConfiguration() {}

  /** The server, assembled from the feature beans and the customizers. */
  @Bean
  @ConditionalOnMissingBean
  public McpServer mcpServer(
      McpProperties properties,
      Environment environment,
      ListableBeanFactory beanFactory,
      ObjectProvider<ToolSpec> tools,
      ObjectProvider<ResourceSpec> resources,
      ObjectProvider<ResourceTemplateSpec> templates,
      ObjectProvider<PromptSpec> prompts,
      ObjectProvider<CompletionHandler> completions,
      ObjectProvider<ServerObserver> observers,
      ObjectProvider<McpServerCustomizer> customizers) {
    ServerAssembly.Beans beans = new ServerAssembly.Beans(
        tools.orderedStream().toList(),
        resources.orderedStream().toList(),
        templates.orderedStream().toList(),
        prompts.orderedStream().toList(),
        AnnotatedBeans.find(beanFactory, List.of(McpTool.class, McpResource.class, McpPrompt.class, McpCompletion.class)),
        completions.orderedStream().toList(),
        observers.orderedStream().toList(),
        customizers.orderedStream().toList());
    return ServerAssembly.build(properties, environment.getProperty("spring.application.name", ""), beans);
  }

  /** The Streamable HTTP endpoint with the {@code mcp.*} options. */
  @Bean
  @ConditionalOnMissingBean
  public McpHttpEndpoint mcpHttpEndpoint(
      McpServer server,
      McpProperties properties,
      Environment environment,
      ObjectProvider<SessionStore> sessionStore,
      ObjectProvider<EventStore> eventStore,
      ObjectProvider<SessionBus> sessionBus,
      ObjectProvider<ResourceServer> resourceServer,
      ObjectProvider<McpEndpointCustomizer> customizers) {
    return EndpointFactory.create(
        server,
        properties,
        environment.getProperty("server.address", "0.0.0.0"),
        environment.getProperty("server.servlet.context-path", ""),
        new EndpointFactory.Shared(
            sessionStore.getIfUnique(), eventStore.getIfUnique(), sessionBus.getIfUnique()),
        resourceServer.getIfUnique(),
        customizers.orderedStream().toList());
  }

  /** {@link McpServlet} at {@code mcp.path}, async supported. */
  @Bean
  @ConditionalOnMissingBean(name = "mcpServletRegistration")
  public ServletRegistrationBean<McpServlet> mcpServletRegistration(
      McpHttpEndpoint endpoint, McpProperties properties, Environment environment) {
    return ServletMapping.registration(
        endpoint, properties, environment.getProperty("server.servlet.context-path", ""));
  }

  /**
   * Keeps the container's error page ({@code /error}) out of MCP responses, which carry their own
   * status and body; see {@link ErrorDispatchGuard}.
   */
  @Bean
  @ConditionalOnMissingBean(name = "mcpErrorDispatchGuard")
  public FilterRegistrationBean<ErrorDispatchGuard> mcpErrorDispatchGuard() {
    FilterRegistrationBean<ErrorDispatchGuard> guard =
        new FilterRegistrationBean<>(new ErrorDispatchGuard(ServletMapping.SERVLET_NAME));
    guard.setName("mcpErrorDispatchGuard");
    guard.setDispatcherTypes(DispatcherType.ERROR, DispatcherType.INCLUDE);
    guard.addUrlPatterns("/*");
    guard.setAsyncSupported(true);
    guard.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return guard;
  }

  /** Drains the endpoint when the application stops. */
  @Bean
  public EndpointDrain mcpEndpointDrain(McpHttpEndpoint endpoint, McpProperties properties) {
    return new EndpointDrain(endpoint, properties.getDrainTimeout());
  }
}
