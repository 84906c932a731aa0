package org.mcpkit.internal.annotation;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mcpkit.protocol.CompleteResult;
import org.mcpkit.protocol.Completion;
import org.mcpkit.server.CompletionHandler;
import org.mcpkit.server.annotation.McpCompletion;

/**
 * The {@link McpCompletion} methods of one prompt or resource template, as one {@link
 * CompletionHandler} that picks the method by the argument's name (none: no values).
 */
final class CompletionMethods {
  /** One method: its handle and where the value, context and request go. */
  private record Entry(Invoker invoker, int arity, int value, int context, int request, boolean list) {}

  private final Map<String, Entry> byArgument = new LinkedHashMap<>();

  /** Adds the method completing {@code argument}; false when one already does. */
  boolean add(Object target, Method method, McpCompletion annotation) {
    if (byArgument.containsKey(annotation.argument())) {
      return false;
    }
    int value = -1;
    int context = -1;
    int request = -1;
    for (Scan.Param p : Scan.params(method)) {
      switch (p.kind()) {
        case CONTEXT -> context = p.index();
        case COMPLETE_REQUEST -> {
          if (request >= 0) {
            throw Scan.error(method, "more than one CompleteRequest parameter");
          }
          request = p.index();
        }
        default -> {
          if (p.type() != String.class || value >= 0) {
            throw Scan.error(
                method,
                "parameter '" + p.name() + "': a completion takes one String (the value typed so far),"
                    + " a RequestContext and a CompleteRequest");
          }
          value = p.index();
        }
      }
    }
    boolean list = Scan.listOf(method.getGenericReturnType(), String.class);
    if (!list && method.getReturnType() != CompleteResult.class) {
      throw Scan.error(
          method,
          "unsupported return type " + method.getGenericReturnType().getTypeName()
              + "; return List<String> or CompleteResult");
    }
    byArgument.put(
        annotation.argument(),
        new Entry(Invoker.of(target, method), method.getParameterCount(), value, context, request, list));
    return true;
  }

  /** The handler over every method added. */
  CompletionHandler handler() {
    Map<String, Entry> entries = Map.copyOf(byArgument);
    return (ctx, request) -> {
      Entry e = entries.get(request.argument().name());
      if (e == null) {
        return CompleteResult.of(List.of());
      }
      Object[] values = new Object[e.arity()];
      if (e.value() >= 0) {
        values[e.value()] = request.argument().value();
      }
      if (e.context() >= 0) {
        values[e.context()] = ctx;
      }
      if (e.request() >= 0) {
        values[e.request()] = request;
      }
      Object r = e.invoker().invoke(values);
      return e.list() ? values(r) : (CompleteResult) r;
    };
  }

  /** At most {@value Completion#MAX_VALUES} values; a longer list is cut, with its total. */
  private static CompleteResult values(Object r) {
    if (r == null) {
      return CompleteResult.of(List.of());
    }
    List<String> all = new ArrayList<>();
    for (Object v : (List<?>) r) {
      all.add(String.valueOf(v));
    }
    if (all.size() <= Completion.MAX_VALUES) {
      return CompleteResult.of(all);
    }
    return new CompleteResult(new Completion(all.subList(0, Completion.MAX_VALUES), all.size(), true), null);
  }
}
