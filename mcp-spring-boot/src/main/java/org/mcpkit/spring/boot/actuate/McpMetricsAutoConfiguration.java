package org.mcpkit.spring.boot.actuate;

import io.micrometer.core.instrument.MeterRegistry;
import org.mcpkit.micrometer.McpMetrics;
import org.mcpkit.server.observe.ServerObserver;
import org.mcpkit.spring.boot.McpAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * Attaches {@code mcp-micrometer}'s observer ({@link McpMetrics}) to the auto-configured server
 * when that module and a {@link MeterRegistry} bean are present (Spring Boot Actuator provides
 * one; the meters are then at {@code /actuator/metrics/mcp.server.operation.duration} and in every
 * export, Prometheus included). Runs after the registry's auto-configuration on either Boot line.
 * Turn it off with {@code mcp.metrics.enabled=false}.
 */
@AutoConfiguration(
    before = McpAutoConfiguration.class,
    afterName = {
      "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
      "org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration",
      "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
      "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"
    })
@ConditionalOnClass(name = {"org.mcpkit.micrometer.McpMetrics", "io.micrometer.core.instrument.MeterRegistry"})
@ConditionalOnBean(type = "io.micrometer.core.instrument.MeterRegistry")
@ConditionalOnProperty(prefix = "mcp.metrics", name = "enabled", havingValue = "true", matchIfMissing = true)
public class McpMetricsAutoConfiguration {
  /** The observer's bean name. */
  public static final String BEAN_NAME = "mcpMetricsObserver";

  /** Created by Spring. */
  public McpMetricsAutoConfiguration() {}

  /** The metrics observer; the server attaches it like any {@link ServerObserver} bean. */
  @Bean(name = BEAN_NAME)
  @ConditionalOnMissingBean(name = BEAN_NAME)
  public ServerObserver mcpMetricsObserver(MeterRegistry registry) {
    return McpMetrics.observer(registry);
  }
}
