package org.mcpkit.internal.annotation;

import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.mcpkit.protocol.GetPromptResult;
import org.mcpkit.protocol.Prompt;
import org.mcpkit.protocol.PromptArgument;
import org.mcpkit.protocol.PromptMessage;
import org.mcpkit.protocol.TextContent;
import org.mcpkit.server.PromptHandler;
import org.mcpkit.server.PromptSpec;
import org.mcpkit.server.annotation.McpPrompt;

/** Builds the {@link PromptSpec} of an {@link McpPrompt} method. */
final class PromptMethods {
  private PromptMethods() {}

  static PromptSpec spec(Object target, Method method, McpPrompt annotation) {
    String name = annotation.name().isEmpty() ? method.getName() : annotation.name();
    List<Scan.Param> params = Scan.params(method);
    Scan.requireStrings(method, params, "prompt arguments");
    List<PromptArgument> arguments = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (Scan.Param p : params) {
      if (p.kind() == Scan.Kind.ARGUMENT) {
        if (names.contains(p.name())) {
          throw Scan.error(method, "duplicate argument name '" + p.name() + "'");
        }
        names.add(p.name());
        boolean required = p.type() == String.class && !p.optional();
        arguments.add(new PromptArgument(p.name(), null, p.description().orElse(null), required));
      }
    }
    String description = Scan.orNull(annotation.description());
    Type returns = method.getGenericReturnType();
    Function<Object, GetPromptResult> result;
    if (returns == String.class) {
      result =
          r -> r == null ? null : new GetPromptResult(description, List.of(PromptMessage.user(TextContent.of((String) r))), null);
    } else if (returns == PromptMessage.class) {
      result = r -> r == null ? null : new GetPromptResult(description, List.of((PromptMessage) r), null);
    } else if (Scan.listOf(returns, PromptMessage.class)) {
      result = r -> r == null ? null : new GetPromptResult(description, messages(r), null);
    } else if (returns == GetPromptResult.class) {
      result = r -> (GetPromptResult) r;
    } else {
      throw Scan.error(
          method,
          "unsupported return type " + returns.getTypeName()
              + "; return String, PromptMessage, List<PromptMessage> or GetPromptResult");
    }
    Prompt prompt = new Prompt(name, Scan.orNull(annotation.title()), description, arguments, null, null);
    Invoker invoker = Invoker.of(target, method);
    Scan.Param[] layout = params.toArray(Scan.Param[]::new);
    PromptHandler handler =
        (ctx, request) -> {
          Map<String, String> given = request.arguments() == null ? Map.of() : request.arguments();
          Object[] values = new Object[layout.length];
          for (Scan.Param p : layout) {
            values[p.index()] = p.kind() == Scan.Kind.CONTEXT ? ctx : Scan.stringValue(p, given.get(p.name()));
          }
          return result.apply(invoker.invoke(values));
        };
    return PromptSpec.of(prompt, handler);
  }

  private static List<PromptMessage> messages(Object list) {
    List<PromptMessage> out = new ArrayList<>();
    for (Object m : (List<?>) list) {
      out.add((PromptMessage) m);
    }
    return out;
  }
}
