package org.mcpkit.internal.annotation;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.mcpkit.internal.json.Json;
import org.mcpkit.internal.schema.ArgumentException;
import org.mcpkit.internal.schema.BoundToolHandler;
import org.mcpkit.internal.schema.MethodArguments;
import org.mcpkit.internal.schema.RecordSchemas;
import org.mcpkit.internal.schema.RecordValues;
import org.mcpkit.protocol.CallToolResult;
import org.mcpkit.protocol.Tool;
import org.mcpkit.server.ToolSpec;
import org.mcpkit.server.annotation.McpTool;

/** Builds the {@link ToolSpec} of an {@link McpTool} method. */
final class ToolMethods {
  private static final CallToolResult EMPTY = new CallToolResult(List.of(), null, null, null);

  private ToolMethods() {}

  static ToolSpec spec(Object target, Method method, McpTool annotation) {
    String name = annotation.name().isEmpty() ? method.getName() : annotation.name();
    List<Scan.Param> params = Scan.params(method);
    List<MethodArguments.Argument> arguments = new ArrayList<>();
    int context = -1;
    for (Scan.Param p : params) {
      switch (p.kind()) {
        case CONTEXT -> context = p.index();
        case ARGUMENT -> arguments.add(
            new MethodArguments.Argument(p.name(), p.type(), p.description(), p.optional(), p.index()));
        default -> throw Scan.error(method, "a CompleteRequest parameter is only for @McpCompletion methods");
      }
    }
    MethodArguments bound;
    try {
      bound = MethodArguments.of(Optional.empty(), arguments, method.getParameterCount());
    } catch (IllegalArgumentException e) {
      throw Scan.error(method, e.getMessage());
    }
    Class<?> returns = method.getReturnType();
    Map<String, Object> outputSchema = null;
    Function<Object, CallToolResult> result;
    if (returns == String.class) {
      result = r -> r == null ? null : CallToolResult.text((String) r);
    } else if (returns == CallToolResult.class) {
      result = r -> (CallToolResult) r;
    } else if (returns == void.class) {
      result = r -> EMPTY;
    } else if (returns.isRecord()) {
      try {
        outputSchema = RecordSchemas.outputSchema(returns);
      } catch (IllegalArgumentException e) {
        throw Scan.error(method, "return type: " + e.getMessage());
      }
      result = ToolMethods::structured;
    } else {
      throw Scan.error(
          method,
          "unsupported return type " + method.getGenericReturnType().getTypeName()
              + "; return String, a record, CallToolResult or void");
    }
    Tool tool =
        Tool.builder(name, bound.inputSchema())
            .title(Scan.orNull(annotation.title()))
            .description(Scan.orNull(annotation.description()))
            .outputSchema(outputSchema)
            .build();
    Invoker invoker = Invoker.of(target, method);
    int contextIndex = context;
    BoundToolHandler handler =
        (ctx, args) -> {
          Object[] values;
          try {
            values = bound.bind(args);
          } catch (ArgumentException e) {
            return CallToolResult.error("Invalid arguments for tool '" + name + "': " + e.getMessage());
          }
          if (contextIndex >= 0) {
            values[contextIndex] = ctx;
          }
          return result.apply(invoker.invoke(values));
        };
    return new ToolSpec(tool, handler, null);
  }

  /** A record result: its JSON as {@code structuredContent} and, as text, for older clients. */
  private static CallToolResult structured(Object record) {
    if (record == null) {
      return null;
    }
    Map<String, Object> json = RecordValues.toJson((Record) record);
    try {
      return CallToolResult.structured(json, Json.mapper().writeValueAsString(json));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the result of a tool", e);
    }
  }
}
