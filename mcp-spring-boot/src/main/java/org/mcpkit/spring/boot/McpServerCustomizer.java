package org.mcpkit.spring.boot;

import org.mcpkit.server.McpServer;

/**
 * A bean that adjusts the auto-configured {@link McpServer.Builder} before the server is built:
 * register tools by lambda, set an executor, a notification bus, task options, scopes. Called
 * after the {@code ToolSpec}, {@code ResourceSpec}, {@code ResourceTemplateSpec}, {@code
 * PromptSpec}, {@code CompletionHandler} and {@code ServerObserver} beans have been added, in
 * {@link org.springframework.core.annotation.Order @Order}; a later registration under the same
 * name replaces an earlier one.
 */
@FunctionalInterface
public interface McpServerCustomizer {
  /** Adjusts the builder; runs once, on the thread that creates the server bean. */
  void customize(McpServer.Builder builder);
}
