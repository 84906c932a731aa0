package org.mcpkit.internal.schema;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;

/**
 * The JSON shape of a Java type, as understood by {@link RecordSchemas} and {@link
 * ArgumentBinder}. One classification serves both so that the schema and the binder agree.
 *
 * @param kind the JSON kind
 * @param raw the Java class (the array class for arrays, the wrapper or primitive for scalars)
 * @param element the item, map value or optional content shape; null for other kinds
 */
record Shape(Kind kind, Class<?> raw, Shape element) {

  /** The JSON kinds a supported Java type maps to. */
  enum Kind {
    STRING,
    CHAR,
    BOOLEAN,
    INTEGER,
    NUMBER,
    ENUM,
    LIST,
    SET,
    ARRAY,
    MAP,
    RECORD,
    OPTIONAL,
    ANY,
    DATE_TIME,
    DATE,
    URI,
    UUID
  }

  private static final Shape ANY_SHAPE = new Shape(Kind.ANY, Object.class, null);

  /**
   * Classifies a (possibly generic) Java type.
   *
   * @throws IllegalArgumentException if the type has no JSON mapping
   */
  static Shape of(Type type) {
    Objects.requireNonNull(type, "type");
    if (type instanceof WildcardType wildcard) {
      return of(wildcard.getUpperBounds()[0]);
    }
    if (type instanceof TypeVariable<?> variable) {
      return of(variable.getBounds()[0]);
    }
    if (type instanceof GenericArrayType array) {
      Shape item = of(array.getGenericComponentType());
      return new Shape(Kind.ARRAY, arrayClass(item.raw()), item);
    }
    if (type instanceof ParameterizedType parameterized) {
      Class<?> raw = (Class<?>) parameterized.getRawType();
      Type[] args = parameterized.getActualTypeArguments();
      if (raw == List.class || raw == Collection.class) {
        return new Shape(Kind.LIST, raw, of(args[0]));
      }
      if (raw == Set.class) {
        return new Shape(Kind.SET, raw, of(args[0]));
      }
      if (raw == Optional.class) {
        return new Shape(Kind.OPTIONAL, raw, of(args[0]));
      }
      if (raw == Map.class) {
        if (rawClass(args[0]) != String.class) {
          throw new IllegalArgumentException("map keys must be String in " + type.getTypeName());
        }
        return new Shape(Kind.MAP, raw, of(args[1]));
      }
      if (raw.isRecord()) {
        return new Shape(Kind.RECORD, raw, null);
      }
      throw unsupported(type);
    }
    if (type instanceof Class<?> c) {
      return ofClass(c);
    }
    throw unsupported(type);
  }

  private static Shape ofClass(Class<?> c) {
    if (c == String.class || c == CharSequence.class) {
      return new Shape(Kind.STRING, c, null);
    }
    if (c == char.class || c == Character.class) {
      return new Shape(Kind.CHAR, c, null);
    }
    if (c == boolean.class || c == Boolean.class) {
      return new Shape(Kind.BOOLEAN, c, null);
    }
    if (c == byte.class
        || c == Byte.class
        || c == short.class
        || c == Short.class
        || c == int.class
        || c == Integer.class
        || c == long.class
        || c == Long.class
        || c == BigInteger.class) {
      return new Shape(Kind.INTEGER, c, null);
    }
    if (c == float.class
        || c == Float.class
        || c == double.class
        || c == Double.class
        || c == BigDecimal.class) {
      return new Shape(Kind.NUMBER, c, null);
    }
    if (c == OptionalInt.class) {
      return new Shape(Kind.OPTIONAL, c, new Shape(Kind.INTEGER, int.class, null));
    }
    if (c == OptionalLong.class) {
      return new Shape(Kind.OPTIONAL, c, new Shape(Kind.INTEGER, long.class, null));
    }
    if (c == OptionalDouble.class) {
      return new Shape(Kind.OPTIONAL, c, new Shape(Kind.NUMBER, double.class, null));
    }
    if (c.isEnum()) {
      return new Shape(Kind.ENUM, c, null);
    }
    if (c.isArray()) {
      return new Shape(Kind.ARRAY, c, of(c.getComponentType()));
    }
    if (c == List.class || c == Collection.class) {
      return new Shape(Kind.LIST, c, ANY_SHAPE);
    }
    if (c == Set.class) {
      return new Shape(Kind.SET, c, ANY_SHAPE);
    }
    if (c == Map.class) {
      return new Shape(Kind.MAP, c, ANY_SHAPE);
    }
    if (c == Optional.class) {
      return new Shape(Kind.OPTIONAL, c, ANY_SHAPE);
    }
    if (c == Object.class) {
      return ANY_SHAPE;
    }
    if (c == Instant.class || c == OffsetDateTime.class) {
      return new Shape(Kind.DATE_TIME, c, null);
    }
    if (c == LocalDate.class) {
      return new Shape(Kind.DATE, c, null);
    }
    if (c == URI.class) {
      return new Shape(Kind.URI, c, null);
    }
    if (c == UUID.class) {
      return new Shape(Kind.UUID, c, null);
    }
    if (c.isRecord()) {
      return new Shape(Kind.RECORD, c, null);
    }
    throw unsupported(c);
  }

  private static Class<?> rawClass(Type type) {
    if (type instanceof Class<?> c) {
      return c;
    }
    if (type instanceof WildcardType wildcard) {
      return rawClass(wildcard.getUpperBounds()[0]);
    }
    if (type instanceof ParameterizedType parameterized) {
      return (Class<?>) parameterized.getRawType();
    }
    return Object.class;
  }

  private static Class<?> arrayClass(Class<?> component) {
    return java.lang.reflect.Array.newInstance(component, 0).getClass();
  }

  private static IllegalArgumentException unsupported(Type type) {
    return new IllegalArgumentException("unsupported type " + type.getTypeName());
  }
}
