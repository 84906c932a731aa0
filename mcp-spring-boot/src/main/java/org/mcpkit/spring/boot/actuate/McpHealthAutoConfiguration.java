package org.mcpkit.spring.boot.actuate;

import org.mcpkit.server.http.McpHttpEndpoint;
import org.mcpkit.spring.boot.McpAutoConfiguration;
import org.mcpkit.spring.boot.McpProperties;
import org.mcpkit.spring.boot.internal.Boot3HealthIndicator;
import org.mcpkit.spring.boot.internal.Boot4HealthIndicator;
import org.mcpkit.spring.boot.internal.EndpointDrain;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code mcp} health contributor when Spring Boot Actuator is present: UP while the endpoint
 * serves, OUT_OF_SERVICE once shutdown has begun, with {@code path}, {@code activeRequests} and
 * {@code sessions} as details. Boot 3 and Boot 4 keep the health API in different packages; one
 * nested configuration per line, each loaded only when its classes are there. Turn it off with
 * {@code management.health.mcp.enabled=false}.
 */
@AutoConfiguration(after = McpAutoConfiguration.class)
@ConditionalOnBean({McpHttpEndpoint.class, EndpointDrain.class})
@ConditionalOnProperty(prefix = "management.health.mcp", name = "enabled", havingValue = "true", matchIfMissing = true)
public class McpHealthAutoConfiguration {
  /** The health contributor's bean name; Actuator reports it as {@code mcp}. */
  public static final String BEAN_NAME = "mcpHealthIndicator";

  /** Created by Spring. */
  public McpHealthAutoConfiguration() {}

  /** Spring Boot 3: {@code org.springframework.boot.actuate.health}. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
  public static class Boot3 {
    /** Created by Spring. */
    public Boot3() {}

    /** The indicator. */
    @Bean(name = BEAN_NAME)
    @ConditionalOnMissingBean(name = BEAN_NAME)
    public Boot3HealthIndicator mcpHealthIndicator(
        McpHttpEndpoint endpoint, EndpointDrain drain, McpProperties properties) {
      return new Boot3HealthIndicator(endpoint, drain, properties.getPath());
    }
  }

  /** Spring Boot 4: {@code org.springframework.boot.health.contributor}. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
  public static class Boot4 {
    /** Created by Spring. */
    public Boot4() {}

    /** The indicator. */
    @Bean(name = BEAN_NAME)
    @ConditionalOnMissingBean(name = BEAN_NAME)
    public Boot4HealthIndicator mcpHealthIndicator(
        McpHttpEndpoint endpoint, EndpointDrain drain, McpProperties properties) {
      return new Boot4HealthIndicator(endpoint, drain, properties.getPath());
    }
  }
}
