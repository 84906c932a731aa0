package org.mcpkit.internal.schema;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Turns a record into the JSON value its {@link RecordSchemas#outputSchema output schema}
 * describes (maps, lists and scalars): the inverse of {@link ArgumentBinder}. Empty optionals and
 * null components are left out; enums become their wire names; dates, URIs and UUIDs their
 * string forms. Component accessors are method handles looked up once per record class.
 */
public final class RecordValues {
  private static final ClassValue<MethodHandle[]> ACCESSORS =
      new ClassValue<>() {
        @Override
        protected MethodHandle[] computeValue(Class<?> type) {
          RecordComponent[] components = type.getRecordComponents();
          MethodHandle[] handles = new MethodHandle[components.length];
          for (int i = 0; i < components.length; i++) {
            Method accessor = components[i].getAccessor();
            try {
              accessor.setAccessible(true);
            } catch (RuntimeException e) {
              // not opened to us; a public accessor of an exported type still works
            }
            try {
              handles[i] =
                  MethodHandles.lookup().unreflect(accessor).asType(MethodType.methodType(Object.class, Object.class));
            } catch (IllegalAccessException e) {
              throw new IllegalArgumentException("cannot read record " + type.getName() + ": " + e.getMessage(), e);
            }
          }
          return handles;
        }
      };

  private RecordValues() {}

  /**
   * The JSON value of a record, as an immutable ordered map.
   *
   * @throws IllegalArgumentException if the record has a component type without a JSON mapping
   */
  public static Map<String, Object> toJson(Record value) {
    @SuppressWarnings("unchecked")
    Map<String, Object> map = (Map<String, Object>) convert(value, new Shape(Shape.Kind.RECORD, value.getClass(), null));
    return map;
  }

  private static Object convert(Object value, Shape shape) {
    if (value == null) {
      return null;
    }
    switch (shape.kind()) {
      case STRING:
      case CHAR:
      case DATE_TIME:
      case DATE:
      case URI:
      case UUID:
        return value.toString();
      case ENUM:
        return RecordSchemas.enumNames(shape.raw()).get(((Enum<?>) value).ordinal());
      case LIST:
      case SET:
        List<Object> items = new ArrayList<>();
        for (Object item : (Collection<?>) value) {
          items.add(convert(item, shape.element()));
        }
        return Collections.unmodifiableList(items);
      case ARRAY:
        List<Object> elements = new ArrayList<>();
        for (int i = 0, n = Array.getLength(value); i < n; i++) {
          elements.add(convert(Array.get(value, i), shape.element()));
        }
        return Collections.unmodifiableList(elements);
      case MAP:
        Map<String, Object> entries = new LinkedHashMap<>();
        ((Map<?, ?>) value).forEach((k, v) -> entries.put(String.valueOf(k), convert(v, shape.element())));
        return Collections.unmodifiableMap(entries);
      case OPTIONAL:
        return convert(unwrap(value), shape.element());
      case RECORD:
        return record(value, RecordModel.of(shape.raw()));
      default: // BOOLEAN, INTEGER, NUMBER, ANY: Jackson writes them as they are
        return value;
    }
  }

  private static Map<String, Object> record(Object value, RecordModel model) {
    MethodHandle[] accessors = ACCESSORS.get(model.type());
    List<RecordModel.Component> components = model.components();
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < accessors.length; i++) {
      Object component;
      try {
        component = (Object) accessors[i].invokeExact(value);
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Throwable e) {
        throw new IllegalStateException("record accessor failed", e);
      }
      Object json = convert(component, components.get(i).shape());
      if (json != null) {
        out.put(components.get(i).name(), json);
      }
    }
    return Collections.unmodifiableMap(out);
  }

  private static Object unwrap(Object optional) {
    if (optional instanceof Optional<?> o) {
      return o.orElse(null);
    }
    if (optional instanceof OptionalInt o) {
      return o.isPresent() ? o.getAsInt() : null;
    }
    if (optional instanceof OptionalLong o) {
      return o.isPresent() ? o.getAsLong() : null;
    }
    OptionalDouble o = (OptionalDouble) optional;
    return o.isPresent() ? o.getAsDouble() : null;
  }
}
