package org.mcpkit.internal.schema;

import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * Binds tool arguments (JSON as maps, lists and scalars) to a record, checking them first against
 * the rules {@link RecordSchemas} describes. Every problem is reported, never silently coerced:
 * {@code "3"} is not an integer, {@code 3.0} is.
 */
public final class ArgumentBinder {
  private ArgumentBinder() {}

  /** Binds the arguments or throws {@link ArgumentException} naming every problem. */
  public static <R extends Record> R bind(Map<String, Object> arguments, Class<R> type) {
    List<String> problems = new ArrayList<>();
    Object value = bindRecord(arguments, type, "", problems);
    if (!problems.isEmpty()) {
      throw new ArgumentException(problems);
    }
    return type.cast(value);
  }

  private static String name(String path) {
    return "argument '" + path + "'";
  }

  private static Object bindRecord(
      Map<String, Object> args, Class<?> type, String prefix, List<String> problems) {
    RecordComponent[] components = type.getRecordComponents();
    Object[] values = new Object[components.length];
    Class<?>[] types = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      RecordComponent c = components[i];
      types[i] = c.getType();
      String path = prefix + c.getName();
      Type t = c.getGenericType();
      Object raw = args.get(c.getName());
      if (JavaTypes.kind(t) == JavaTypes.Kind.OPTIONAL) {
        Object inner = raw == null ? null : bindValue(raw, JavaTypes.optionalContent(t), path, problems);
        values[i] = wrapOptional(c.getType(), inner);
      } else if (raw == null) {
        problems.add("missing required argument '" + path + "'");
      } else {
        values[i] = bindValue(raw, t, path, problems);
      }
    }
    for (String key : args.keySet()) {
      boolean known = false;
      for (RecordComponent c : components) {
        known |= c.getName().equals(key);
      }
      if (!known) {
        problems.add("unknown argument '" + prefix + key + "'");
      }
    }
    if (!problems.isEmpty()) {
      return null;
    }
    for (int i = 0; i < values.length; i++) {
      if (values[i] == null && types[i].isPrimitive()) {
        return null;
      }
    }
    try {
      Constructor<?> ctor = type.getDeclaredConstructor(types);
      ctor.setAccessible(true);
      return ctor.newInstance(values);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      problems.add(
          (prefix.isEmpty() ? "arguments" : name(prefix.substring(0, prefix.length() - 1)))
              + " rejected: "
              + (cause instanceof IllegalArgumentException && cause.getMessage() != null
                  ? cause.getMessage()
                  : "invalid value"));
      return null;
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalStateException("cannot construct " + type.getName(), e);
    }
  }

  private static Object wrapOptional(Class<?> c, Object inner) {
    if (c == OptionalInt.class) {
      return inner == null ? OptionalInt.empty() : OptionalInt.of(((Number) inner).intValue());
    }
    if (c == OptionalLong.class) {
      return inner == null ? OptionalLong.empty() : OptionalLong.of(((Number) inner).longValue());
    }
    if (c == OptionalDouble.class) {
      return inner == null ? OptionalDouble.empty() : OptionalDouble.of(((Number) inner).doubleValue());
    }
    return Optional.ofNullable(inner);
  }

  @SuppressWarnings("unchecked")
  private static Object bindValue(Object raw, Type t, String path, List<String> problems) {
    Class<?> c = JavaTypes.raw(t);
    switch (JavaTypes.kind(t)) {
      case STRING:
        if (!(raw instanceof String s)) {
          problems.add(name(path) + " must be a string");
          return null;
        }
        if (c == char.class || c == Character.class) {
          if (s.length() != 1) {
            problems.add(name(path) + " must be a single character");
            return null;
          }
          return s.charAt(0);
        }
        return s;
      case BOOLEAN:
        if (!(raw instanceof Boolean)) {
          problems.add(name(path) + " must be a boolean");
          return null;
        }
        return raw;
      case INTEGER:
        return integer(raw, c, path, problems);
      case NUMBER: {
        if (!(raw instanceof Number n)) {
          problems.add(name(path) + " must be a number");
          return null;
        }
        if (c == BigDecimal.class) {
          return new BigDecimal(n.toString());
        }
        return c == float.class || c == Float.class ? (Object) n.floatValue() : (Object) n.doubleValue();
      }
      case ENUM: {
        List<String> allowed = RecordSchemas.enumValues(c);
        int idx = raw instanceof String s ? allowed.indexOf(s) : -1;
        if (idx < 0) {
          problems.add(name(path) + " must be one of " + allowed);
          return null;
        }
        return c.getEnumConstants()[idx];
      }
      case ARRAY: {
        if (!(raw instanceof List<?> list)) {
          problems.add(name(path) + " must be an array");
          return null;
        }
        Type el = JavaTypes.element(t);
        List<Object> items = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
          String p = path + "[" + i + "]";
          if (list.get(i) == null) {
            problems.add(name(p) + " must not be null");
          } else {
            items.add(bindValue(list.get(i), el, p, problems));
          }
        }
        if (c.isArray()) {
          Class<?> component = c.getComponentType();
          Object array = Array.newInstance(component, items.size());
          for (int i = 0; i < items.size(); i++) {
            if (items.get(i) != null) {
              Array.set(array, i, items.get(i));
            }
          }
          return array;
        }
        if (JavaTypes.isSet(t)) {
          return java.util.Collections.unmodifiableSet(new LinkedHashSet<>(items));
        }
        if (Collection.class.isAssignableFrom(c)) {
          return java.util.Collections.unmodifiableList(items);
        }
        return items;
      }
      case MAP: {
        if (!(raw instanceof Map<?, ?> map)) {
          problems.add(name(path) + " must be an object");
          return null;
        }
        Type v = JavaTypes.arg(t, 1);
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
          String p = path + "." + e.getKey();
          out.put(
              String.valueOf(e.getKey()),
              e.getValue() == null || JavaTypes.kind(v) == JavaTypes.Kind.ANY
                  ? e.getValue()
                  : bindValue(e.getValue(), v, p, problems));
        }
        return java.util.Collections.unmodifiableMap(out);
      }
      case RECORD:
        if (!(raw instanceof Map<?, ?> map)) {
          problems.add(name(path) + " must be an object");
          return null;
        }
        return bindRecord((Map<String, Object>) map, c, path + ".", problems);
      case FORMATTED:
        if (!(raw instanceof String s)) {
          problems.add(name(path) + " must be a string");
          return null;
        }
        try {
          if (c == Instant.class) {
            return Instant.parse(s);
          }
          if (c == OffsetDateTime.class) {
            return OffsetDateTime.parse(s);
          }
          if (c == LocalDate.class) {
            return LocalDate.parse(s);
          }
          if (c == URI.class) {
            return new URI(s);
          }
          return UUID.fromString(s);
        } catch (DateTimeParseException | java.net.URISyntaxException | IllegalArgumentException e) {
          problems.add(name(path) + " must be a valid " + JavaTypes.format(c));
          return null;
        }
      default:
        return raw;
    }
  }

  private static Object integer(Object raw, Class<?> c, String path, List<String> problems) {
    if (!(raw instanceof Number n)) {
      problems.add(name(path) + " must be an integer");
      return null;
    }
    BigInteger value;
    if (n instanceof BigInteger b) {
      value = b;
    } else if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte) {
      value = BigInteger.valueOf(n.longValue());
    } else {
      BigDecimal d = new BigDecimal(n.toString());
      try {
        value = d.toBigIntegerExact();
      } catch (ArithmeticException e) {
        problems.add(name(path) + " must be an integer");
        return null;
      }
    }
    if (c == BigInteger.class) {
      return value;
    }
    long min;
    long max;
    String typeName;
    if (c == int.class || c == Integer.class) {
      min = Integer.MIN_VALUE;
      max = Integer.MAX_VALUE;
      typeName = "int";
    } else if (c == short.class || c == Short.class) {
      min = Short.MIN_VALUE;
      max = Short.MAX_VALUE;
      typeName = "short";
    } else if (c == byte.class || c == Byte.class) {
      min = Byte.MIN_VALUE;
      max = Byte.MAX_VALUE;
      typeName = "byte";
    } else {
      min = Long.MIN_VALUE;
      max = Long.MAX_VALUE;
      typeName = "long";
    }
    if (value.compareTo(BigInteger.valueOf(min)) < 0 || value.compareTo(BigInteger.valueOf(max)) > 0) {
      problems.add(name(path) + " is out of range for " + typeName);
      return null;
    }
    long l = value.longValue();
    if (typeName.equals("int")) {
      return (int) l;
    }
    if (typeName.equals("short")) {
      return (short) l;
    }
    if (typeName.equals("byte")) {
      return (byte) l;
    }
    return l;
  }
}
