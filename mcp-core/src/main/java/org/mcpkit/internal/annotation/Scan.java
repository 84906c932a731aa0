package org.mcpkit.internal.annotation;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.mcpkit.protocol.CompleteRequest;
import org.mcpkit.server.Description;
import org.mcpkit.server.RequestContext;
import org.mcpkit.server.annotation.McpArg;

/** What every kind of annotated method shares: naming, errors, parameters. */
final class Scan {
  private Scan() {}

  /** {@code Class#method}, as errors name a method. */
  static String source(Method method) {
    return method.getDeclaringClass().getName() + "#" + method.getName();
  }

  /** An annotation error naming the method. */
  static IllegalArgumentException error(Method method, String problem) {
    return new IllegalArgumentException(source(method) + ": " + problem);
  }

  /** Empty for an unset annotation attribute. */
  static Optional<String> text(String value) {
    return value.isEmpty() ? Optional.empty() : Optional.of(value);
  }

  /** An attribute's value, or null when unset (wire records take null for absent). */
  static String orNull(String value) {
    return value.isEmpty() ? null : value;
  }

  /**
   * One parameter: its index, its argument name (null for an injected one), its type and
   * annotation.
   */
  record Param(int index, String name, Type type, Optional<String> description, boolean optional, Kind kind) {}

  /** What fills a parameter. */
  enum Kind {
    /** The request's {@link RequestContext}. */
    CONTEXT,
    /** The whole {@link CompleteRequest} (completions only). */
    COMPLETE_REQUEST,
    /** An argument from the client. */
    ARGUMENT
  }

  /**
   * The method's parameters: at most one {@link RequestContext}, arguments named after the
   * parameter or {@link McpArg#name()}.
   */
  static List<Param> params(Method method) {
    List<Param> out = new ArrayList<>();
    boolean context = false;
    Parameter[] parameters = method.getParameters();
    for (int i = 0; i < parameters.length; i++) {
      Parameter p = parameters[i];
      if (p.getType() == RequestContext.class) {
        if (context) {
          throw error(method, "more than one RequestContext parameter");
        }
        context = true;
        out.add(new Param(i, null, p.getParameterizedType(), Optional.empty(), false, Kind.CONTEXT));
        continue;
      }
      if (p.getType() == CompleteRequest.class) {
        out.add(new Param(i, null, p.getParameterizedType(), Optional.empty(), false, Kind.COMPLETE_REQUEST));
        continue;
      }
      McpArg arg = p.getAnnotation(McpArg.class);
      String name = arg == null ? "" : arg.name();
      if (name.isEmpty()) {
        if (!p.isNamePresent()) {
          throw error(
              method,
              "parameter names are not available; compile with -parameters or name parameter "
                  + i + " with @McpArg(name = ...)");
        }
        name = p.getName();
      }
      Optional<String> description = arg == null ? Optional.empty() : text(arg.description());
      if (description.isEmpty()) {
        Description d = p.getAnnotation(Description.class);
        description = d == null ? Optional.empty() : text(d.value());
      }
      out.add(new Param(i, name, p.getParameterizedType(), description, arg != null && arg.optional(), Kind.ARGUMENT));
    }
    return out;
  }

  /** Whether the type is {@code Optional<String>}. */
  static boolean optionalString(Type type) {
    return type instanceof ParameterizedType pt
        && pt.getRawType() == Optional.class
        && pt.getActualTypeArguments()[0] == String.class;
  }

  /** Whether the type is {@code List<E>} (or a subtype's raw List of exactly E). */
  static boolean listOf(Type type, Class<?> element) {
    return type instanceof ParameterizedType pt
        && pt.getRawType() == List.class
        && pt.getActualTypeArguments()[0] == element;
  }

  /**
   * Parameters that are strings from the client (prompt arguments, template variables): {@code
   * String} or {@code Optional<String>}.
   */
  static void requireStrings(Method method, List<Param> params, String what) {
    for (Param p : params) {
      if (p.kind() == Kind.COMPLETE_REQUEST) {
        throw error(method, "a CompleteRequest parameter is only for @McpCompletion methods");
      }
      if (p.kind() == Kind.ARGUMENT && p.type() != String.class && !optionalString(p.type())) {
        throw error(method, "parameter '" + p.name() + "': " + what + " must be String or Optional<String>");
      }
    }
  }

  /** The value of a string parameter: the string (or null), or an Optional of it. */
  static Object stringValue(Param p, String value) {
    return p.type() == String.class ? value : Optional.ofNullable(value);
  }
}
