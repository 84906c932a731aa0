package org.mcpkit.internal.schema;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;

/** Classifies the Java types a tool argument record may use. */
final class JavaTypes {
  enum Kind {
    STRING, BOOLEAN, INTEGER, NUMBER, ENUM, ARRAY, MAP, RECORD, OPTIONAL, ANY, FORMATTED
  }

  private JavaTypes() {}

  static Class<?> raw(Type t) {
    if (t instanceof Class<?> c) {
      return c;
    }
    if (t instanceof ParameterizedType p) {
      return (Class<?>) p.getRawType();
    }
    if (t instanceof GenericArrayType) {
      return Object[].class;
    }
    if (t instanceof WildcardType w) {
      return raw(w.getUpperBounds()[0]);
    }
    return Object.class;
  }

  static Type arg(Type t, int i) {
    if (t instanceof ParameterizedType p) {
      Type a = p.getActualTypeArguments()[i];
      return a instanceof WildcardType w ? w.getUpperBounds()[0] : a;
    }
    return Object.class;
  }

  static Type element(Type t) {
    Class<?> raw = raw(t);
    if (raw.isArray()) {
      return t instanceof GenericArrayType g ? g.getGenericComponentType() : raw.getComponentType();
    }
    return arg(t, 0);
  }

  static Kind kind(Type t) {
    Class<?> c = raw(t);
    if (c == String.class || c == char.class || c == Character.class || c == CharSequence.class) {
      return Kind.STRING;
    }
    if (c == boolean.class || c == Boolean.class) {
      return Kind.BOOLEAN;
    }
    if (c == int.class || c == Integer.class || c == long.class || c == Long.class
        || c == short.class || c == Short.class || c == byte.class || c == Byte.class
        || c == BigInteger.class) {
      return Kind.INTEGER;
    }
    if (c == double.class || c == Double.class || c == float.class || c == Float.class
        || c == BigDecimal.class) {
      return Kind.NUMBER;
    }
    if (c.isEnum()) {
      return Kind.ENUM;
    }
    if (c == Optional.class || c == OptionalInt.class || c == OptionalLong.class
        || c == OptionalDouble.class) {
      return Kind.OPTIONAL;
    }
    if (c.isArray() || Collection.class.isAssignableFrom(c)) {
      return Kind.ARRAY;
    }
    if (Map.class.isAssignableFrom(c)) {
      return Kind.MAP;
    }
    if (c.isRecord()) {
      return Kind.RECORD;
    }
    if (c == Instant.class || c == OffsetDateTime.class || c == LocalDate.class || c == URI.class
        || c == UUID.class) {
      return Kind.FORMATTED;
    }
    return Kind.ANY;
  }

  /** The type inside an Optional-like type. */
  static Type optionalContent(Type t) {
    Class<?> c = raw(t);
    if (c == OptionalInt.class) {
      return int.class;
    }
    if (c == OptionalLong.class) {
      return long.class;
    }
    if (c == OptionalDouble.class) {
      return double.class;
    }
    return arg(t, 0);
  }

  static boolean isSet(Type t) {
    return Set.class.isAssignableFrom(raw(t));
  }

  static String format(Class<?> c) {
    if (c == Instant.class || c == OffsetDateTime.class) {
      return "date-time";
    }
    if (c == LocalDate.class) {
      return "date";
    }
    if (c == URI.class) {
      return "uri";
    }
    return "uuid";
  }
}
