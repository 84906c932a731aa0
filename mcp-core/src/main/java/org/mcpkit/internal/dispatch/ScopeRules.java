package org.mcpkit.internal.dispatch;

import java.security.Principal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.mcpkit.protocol.McpMethods;
import org.mcpkit.server.ResourceTemplateSpec;
import org.mcpkit.server.AccessToken;

/**
 * The scopes operations need, as declared where features were registered: per tool (by name),
 * resource (by URI), resource template (by template), prompt (by name) and per method. Only an
 * endpoint with a resource server enforces them. Immutable.
 */
public final class ScopeRules {
  private static final ScopeRules NONE = new ScopeRules(Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), false);

  private final Map<String, Set<String>> tools;
  private final Map<String, Set<String>> resources;
  private final Map<String, Set<String>> templates;
  private final Map<String, Set<String>> prompts;
  private final Map<String, Set<String>> methods;
  private final boolean hideUnauthorized;

  /** Rules from the builder's maps (copied). */
  public ScopeRules(
      Map<String, Set<String>> tools,
      Map<String, Set<String>> resources,
      Map<String, Set<String>> templates,
      Map<String, Set<String>> prompts,
      Map<String, Set<String>> methods,
      boolean hideUnauthorized) {
    this.tools = copy(tools);
    this.resources = copy(resources);
    this.templates = copy(templates);
    this.prompts = copy(prompts);
    this.methods = copy(methods);
    this.hideUnauthorized = hideUnauthorized;
  }

  /** No rules. */
  public static ScopeRules none() {
    return NONE;
  }

  private static Map<String, Set<String>> copy(Map<String, Set<String>> map) {
    Map<String, Set<String>> out = new LinkedHashMap<>();
    map.forEach((k, v) -> out.put(k, Collections.unmodifiableSet(new LinkedHashSet<>(v))));
    return Collections.unmodifiableMap(out);
  }

  /**
   * The scopes a request of {@code method} on {@code target} (a tool or prompt name, a resource
   * URI; null for other methods) needs, in declaration order: the method's, then the target's.
   */
  Set<String> required(String method, String target, Catalog catalog) {
    Set<String> out = new LinkedHashSet<>(methods.getOrDefault(method, Set.of()));
    if (target != null) {
      switch (method) {
        case McpMethods.TOOLS_CALL -> out.addAll(tools.getOrDefault(target, Set.of()));
        case McpMethods.PROMPTS_GET -> out.addAll(prompts.getOrDefault(target, Set.of()));
        case McpMethods.RESOURCES_READ, McpMethods.RESOURCES_SUBSCRIBE, McpMethods.RESOURCES_UNSUBSCRIBE ->
            out.addAll(resource(target, catalog));
        default -> { }
      }
    }
    return out;
  }

  private Set<String> resource(String uri, Catalog catalog) {
    if (catalog.resources.get(uri) != null) {
      return resources.getOrDefault(uri, Set.of());
    }
    for (ResourceTemplateSpec t : catalog.templates.values()) {
      if (t.uriTemplate().match(uri).isPresent()) {
        return templates.getOrDefault(t.template().uriTemplate(), Set.of());
      }
    }
    return Set.of();
  }

  /** The token of a principal authenticated by a resource server, when lists hide what it may not call. */
  Optional<AccessToken> hidingFor(Principal principal) {
    return hideUnauthorized && principal instanceof AccessToken t ? Optional.of(t) : Optional.empty();
  }

  /** Whether {@code token} holds the scopes of a template and of {@code resources/read} (list filtering). */
  boolean permitsTemplate(AccessToken token, String uriTemplate) {
    return token.hasScopes(methods.getOrDefault(McpMethods.RESOURCES_READ, Set.of()))
        && token.hasScopes(templates.getOrDefault(uriTemplate, Set.of()));
  }

  /** Whether {@code token} may call {@code method} on {@code target} (list filtering). */
  boolean permits(AccessToken token, String method, String target, Catalog catalog) {
    return token.hasScopes(required(method, target, catalog));
  }
}
