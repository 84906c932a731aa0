package org.mcpkit.internal.schema;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Derives JSON Schema (2020-12) object schemas from record types.
 *
 * <p>The schema of a record is {@code {"type":"object","description":...,"properties":{...},
 * "required":[...],"additionalProperties":false}}: {@code description} only when the record type
 * carries {@link org.mcpkit.server.Description}, {@code required} only when non-empty. Properties
 * follow record component order and are named after the components ({@code @JsonProperty}
 * renames on components are not honoured). There is no {@code $schema} key: 2020-12 is the
 * default dialect of MCP.
 *
 * <p>Type mapping: {@code String}, {@code CharSequence}, {@code char} → string; {@code boolean}
 * → boolean; {@code byte}, {@code short}, {@code int}, {@code long}, their wrappers and {@code
 * BigInteger} → integer; {@code float}, {@code double}, their wrappers and {@code BigDecimal} →
 * number; enums → string with {@code enum} of the constant names (or their {@code @JsonProperty}
 * values); {@code List}, {@code Collection}, arrays → array with {@code items}; {@code Set} →
 * array with {@code uniqueItems}; {@code Map<String, V>} → object with {@code
 * additionalProperties} (just {@code {"type":"object"}} when {@code V} is {@code Object}); nested
 * records → nested object schemas; {@code Optional<T>}, {@code OptionalInt}, {@code OptionalLong},
 * {@code OptionalDouble} → the content's schema, not required; {@code Object} → {@code {}}; {@code
 * Instant}, {@code OffsetDateTime} → string with format date-time; {@code LocalDate} → format
 * date; {@code URI} → format uri; {@code UUID} → format uuid. Any other type is rejected with an
 * {@link IllegalArgumentException}.
 *
 * <p>Required: every component that is not an {@code Optional} or {@code OptionalInt}/{@code
 * Long}/{@code Double} (primitives are therefore always required).
 *
 * <p>Recursive types: a record type that refers back to itself, directly or through other
 * records, is emitted once under the root's {@code $defs} (named after its simple name, with a
 * numeric suffix on clashes) and referred to with {@code {"$ref":"#/$defs/Name"}} everywhere it
 * occurs; when the root record itself is recursive it is referred to with {@code
 * {"$ref":"#"}}. Non-recursive nested records are inlined.
 *
 * <p>Schemas are immutable, ordered maps of maps, lists and scalars, computed once per class.
 */
public final class RecordSchemas {

  private static final ClassValue<Map<String, Object>> CACHE =
      new ClassValue<>() {
        @Override
        protected Map<String, Object> computeValue(Class<?> type) {
          return new Generator(type).generate();
        }
      };

  private RecordSchemas() {}

  /**
   * The input schema of a tool whose arguments are the given record.
   *
   * @param type the argument record
   * @return the object schema, immutable
   * @throws IllegalArgumentException if a component type has no JSON mapping
   */
  public static Map<String, Object> inputSchema(Class<? extends Record> type) {
    Objects.requireNonNull(type, "type");
    return CACHE.get(type);
  }

  /**
   * The output schema of a tool whose structured result is the given record. Same rules as
   * {@link #inputSchema(Class)}.
   *
   * @param type the result record
   * @return the object schema, immutable
   * @throws IllegalArgumentException if the type is not a record or a component type has no JSON
   *     mapping
   */
  public static Map<String, Object> outputSchema(Class<?> type) {
    Objects.requireNonNull(type, "type");
    if (!type.isRecord()) {
      throw new IllegalArgumentException(
          "structured output type must be a record: " + type.getName());
    }
    return CACHE.get(type);
  }

  /**
   * The input schema of a method whose parameters are {@code parameters} (a {@link
   * RecordModel#parameters} model): the same rules as for a record, with nested records under
   * the schema's own {@code $defs} when recursive.
   */
  static Map<String, Object> parametersSchema(RecordModel parameters) {
    return new Generator(Objects.requireNonNull(parameters, "parameters")).generate();
  }

  /** Wire names of the constants of an enum: {@code @JsonProperty} value or constant name. */
  static List<String> enumNames(Class<?> enumType) {
    Object[] constants = enumType.getEnumConstants();
    List<String> names = new ArrayList<>(constants.length);
    for (Object constant : constants) {
      String name = ((Enum<?>) constant).name();
      try {
        JsonProperty property = enumType.getField(name).getAnnotation(JsonProperty.class);
        if (property != null && !property.value().isEmpty()) {
          name = property.value();
        }
      } catch (NoSuchFieldException e) {
        // Cannot happen for an enum constant; keep the constant name.
      }
      names.add(name);
    }
    return List.copyOf(names);
  }

  /** One schema derivation; not thread-safe, used once. */
  private static final class Generator {
    private final Class<?> root;
    private final Set<Class<?>> recursive = new HashSet<>();
    private final Map<Class<?>, String> defNames = new LinkedHashMap<>();
    private final Map<String, Object> defs = new LinkedHashMap<>();

    /** The model of the root object: the root record's, or a method's parameter list. */
    private final RecordModel rootModel;

    Generator(Class<?> root) {
      this.root = root;
      this.rootModel = null;
    }

    /** A generator for a parameter list, whose root is no record (so nothing refers to it). */
    Generator(RecordModel parameters) {
      this.root = null;
      this.rootModel = parameters;
    }

    Map<String, Object> generate() {
      Map<String, Object> schema;
      if (rootModel == null) {
        findRecursive(root, new ArrayDeque<>(), new HashSet<>());
        schema = new LinkedHashMap<>(objectSchema(RecordModel.of(root)));
      } else {
        Set<Class<?>> done = new HashSet<>();
        for (RecordModel.Component component : rootModel.components()) {
          for (Class<?> nested : records(component.shape(), new ArrayList<>())) {
            findRecursive(nested, new ArrayDeque<>(), done);
          }
        }
        schema = new LinkedHashMap<>(objectSchema(rootModel));
      }
      // Definitions may add further definitions while being generated; loop until stable.
      Set<Class<?>> generated = new HashSet<>();
      boolean more = true;
      while (more) {
        more = false;
        for (Map.Entry<Class<?>, String> e : List.copyOf(defNames.entrySet())) {
          if (generated.add(e.getKey())) {
            defs.put(e.getValue(), objectSchema(RecordModel.of(e.getKey())));
            more = true;
          }
        }
      }
      if (!defs.isEmpty()) {
        schema.put("$defs", Collections.unmodifiableMap(new LinkedHashMap<>(defs)));
      }
      return Collections.unmodifiableMap(schema);
    }

    private void findRecursive(Class<?> type, Deque<Class<?>> path, Set<Class<?>> done) {
      if (path.contains(type)) {
        recursive.add(type);
        return;
      }
      if (!done.add(type)) {
        return;
      }
      path.push(type);
      for (RecordModel.Component component : RecordModel.of(type).components()) {
        for (Class<?> nested : records(component.shape(), new ArrayList<>())) {
          findRecursive(nested, path, done);
        }
      }
      path.pop();
    }

    private static List<Class<?>> records(Shape shape, List<Class<?>> out) {
      if (shape.kind() == Shape.Kind.RECORD) {
        out.add(shape.raw());
      } else if (shape.element() != null) {
        records(shape.element(), out);
      }
      return out;
    }

    private Map<String, Object> objectSchema(RecordModel model) {
      Map<String, Object> schema = new LinkedHashMap<>();
      schema.put("type", "object");
      model.description().ifPresent(d -> schema.put("description", d));
      Map<String, Object> properties = new LinkedHashMap<>();
      List<String> required = new ArrayList<>();
      for (RecordModel.Component component : model.components()) {
        Map<String, Object> property = schema(component.shape());
        if (component.description().isPresent()) {
          property = withDescription(property, component.description().get());
        }
        properties.put(component.name(), property);
        if (component.required()) {
          required.add(component.name());
        }
      }
      schema.put("properties", Collections.unmodifiableMap(properties));
      if (!required.isEmpty()) {
        schema.put("required", List.copyOf(required));
      }
      schema.put("additionalProperties", false);
      return Collections.unmodifiableMap(schema);
    }

    private Map<String, Object> schema(Shape shape) {
      switch (shape.kind()) {
        case STRING:
        case CHAR:
          return Map.of("type", "string");
        case BOOLEAN:
          return Map.of("type", "boolean");
        case INTEGER:
          return Map.of("type", "integer");
        case NUMBER:
          return Map.of("type", "number");
        case ENUM:
          return ordered("type", "string", "enum", enumNames(shape.raw()));
        case LIST:
        case ARRAY:
          return ordered("type", "array", "items", schema(shape.element()));
        case SET:
          Map<String, Object> set = new LinkedHashMap<>();
          set.put("type", "array");
          set.put("items", schema(shape.element()));
          set.put("uniqueItems", true);
          return Collections.unmodifiableMap(set);
        case MAP:
          if (shape.element().kind() == Shape.Kind.ANY) {
            return Map.of("type", "object");
          }
          return ordered("type", "object", "additionalProperties", schema(shape.element()));
        case RECORD:
          return recordSchema(shape.raw());
        case OPTIONAL:
          return schema(shape.element());
        case ANY:
          return Map.of();
        case DATE_TIME:
          return ordered("type", "string", "format", "date-time");
        case DATE:
          return ordered("type", "string", "format", "date");
        case URI:
          return ordered("type", "string", "format", "uri");
        case UUID:
          return ordered("type", "string", "format", "uuid");
        default:
          throw new IllegalStateException("unhandled kind " + shape.kind());
      }
    }

    private Map<String, Object> recordSchema(Class<?> type) {
      if (!recursive.contains(type)) {
        return objectSchema(RecordModel.of(type));
      }
      if (type == root) {
        return Map.of("$ref", "#");
      }
      String name = defNames.get(type);
      if (name == null) {
        name = type.getSimpleName();
        int suffix = 2;
        while (defNames.containsValue(name)) {
          name = type.getSimpleName() + "_" + suffix++;
        }
        defNames.put(type, name);
      }
      return Map.of("$ref", "#/$defs/" + name);
    }

    private static Map<String, Object> ordered(String k1, Object v1, String k2, Object v2) {
      Map<String, Object> map = new LinkedHashMap<>();
      map.put(k1, v1);
      map.put(k2, v2);
      return Collections.unmodifiableMap(map);
    }

    /** Adds or replaces {@code description}, placed right after {@code type} when present. */
    private static Map<String, Object> withDescription(Map<String, Object> schema, String text) {
      Map<String, Object> copy = new LinkedHashMap<>();
      boolean placed = false;
      for (Map.Entry<String, Object> e : schema.entrySet()) {
        if (e.getKey().equals("description")) {
          copy.put("description", text);
          placed = true;
        } else {
          copy.put(e.getKey(), e.getValue());
          if (e.getKey().equals("type") && !schema.containsKey("description")) {
            copy.put("description", text);
            placed = true;
          }
        }
      }
      if (!placed) {
        copy.put("description", text);
      }
      return Collections.unmodifiableMap(copy);
    }
  }
}
