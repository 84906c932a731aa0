package org.mcpkit.internal.annotation;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.mcpkit.server.PromptSpec;
import org.mcpkit.server.ResourceSpec;
import org.mcpkit.server.ResourceTemplateSpec;
import org.mcpkit.server.ToolSpec;
import org.mcpkit.server.annotation.McpCompletion;
import org.mcpkit.server.annotation.McpPrompt;
import org.mcpkit.server.annotation.McpResource;
import org.mcpkit.server.annotation.McpTool;

/**
 * Scans an object's annotated methods, once, into specs (what {@code
 * McpServer.Builder.annotated} registers). Methods are read from the object's class and its
 * superclasses (an override's annotation wins over the overridden method's); every annotation
 * error fails here with an {@link IllegalArgumentException} naming {@code Class#method}.
 */
public final class AnnotatedMethods {
  private AnnotatedMethods() {}

  /**
   * One spec read off a method.
   *
   * @param spec the spec
   * @param scopes the OAuth scopes its calls need (may be empty)
   * @param source the method, as {@code Class#method}
   * @param <T> the spec type
   */
  public record Registered<T>(T spec, List<String> scopes, String source) {}

  /**
   * Everything read off one object, each kind in order of its names (URIs for resources).
   *
   * @param tools the tools
   * @param resources the fixed resources
   * @param templates the resource templates, with their completions
   * @param prompts the prompts, with their completions
   */
  public record Registrations(
      List<Registered<ToolSpec>> tools,
      List<Registered<ResourceSpec>> resources,
      List<Registered<ResourceTemplateSpec>> templates,
      List<Registered<PromptSpec>> prompts) {}

  /**
   * Reads the annotated methods of {@code target}; names already registered (the lists given)
   * are duplicates too.
   *
   * @throws IllegalArgumentException naming the method, for any annotation error
   */
  public static Registrations scan(
      Object target,
      List<ToolSpec> tools,
      List<ResourceSpec> resources,
      List<ResourceTemplateSpec> templates,
      List<PromptSpec> prompts) {
    Objects.requireNonNull(target, "target");
    List<Method> methods = annotatedMethods(target.getClass());
    Map<String, Registered<ToolSpec>> toolOut = new LinkedHashMap<>();
    Map<String, Registered<ResourceSpec>> resourceOut = new LinkedHashMap<>();
    Map<String, Registered<ResourceTemplateSpec>> templateOut = new LinkedHashMap<>();
    Map<String, Registered<PromptSpec>> promptOut = new LinkedHashMap<>();
    List<Method> completions = new ArrayList<>();
    for (Method m : methods) {
      if (m.isAnnotationPresent(McpCompletion.class)) {
        completions.add(m);
      } else if (m.isAnnotationPresent(McpTool.class)) {
        McpTool a = m.getAnnotation(McpTool.class);
        ToolSpec spec = ToolMethods.spec(target, m, a);
        put(toolOut, spec.tool().name(), "tool name", m, spec, a.scopes(), names(tools, t -> t.tool().name()));
      } else if (m.isAnnotationPresent(McpResource.class)) {
        McpResource a = m.getAnnotation(McpResource.class);
        if (ResourceMethods.isTemplate(a)) {
          ResourceTemplateSpec spec = ResourceMethods.template(target, m, a);
          put(templateOut, a.uri(), "resource template", m, spec, a.scopes(), names(templates, t -> t.template().uriTemplate()));
        } else {
          ResourceSpec spec = ResourceMethods.fixed(target, m, a);
          put(resourceOut, a.uri(), "resource URI", m, spec, a.scopes(), names(resources, r -> r.resource().uri()));
        }
      } else {
        McpPrompt a = m.getAnnotation(McpPrompt.class);
        PromptSpec spec = PromptMethods.spec(target, m, a);
        put(promptOut, spec.prompt().name(), "prompt name", m, spec, a.scopes(), names(prompts, p -> p.prompt().name()));
      }
    }
    attachCompletions(target, completions, templateOut, promptOut);
    return new Registrations(
        sorted(toolOut), sorted(resourceOut), sorted(templateOut), sorted(promptOut));
  }

  private static <T> Set<String> names(List<T> registered, Function<T, String> name) {
    Set<String> out = new HashSet<>();
    registered.forEach(r -> out.add(name.apply(r)));
    return out;
  }

  private static <T> void put(
      Map<String, Registered<T>> out, String key, String what, Method m, T spec, String[] scopes, Set<String> registered) {
    Registered<T> earlier = out.get(key);
    if (earlier != null) {
      throw Scan.error(m, "duplicate " + what + " '" + key + "' (also " + earlier.source() + ")");
    }
    if (registered.contains(key)) {
      throw Scan.error(m, "duplicate " + what + " '" + key + "' (already registered with the builder)");
    }
    out.put(key, new Registered<>(spec, List.of(scopes), Scan.source(m)));
  }

  private static <T> List<Registered<T>> sorted(Map<String, Registered<T>> byKey) {
    return byKey.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(Map.Entry::getValue).toList();
  }

  private static void attachCompletions(
      Object target,
      List<Method> completions,
      Map<String, Registered<ResourceTemplateSpec>> templates,
      Map<String, Registered<PromptSpec>> prompts) {
    Map<String, CompletionMethods> forPrompts = new LinkedHashMap<>();
    Map<String, CompletionMethods> forTemplates = new LinkedHashMap<>();
    for (Method m : completions) {
      McpCompletion a = m.getAnnotation(McpCompletion.class);
      if (a.prompt().isEmpty() == a.resource().isEmpty()) {
        throw Scan.error(m, "@McpCompletion needs exactly one of prompt and resource");
      }
      String ref = a.prompt().isEmpty() ? a.resource() : a.prompt();
      List<String> arguments;
      if (!a.prompt().isEmpty()) {
        Registered<PromptSpec> prompt = prompts.get(ref);
        if (prompt == null) {
          throw Scan.error(m, "no @McpPrompt named '" + ref + "' on this object");
        }
        arguments = prompt.spec().prompt().arguments().stream().map(p -> p.name()).toList();
      } else {
        Registered<ResourceTemplateSpec> template = templates.get(ref);
        if (template == null) {
          throw Scan.error(m, "no @McpResource with URI template '" + ref + "' on this object");
        }
        arguments = template.spec().uriTemplate().variableNames();
      }
      if (!arguments.contains(a.argument())) {
        throw Scan.error(m, "'" + ref + "' has no argument '" + a.argument() + "'");
      }
      Map<String, CompletionMethods> group = a.prompt().isEmpty() ? forTemplates : forPrompts;
      if (!group.computeIfAbsent(ref, k -> new CompletionMethods()).add(target, m, a)) {
        throw Scan.error(m, "argument '" + a.argument() + "' of '" + ref + "' already has a completion method");
      }
    }
    forPrompts.forEach(
        (name, c) -> {
          Registered<PromptSpec> r = prompts.get(name);
          prompts.put(name, new Registered<>(r.spec().withCompletion(c.handler()), r.scopes(), r.source()));
        });
    forTemplates.forEach(
        (uri, c) -> {
          Registered<ResourceTemplateSpec> r = templates.get(uri);
          templates.put(uri, new Registered<>(r.spec().withCompletion(c.handler()), r.scopes(), r.source()));
        });
  }

  /**
   * The annotated methods of the class and its superclasses, most derived first, overridden ones
   * left out, in a stable order (by name, then parameter types).
   */
  private static List<Method> annotatedMethods(Class<?> type) {
    List<Method> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      Method[] declared = c.getDeclaredMethods();
      Arrays.sort(declared, Comparator.comparing(Method::getName).thenComparing(m -> Arrays.toString(m.getParameterTypes())));
      for (Method m : declared) {
        if (m.isBridge() || m.isSynthetic()) {
          continue;
        }
        int kinds = count(m);
        if (kinds == 0) {
          continue;
        }
        if (!seen.add(m.getName() + Arrays.toString(m.getParameterTypes()))) {
          continue; // overridden by a subclass method that carries its own annotation
        }
        if (kinds > 1) {
          throw Scan.error(m, "more than one of @McpTool, @McpResource, @McpPrompt and @McpCompletion");
        }
        if (!Modifier.isPublic(m.getModifiers())) {
          throw Scan.error(m, "an annotated method must be public");
        }
        out.add(m);
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException(
          type.getName() + ": no method annotated with @McpTool, @McpResource, @McpPrompt or @McpCompletion");
    }
    return out;
  }

  private static int count(Method m) {
    int n = 0;
    for (Class<? extends java.lang.annotation.Annotation> a :
        List.of(McpTool.class, McpResource.class, McpPrompt.class, McpCompletion.class)) {
      if (m.isAnnotationPresent(a)) {
        n++;
      }
    }
    return n;
  }
}
