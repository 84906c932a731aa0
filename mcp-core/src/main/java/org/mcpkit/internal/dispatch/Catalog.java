package org.mcpkit.internal.dispatch;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.mcpkit.protocol.McpMethods;
import org.mcpkit.protocol.PromptsCapability;
import org.mcpkit.protocol.ResourcesCapability;
import org.mcpkit.protocol.ServerCapabilities;
import org.mcpkit.protocol.Tool;
import org.mcpkit.protocol.ToolsCapability;
import org.mcpkit.server.PromptSpec;
import org.mcpkit.server.ResourceSpec;
import org.mcpkit.server.ResourceTemplateSpec;
import org.mcpkit.server.ToolSpec;

/**
 * What the server offers: its four registries (tools, resources, resource templates, prompts) and
 * the capabilities and methods they imply. Thread-safe: registries are copy-on-write.
 */
final class Catalog {
  /** The feature methods both eras route to handlers. */
  private static final Set<String> FEATURE_METHODS =
      Set.of(
          McpMethods.TOOLS_LIST,
          McpMethods.TOOLS_CALL,
          McpMethods.RESOURCES_LIST,
          McpMethods.RESOURCES_TEMPLATES_LIST,
          McpMethods.RESOURCES_READ,
          McpMethods.PROMPTS_LIST,
          McpMethods.PROMPTS_GET,
          McpMethods.COMPLETION_COMPLETE);

  final Registry<ToolSpec> tools;
  final Registry<ResourceSpec> resources;
  final Registry<ResourceTemplateSpec> templates;
  final Registry<PromptSpec> prompts;
  private final boolean serverCompletion;
  /** The compiled input schemas of raw-schema tools. */
  final ToolSchemas schemas;
  /** The skills served through the skills extension; null when none. */
  private final org.mcpkit.server.skill.SkillDirectory skills;

  Catalog(ServerConfig config) {
    this(config, org.mcpkit.server.schema.SchemaValidatorProvider.builtIn(), null);
  }

  /**
   * A catalog whose raw-schema tools are checked by {@code schemaValidator}, serving {@code skills}
   * (null for none).
   */
  Catalog(ServerConfig config, org.mcpkit.server.schema.SchemaValidatorProvider schemaValidator,
      org.mcpkit.server.skill.SkillDirectory skills) {
    this.skills = skills;
    this.schemas = new ToolSchemas(schemaValidator);
    for (ToolSpec t : config.tools()) {
      schemas.register(t); // a schema the validator refuses fails build()
    }
    this.tools = new Registry<>(config.tools(), t -> t.tool().name());
    this.resources = new Registry<>(config.resources(), r -> r.resource().uri());
    this.templates = new Registry<>(config.templates(), t -> t.template().uriTemplate());
    this.prompts = new Registry<>(config.prompts(), p -> p.prompt().name());
    this.serverCompletion = config.completion() != null;
  }

  /** The server's capabilities as advertised now (a registry once used stays advertised). */
  ServerCapabilities capabilities() {
    return new ServerCapabilities(
        null,
        Map.of(),
        serverCompletion || hasCompletions() ? Map.of() : null,
        prompts.everUsed() ? new PromptsCapability(true) : null,
        resources.everUsed() || templates.everUsed() ? new ResourcesCapability(true, true) : null,
        tools.everUsed() ? new ToolsCapability(true) : null,
        null);
  }

  /**
   * The capabilities a 2026-07-28 client is shown: those above, plus the tasks extension while a
   * registered tool may run as a task.
   */
  ServerCapabilities modernCapabilities() {
    ServerCapabilities c = capabilities();
    if (!offersTasks() && skills == null) {
      return c;
    }
    Map<String, Object> extensions = new java.util.LinkedHashMap<>();
    if (offersTasks()) {
      extensions.put(org.mcpkit.server.task.TaskOptions.EXTENSION_ID, Map.of());
    }
    if (skills != null) {
      extensions.put(org.mcpkit.server.skill.SkillDirectory.EXTENSION_ID, Map.of("directoryRead", true));
    }
    return new ServerCapabilities(
        c.experimental(), c.logging(), c.completions(), c.prompts(), c.resources(), c.tools(), extensions);
  }

  /** The skills served through the skills extension; null when none. */
  org.mcpkit.server.skill.SkillDirectory skills() {
    return skills;
  }

  /** Whether a registered tool may run as a task. */
  boolean offersTasks() {
    for (ToolSpec t : tools.values()) {
      if (t.taskSupport() != org.mcpkit.server.task.TaskSupport.FORBIDDEN) {
        return true;
      }
    }
    return false;
  }

  private boolean hasCompletions() {
    for (PromptSpec p : prompts.values()) {
      if (p.completion() != null) {
        return true;
      }
    }
    for (ResourceTemplateSpec t : templates.values()) {
      if (t.completion() != null) {
        return true;
      }
    }
    return false;
  }

  /** Whether a 2026-07-28 request may name {@code method}: known, and its feature advertised. */
  boolean servesModern(String method) {
    boolean known =
        FEATURE_METHODS.contains(method)
            || McpMethods.SERVER_DISCOVER.equals(method)
            || McpMethods.SUBSCRIPTIONS_LISTEN.equals(method)
            || (TaskGate.isTaskMethod(method) && offersTasks())
            || (SkillMethods.isSkillMethod(method) && skills != null);
    return known && advertised(method);
  }

  /** Whether a 2025-era session routes {@code method} to a handler. */
  boolean routesInSession(String method) {
    return FEATURE_METHODS.contains(method) && advertised(method);
  }

  private boolean advertised(String method) {
    ServerCapabilities caps = capabilities();
    if (method.startsWith("tools/")) {
      return caps.tools() != null;
    }
    if (method.startsWith("resources/")) {
      return caps.resources() != null;
    }
    if (method.startsWith("prompts/")) {
      return caps.prompts() != null;
    }
    if (method.equals(McpMethods.COMPLETION_COMPLETE)) {
      return caps.completions() != null;
    }
    return true;
  }

  /** A registered tool. */
  Optional<Tool> tool(String name) {
    ToolSpec spec = tools.get(name);
    return spec == null ? Optional.empty() : Optional.of(spec.tool());
  }
}
