package org.mcpkit.spring.boot.internal;

import java.util.List;
import org.mcpkit.protocol.Implementation;
import org.mcpkit.server.CompletionHandler;
import org.mcpkit.server.McpServer;
import org.mcpkit.server.PromptSpec;
import org.mcpkit.server.ResourceSpec;
import org.mcpkit.server.ResourceTemplateSpec;
import org.mcpkit.server.ToolSpec;
import org.mcpkit.server.observe.ServerObserver;
import org.mcpkit.spring.boot.McpProperties;
import org.mcpkit.spring.boot.McpServerCustomizer;

/** Builds the auto-configured {@link McpServer}: properties first, then beans, then customizers. */
public final class ServerAssembly {
  private ServerAssembly() {}

  /**
   * The application's contributions, each list in bean order.
   *
   * @param tools tool beans
   * @param resources resource beans
   * @param templates resource template beans
   * @param prompts prompt beans
   * @param annotated beans with {@code @McpTool}, {@code @McpResource}, {@code @McpPrompt} or {@code
   *     @McpCompletion} methods, each registered with {@code McpServer.Builder.annotated}
   * @param completions completion handler beans (at most one is allowed)
   * @param observers observer beans, attached in order
   * @param customizers run last, in order
   */
  public record Beans(
      List<ToolSpec> tools,
      List<ResourceSpec> resources,
      List<ResourceTemplateSpec> templates,
      List<PromptSpec> prompts,
      List<Object> annotated,
      List<CompletionHandler> completions,
      List<ServerObserver> observers,
      List<McpServerCustomizer> customizers) {
    /** Copies the lists. */
    public Beans {
      tools = List.copyOf(tools);
      resources = List.copyOf(resources);
      templates = List.copyOf(templates);
      prompts = List.copyOf(prompts);
      annotated = List.copyOf(annotated);
      completions = List.copyOf(completions);
      observers = List.copyOf(observers);
      customizers = List.copyOf(customizers);
    }
  }

  /** The server for these properties and beans. */
  public static McpServer build(McpProperties properties, String applicationName, Beans beans) {
    String name = !properties.getServerName().isBlank() ? properties.getServerName()
        : !applicationName.isBlank() ? applicationName : "mcpkit-server";
    McpServer.Builder builder = McpServer.builder(Implementation.of(name, properties.getServerVersion()))
        .maxConcurrentRequests(properties.getMaxConcurrentRequests())
        .pageSize(properties.getPageSize())
        .clientRequestTimeout(properties.getClientRequestTimeout());
    if (!properties.getInstructions().isBlank()) {
      builder.instructions(properties.getInstructions());
    }
    beans.tools().forEach(builder::tool);
    beans.resources().forEach(builder::resource);
    beans.templates().forEach(builder::resourceTemplate);
    beans.prompts().forEach(builder::prompt);
    beans.annotated().forEach(builder::annotated);
    if (beans.completions().size() > 1) {
      throw new IllegalStateException("found " + beans.completions().size()
          + " CompletionHandler beans; the server takes one (let it delegate by reference type)");
    }
    beans.completions().forEach(builder::completion);
    beans.observers().forEach(builder::observer);
    for (McpServerCustomizer customizer : beans.customizers()) {
      customizer.customize(builder);
    }
    return builder.build();
  }
}
