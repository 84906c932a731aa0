package org.mcpkit.internal.schema;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mcpkit.server.Description;

/**
 * Derives JSON Schema 2020-12 from Java records. A component is required unless its type is an
 * {@code Optional}; the root forbids unknown properties. A record that contains itself is refused
 * (IllegalArgumentException): describe recursive shapes with a hand-written schema.
 */
public final class RecordSchemas {
  private static final ClassValue<Map<String, Object>> CACHE =
      new ClassValue<>() {
        @Override
        protected Map<String, Object> computeValue(Class<?> type) {
          return freeze(recordSchema(type, new HashSet<>()));
        }
      };

  private RecordSchemas() {}

  /** The input schema of a tool whose arguments are the given record. */
  public static Map<String, Object> inputSchema(Class<? extends Record> type) {
    return CACHE.get(type);
  }

  /** The schema of a structured result of the given record type. */
  public static Map<String, Object> outputSchema(Class<?> type) {
    if (!type.isRecord()) {
      throw new IllegalArgumentException(type.getName() + " is not a record");
    }
    return CACHE.get(type);
  }

  private static Map<String, Object> recordSchema(Class<?> type, Set<Class<?>> path) {
    if (!path.add(type)) {
      throw new IllegalArgumentException(
          "recursive record " + type.getName() + " cannot be described; supply a schema instead");
    }
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", "object");
    Description d = type.getAnnotation(Description.class);
    if (d != null) {
      schema.put("description", d.value());
    }
    Map<String, Object> props = new LinkedHashMap<>();
    List<String> required = new ArrayList<>();
    for (RecordComponent c : type.getRecordComponents()) {
      Type t = c.getGenericType();
      boolean optional = JavaTypes.kind(t) == JavaTypes.Kind.OPTIONAL;
      Map<String, Object> prop =
          new LinkedHashMap<>(schemaOf(optional ? JavaTypes.optionalContent(t) : t, path));
      Description cd = c.getAnnotation(Description.class);
      if (cd != null) {
        prop.put("description", cd.value());
      }
      props.put(c.getName(), prop);
      if (!optional) {
        required.add(c.getName());
      }
    }
    schema.put("properties", props);
    if (!required.isEmpty()) {
      schema.put("required", required);
    }
    schema.put("additionalProperties", false);
    path.remove(type);
    return schema;
  }

  static Map<String, Object> schemaOf(Type t, Set<Class<?>> path) {
    Map<String, Object> s = new LinkedHashMap<>();
    switch (JavaTypes.kind(t)) {
      case STRING:
        s.put("type", "string");
        break;
      case BOOLEAN:
        s.put("type", "boolean");
        break;
      case INTEGER:
        s.put("type", "integer");
        break;
      case NUMBER:
        s.put("type", "number");
        break;
      case ENUM:
        s.put("type", "string");
        s.put("enum", enumValues(JavaTypes.raw(t)));
        break;
      case ARRAY:
        s.put("type", "array");
        s.put("items", schemaOf(JavaTypes.element(t), path));
        if (JavaTypes.isSet(t)) {
          s.put("uniqueItems", true);
        }
        break;
      case MAP: {
        s.put("type", "object");
        Type v = JavaTypes.arg(t, 1);
        if (JavaTypes.kind(v) != JavaTypes.Kind.ANY) {
          s.put("additionalProperties", schemaOf(v, path));
        }
        break;
      }
      case RECORD:
        return recordSchema(JavaTypes.raw(t), path);
      case OPTIONAL:
        return schemaOf(JavaTypes.optionalContent(t), path);
      case FORMATTED:
        s.put("type", "string");
        s.put("format", JavaTypes.format(JavaTypes.raw(t)));
        break;
      default:
        break;
    }
    return s;
  }

  static List<String> enumValues(Class<?> enumType) {
    List<String> values = new ArrayList<>();
    for (Object constant : enumType.getEnumConstants()) {
      String name = ((Enum<?>) constant).name();
      try {
        JsonProperty p = enumType.getField(name).getAnnotation(JsonProperty.class);
        values.add(p != null && !p.value().isEmpty() ? p.value() : name);
      } catch (NoSuchFieldException e) {
        values.add(name);
      }
    }
    return values;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> freeze(Map<String, Object> map) {
    Map<String, Object> copy = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : map.entrySet()) {
      Object v = e.getValue();
      if (v instanceof Map<?, ?> m) {
        v = freeze((Map<String, Object>) m);
      } else if (v instanceof List<?> l) {
        List<Object> items = new ArrayList<>();
        for (Object o : l) {
          items.add(o instanceof Map<?, ?> m ? freeze((Map<String, Object>) m) : o);
        }
        v = Collections.unmodifiableList(items);
      }
      copy.put(e.getKey(), v);
    }
    return Collections.unmodifiableMap(copy);
  }
}
