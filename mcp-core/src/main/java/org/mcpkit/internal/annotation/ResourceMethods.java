package org.mcpkit.internal.annotation;

import java.lang.reflect.Method;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import org.mcpkit.protocol.BlobResourceContents;
import org.mcpkit.protocol.ReadResourceResult;
import org.mcpkit.protocol.Resource;
import org.mcpkit.protocol.ResourceTemplate;
import org.mcpkit.protocol.TextResourceContents;
import org.mcpkit.server.ResourceHandler;
import org.mcpkit.server.ResourceSpec;
import org.mcpkit.server.ResourceTemplateSpec;
import org.mcpkit.server.UriTemplate;
import org.mcpkit.server.annotation.McpResource;

/** Builds the {@link ResourceSpec} or {@link ResourceTemplateSpec} of an {@link McpResource} method. */
final class ResourceMethods {
  private ResourceMethods() {}

  /** Whether the annotation declares a template rather than a fixed URI. */
  static boolean isTemplate(McpResource annotation) {
    return annotation.uri().indexOf('{') >= 0;
  }

  static ResourceSpec fixed(Object target, Method method, McpResource annotation) {
    List<Scan.Param> params = Scan.params(method);
    Scan.requireStrings(method, params, "resource parameters");
    for (Scan.Param p : params) {
      if (p.kind() == Scan.Kind.ARGUMENT) {
        throw Scan.error(
            method, "parameter '" + p.name() + "': a fixed resource takes no arguments; use a URI template");
      }
    }
    Resource resource =
        new Resource(
            annotation.uri(),
            name(method, annotation),
            Scan.orNull(annotation.title()),
            Scan.orNull(annotation.description()),
            Scan.orNull(annotation.mimeType()),
            null, null, null, null);
    return ResourceSpec.of(resource, handler(target, method, annotation, params));
  }

  static ResourceTemplateSpec template(Object target, Method method, McpResource annotation) {
    UriTemplate template;
    try {
      template = UriTemplate.of(annotation.uri());
    } catch (IllegalArgumentException e) {
      throw Scan.error(method, "invalid URI template '" + annotation.uri() + "': " + e.getMessage());
    }
    List<Scan.Param> params = Scan.params(method);
    Scan.requireStrings(method, params, "resource template parameters");
    Set<String> bound = new LinkedHashSet<>();
    for (Scan.Param p : params) {
      if (p.kind() == Scan.Kind.ARGUMENT) {
        if (!template.variableNames().contains(p.name())) {
          throw Scan.error(
              method, "parameter '" + p.name() + "' is not a variable of URI template '" + annotation.uri() + "'");
        }
        if (!bound.add(p.name())) {
          throw Scan.error(method, "duplicate argument name '" + p.name() + "'");
        }
      }
    }
    for (String variable : template.variableNames()) {
      if (!bound.contains(variable)) {
        throw Scan.error(
            method, "URI template variable '" + variable + "' has no parameter of that name");
      }
    }
    ResourceTemplate listed =
        new ResourceTemplate(
            annotation.uri(),
            name(method, annotation),
            Scan.orNull(annotation.title()),
            Scan.orNull(annotation.description()),
            Scan.orNull(annotation.mimeType()),
            null, null, null);
    return new ResourceTemplateSpec(listed, template, handler(target, method, annotation, params), null);
  }

  private static String name(Method method, McpResource annotation) {
    return annotation.name().isEmpty() ? method.getName() : annotation.name();
  }

  private static ResourceHandler handler(Object target, Method method, McpResource annotation, List<Scan.Param> params) {
    String mimeType = Scan.orNull(annotation.mimeType());
    Class<?> returns = method.getReturnType();
    BiFunction<String, Object, ReadResourceResult> result;
    if (returns == String.class) {
      result = (uri, r) -> r == null ? null : contents(new TextResourceContents(uri, mimeType, (String) r, null));
    } else if (returns == byte[].class) {
      result =
          (uri, r) ->
              r == null
                  ? null
                  : contents(new BlobResourceContents(uri, mimeType, Base64.getEncoder().encodeToString((byte[]) r), null));
    } else if (returns == ReadResourceResult.class) {
      result = (uri, r) -> (ReadResourceResult) r;
    } else {
      throw Scan.error(
          method,
          "unsupported return type " + method.getGenericReturnType().getTypeName()
              + "; return String, byte[] or ReadResourceResult");
    }
    Invoker invoker = Invoker.of(target, method);
    Scan.Param[] layout = params.toArray(Scan.Param[]::new);
    return (ctx, uri, variables) -> {
      Object[] values = new Object[layout.length];
      for (Scan.Param p : layout) {
        values[p.index()] = p.kind() == Scan.Kind.CONTEXT ? ctx : Scan.stringValue(p, variables.get(p.name()));
      }
      return result.apply(uri, invoker.invoke(values));
    };
  }

  private static ReadResourceResult contents(org.mcpkit.protocol.ResourceContents contents) {
    return new ReadResourceResult(List.of(contents), null);
  }
}
