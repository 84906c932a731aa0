package org.mcpkit.internal.schema;

import org.mcpkit.internal.json.ClientText;

import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Binds tool-call arguments (maps, lists and scalars as parsed by Jackson) to an argument record,
 * after checking them against the rules of {@link RecordSchemas}.
 *
 * <p>All problems are collected before anything is constructed; the {@link ArgumentException}
 * lists them in record component order (depth first), followed by unknown arguments in input
 * order. Messages name the argument by its path: {@code address.city} for a nested record
 * component, {@code items[2]} for a list element, {@code tags.red} for a map value.
 *
 * <p>There is no silent coercion: {@code "3"} is not an integer, {@code 3.0} is (it is the same
 * JSON number) and {@code 3.5} is not; integers must fit the Java type; strings are not parsed
 * into numbers or booleans. A JSON {@code null} counts as absent: an absent or null {@code
 * Optional} component binds to {@code Optional.empty()}, an absent or null required component is
 * reported as missing. Set components reject duplicate items. Values of {@code Object} type and
 * the values of {@code Map<String, Object>} are passed through unchanged.
 *
 * <p>Records are constructed through their canonical constructors, so compact-constructor
 * validation runs; an exception thrown there is reported as {@code invalid argument 'path': msg}
 * (or {@code invalid arguments: msg} for the root record). The values are converted here rather
 * than with {@code Json.mapper().convertValue}, because the shared mapper has no {@code
 * Optional} or {@code java.time} support and the validation pass already visits every value.
 */
public final class ArgumentBinder {
  private static final Pattern UUID_PATTERN =
      Pattern.compile("[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}");
  private static final int MAX_BIG_INTEGER_DIGITS = 1000;
  /** Marks a value that failed conversion; its problem has been recorded. */
  private static final Object INVALID = new Object();

  private ArgumentBinder() {}

  /**
   * Validates the arguments and binds them to a new record instance.
   *
   * @param arguments the tool-call arguments; pass an empty map when the call has none
   * @param type the argument record
   * @param <R> the record type
   * @return the bound record
   * @throws ArgumentException listing every problem when the arguments do not fit
   * @throws IllegalArgumentException if the record type has no schema mapping
   */
  public static <R extends Record> R bind(Map<String, Object> arguments, Class<R> type)
      throws ArgumentException {
    Objects.requireNonNull(arguments, "arguments");
    Objects.requireNonNull(type, "type");
    RecordSchemas.inputSchema(type); // rejects unsupported component types up front
    List<String> problems = new ArrayList<>();
    Conversion conversion = new Conversion(problems);
    Object result = conversion.record(arguments, RecordModel.of(type), "");
    if (!problems.isEmpty() || result == INVALID) {
      throw new ArgumentException(problems, conversion.cause);
    }
    return type.cast(result);
  }

  /**
   * Validates the arguments and converts them to the values of a parameter list (a {@link
   * RecordModel#parameters} model), in its order; an absent optional parameter is {@code
   * Optional.empty()} (and friends) or null.
   *
   * @throws ArgumentException listing every problem when the arguments do not fit
   */
  static Object[] bindValues(Map<String, Object> arguments, RecordModel parameters)
      throws ArgumentException {
    List<String> problems = new ArrayList<>();
    Conversion conversion = new Conversion(problems);
    Object[] values = conversion.values(arguments, parameters, "");
    if (values == null) {
      throw new ArgumentException(problems, conversion.cause);
    }
    return values;
  }

  /** One conversion pass. */
  private static final class Conversion {
    private final List<String> problems;
    private Throwable cause;

    Conversion(List<String> problems) {
      this.problems = problems;
    }

    private void problem(String text) {
      problems.add(text);
    }

    private static String subject(String path) {
      return "argument '" + ClientText.of(path) + "'";
    }

    private static String child(String path, String name) {
      return path.isEmpty() ? name : path + "." + name;
    }

    Object record(Map<?, ?> object, RecordModel model, String path) {
      Object[] values = values(object, model, path);
      if (values == null) {
        return INVALID;
      }
      try {
        return model.constructor().newInstance(values);
      } catch (InvocationTargetException e) {
        Throwable target = e.getCause();
        cause = target;
        String message = target.getMessage() == null ? target.toString() : target.getMessage();
        problem(
            (path.isEmpty() ? "invalid arguments: " : "invalid " + subject(path) + ": ")
                + message);
        return INVALID;
      } catch (ReflectiveOperationException e) {
        throw new IllegalArgumentException(
            "cannot construct record " + model.type().getName(), e);
      }
    }

    /** The converted component values, or null when a problem was recorded. */
    Object[] values(Map<?, ?> object, RecordModel model, String path) {
      int before = problems.size();
      List<RecordModel.Component> components = model.components();
      Object[] values = new Object[components.size()];
      Set<String> known = new HashSet<>();
      for (int i = 0; i < components.size(); i++) {
        RecordModel.Component component = components.get(i);
        known.add(component.name());
        String componentPath = child(path, component.name());
        Object raw = object.get(component.name());
        if (raw == null) {
          if (component.required()) {
            problem("missing required " + subject(componentPath));
            values[i] = INVALID;
          } else if (component.shape().kind() == Shape.Kind.OPTIONAL) {
            values[i] = emptyOptional(component.shape().raw());
          } else {
            values[i] = null; // an optional method parameter of a nullable type
          }
        } else {
          values[i] = convert(raw, component.shape(), componentPath);
        }
      }
      for (Object key : object.keySet()) {
        if (!(key instanceof String) || !known.contains(key)) {
          problem("unknown " + subject(child(path, String.valueOf(key))));
        }
      }
      return problems.size() > before ? null : values;
    }

    private static Object emptyOptional(Class<?> raw) {
      if (raw == OptionalInt.class) {
        return OptionalInt.empty();
      }
      if (raw == OptionalLong.class) {
        return OptionalLong.empty();
      }
      if (raw == OptionalDouble.class) {
        return OptionalDouble.empty();
      }
      return Optional.empty();
    }

    /** Converts a value (possibly null) to the shape; records a problem and returns INVALID. */
    private Object convert(Object value, Shape shape, String path) {
      switch (shape.kind()) {
        case STRING:
          if (value instanceof String) {
            return value;
          }
          return fail(path, "must be a string");
        case CHAR:
          if (!(value instanceof String)) {
            return fail(path, "must be a string");
          }
          String s = (String) value;
          if (s.length() != 1) {
            return fail(path, "must be a single character");
          }
          return s.charAt(0);
        case BOOLEAN:
          if (value instanceof Boolean) {
            return value;
          }
          return fail(path, "must be a boolean");
        case INTEGER:
          return integer(value, shape.raw(), path);
        case NUMBER:
          return number(value, shape.raw(), path);
        case ENUM:
          return enumConstant(value, shape.raw(), path);
        case LIST:
        case SET:
        case ARRAY:
          return array(value, shape, path);
        case MAP:
          return map(value, shape, path);
        case RECORD:
          if (!(value instanceof Map<?, ?>)) {
            return fail(path, "must be an object");
          }
          return record((Map<?, ?>) value, RecordModel.of(shape.raw()), path);
        case OPTIONAL:
          return optional(value, shape, path);
        case ANY:
          return value;
        case DATE_TIME:
        case DATE:
        case URI:
        case UUID:
          return formatted(value, shape, path);
        default:
          throw new IllegalStateException("unhandled kind " + shape.kind());
      }
    }

    private Object fail(String path, String text) {
      problem(subject(path) + " " + text);
      return INVALID;
    }

    private Object integer(Object value, Class<?> raw, String path) {
      Optional<BigDecimal> decimal = JsonValues.decimal(value);
      if (decimal.isEmpty() || !JsonValues.integral(decimal.get())) {
        return fail(path, "must be an integer");
      }
      BigDecimal d = decimal.get();
      if (raw == BigInteger.class) {
        if (d.precision() - d.scale() > MAX_BIG_INTEGER_DIGITS) {
          return fail(path, "is out of range for BigInteger");
        }
        return d.toBigIntegerExact();
      }
      long min;
      long max;
      String name;
      if (raw == byte.class || raw == Byte.class) {
        min = Byte.MIN_VALUE;
        max = Byte.MAX_VALUE;
        name = "byte";
      } else if (raw == short.class || raw == Short.class) {
        min = Short.MIN_VALUE;
        max = Short.MAX_VALUE;
        name = "short";
      } else if (raw == int.class || raw == Integer.class) {
        min = Integer.MIN_VALUE;
        max = Integer.MAX_VALUE;
        name = "int";
      } else {
        min = Long.MIN_VALUE;
        max = Long.MAX_VALUE;
        name = "long";
      }
      if (d.compareTo(BigDecimal.valueOf(min)) < 0 || d.compareTo(BigDecimal.valueOf(max)) > 0) {
        return fail(path, "is out of range for " + name);
      }
      long v = d.longValueExact();
      switch (name) {
        case "byte":
          return (byte) v;
        case "short":
          return (short) v;
        case "int":
          return (int) v;
        default:
          return v;
      }
    }

    private Object number(Object value, Class<?> raw, String path) {
      Optional<BigDecimal> decimal = JsonValues.decimal(value);
      if (decimal.isEmpty()) {
        return fail(path, "must be a number");
      }
      BigDecimal d = decimal.get();
      if (raw == BigDecimal.class) {
        return d;
      }
      double v = d.doubleValue();
      if (raw == float.class || raw == Float.class) {
        float f = (float) v;
        if (Float.isInfinite(f)) {
          return fail(path, "is out of range for float");
        }
        return f;
      }
      if (Double.isInfinite(v)) {
        return fail(path, "is out of range for double");
      }
      return v;
    }

    private Object enumConstant(Object value, Class<?> raw, String path) {
      List<String> names = RecordSchemas.enumNames(raw);
      int index = value instanceof String ? names.indexOf(value) : -1;
      if (index < 0) {
        return fail(path, "must be one of " + names);
      }
      return raw.getEnumConstants()[index];
    }

    private Object array(Object value, Shape shape, String path) {
      if (!(value instanceof List<?>)) {
        return fail(path, "must be an array");
      }
      List<?> list = (List<?>) value;
      int before = problems.size();
      List<Object> items = new ArrayList<>(list.size());
      for (int i = 0; i < list.size(); i++) {
        items.add(convert(list.get(i), shape.element(), path + "[" + i + "]"));
      }
      if (problems.size() > before) {
        return INVALID;
      }
      switch (shape.kind()) {
        case SET:
          Set<Object> unique = new HashSet<>();
          for (Object item : list) {
            if (!unique.add(JsonValues.canonical(item))) {
              return fail(path, "must not contain duplicate items");
            }
          }
          return Collections.unmodifiableSet(new LinkedHashSet<>(items));
        case ARRAY:
          Object array = Array.newInstance(shape.raw().getComponentType(), items.size());
          for (int i = 0; i < items.size(); i++) {
            Array.set(array, i, items.get(i));
          }
          return array;
        default:
          return Collections.unmodifiableList(items);
      }
    }

    private Object map(Object value, Shape shape, String path) {
      if (!(value instanceof Map<?, ?>)) {
        return fail(path, "must be an object");
      }
      int before = problems.size();
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
        String key = String.valueOf(e.getKey());
        out.put(key, convert(e.getValue(), shape.element(), child(path, key)));
      }
      if (problems.size() > before) {
        return INVALID;
      }
      return Collections.unmodifiableMap(out);
    }

    private Object optional(Object value, Shape shape, String path) {
      Class<?> raw = shape.raw();
      if (value == null) {
        return emptyOptional(raw);
      }
      Object content = convert(value, shape.element(), path);
      if (content == INVALID) {
        return INVALID;
      }
      if (raw == OptionalInt.class) {
        return OptionalInt.of((Integer) content);
      }
      if (raw == OptionalLong.class) {
        return OptionalLong.of((Long) content);
      }
      if (raw == OptionalDouble.class) {
        return OptionalDouble.of((Double) content);
      }
      return Optional.ofNullable(content);
    }

    private Object formatted(Object value, Shape shape, String path) {
      if (!(value instanceof String)) {
        return fail(path, "must be a string");
      }
      String text = (String) value;
      try {
        switch (shape.kind()) {
          case DATE_TIME:
            return shape.raw() == Instant.class ? Instant.parse(text) : OffsetDateTime.parse(text);
          case DATE:
            return LocalDate.parse(text);
          case URI:
            return new URI(text);
          default:
            if (!UUID_PATTERN.matcher(text).matches()) {
              return fail(path, "must be a UUID");
            }
            return UUID.fromString(text);
        }
      } catch (DateTimeParseException e) {
        return fail(
            path,
            shape.kind() == Shape.Kind.DATE
                ? "must be a date (yyyy-mm-dd)"
                : "must be a date-time (RFC 3339)");
      } catch (URISyntaxException e) {
        return fail(path, "must be a URI");
      }
    }
  }
}
