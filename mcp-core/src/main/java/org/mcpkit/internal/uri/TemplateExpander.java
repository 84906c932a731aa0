package org.mcpkit.internal.uri;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Expands parsed template parts with variable values (RFC 6570 levels 1 to 4). Stateless and
 * thread-safe. The value rules are those documented on {@link org.mcpkit.server.UriTemplate}.
 */
public final class TemplateExpander {
  private TemplateExpander() {}

  /**
   * Expands parts.
   *
   * @param parts the parts from {@link TemplateParser#parse(String)}
   * @param variables variable values by name; missing names are undefined
   * @param sizeHint the expected length of the result
   * @return the expanded URI reference
   * @throws IllegalArgumentException if a prefix modifier is applied to a list or map value
   */
  public static String expand(List<TemplatePart> parts, Map<String, ?> variables, int sizeHint) {
    StringBuilder out = new StringBuilder(sizeHint);
    for (TemplatePart part : parts) {
      if (part instanceof Literal literal) {
        PercentCodec.encodeLiteral(literal.text(), out);
      } else {
        expandExpression((Expression) part, variables, out);
      }
    }
    return out.toString();
  }

  private static void expandExpression(
      Expression expression, Map<String, ?> variables, StringBuilder out) {
    Operator op = expression.operator();
    boolean first = true;
    for (VarSpec spec : expression.variables()) {
      Object value = defined(variables.get(spec.name()));
      if (value == null) {
        continue;
      }
      out.append(first ? op.first() : op.separator());
      first = false;
      if (value instanceof String s) {
        appendString(op, spec, s, out);
        continue;
      }
      if (spec.prefix() > 0) {
        throw new IllegalArgumentException(
            "prefix modifier not applicable to the composite value of '" + spec.name() + "'");
      }
      if (spec.explode()) {
        appendExploded(op, spec, value, out);
      } else {
        appendJoined(op, spec, value, out);
      }
    }
  }

  private static void appendString(Operator op, VarSpec spec, String s, StringBuilder out) {
    if (op.named()) {
      out.append(PercentCodec.encode(spec.name(), false));
      out.append(s.isEmpty() ? op.ifEmpty() : "=");
    }
    if (spec.prefix() > 0 && s.codePointCount(0, s.length()) > spec.prefix()) {
      s = s.substring(0, s.offsetByCodePoints(0, spec.prefix()));
    }
    out.append(PercentCodec.encode(s, op.allowReserved()));
  }

  /** A list or map without explode: one comma-separated value. */
  private static void appendJoined(Operator op, VarSpec spec, Object value, StringBuilder out) {
    if (op.named()) {
      out.append(PercentCodec.encode(spec.name(), false)).append('=');
    }
    List<String> items = new ArrayList<>();
    if (value instanceof List<?> list) {
      for (Object item : list) {
        items.add(PercentCodec.encode((String) item, op.allowReserved()));
      }
    } else {
      for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
        items.add(PercentCodec.encode((String) e.getKey(), op.allowReserved()));
        items.add(PercentCodec.encode((String) e.getValue(), op.allowReserved()));
      }
    }
    out.append(String.join(",", items));
  }

  /** A list or map with explode: one item per element, joined by the operator's separator. */
  private static void appendExploded(Operator op, VarSpec spec, Object value, StringBuilder out) {
    List<String> items = new ArrayList<>();
    if (value instanceof List<?> list) {
      for (Object item : list) {
        String s = (String) item;
        if (op.named()) {
          String name = PercentCodec.encode(spec.name(), false);
          items.add(
              s.isEmpty()
                  ? name + op.ifEmpty()
                  : name + "=" + PercentCodec.encode(s, op.allowReserved()));
        } else {
          items.add(PercentCodec.encode(s, op.allowReserved()));
        }
      }
    } else {
      for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
        String key = PercentCodec.encode((String) e.getKey(), op.allowReserved());
        String s = (String) e.getValue();
        if (op.named() && s.isEmpty()) {
          items.add(key + op.ifEmpty());
        } else {
          items.add(key + "=" + PercentCodec.encode(s, op.allowReserved()));
        }
      }
    }
    out.append(String.join(op.separator(), items));
  }

  /** Null when undefined; otherwise a String, a List of Strings or a Map of Strings. */
  private static Object defined(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, String> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (e.getKey() != null && e.getValue() != null) {
          out.put(String.valueOf(e.getKey()), String.valueOf(e.getValue()));
        }
      }
      return out.isEmpty() ? null : out;
    }
    Collection<?> items = null;
    if (value instanceof Collection<?> collection) {
      items = collection;
    } else if (value.getClass().isArray()) {
      int length = Array.getLength(value);
      List<Object> list = new ArrayList<>(length);
      for (int i = 0; i < length; i++) {
        list.add(Array.get(value, i));
      }
      items = list;
    }
    if (items != null) {
      List<String> out = new ArrayList<>();
      for (Object item : items) {
        if (item != null) {
          out.add(String.valueOf(item));
        }
      }
      return out.isEmpty() ? null : out;
    }
    return String.valueOf(value);
  }
}
