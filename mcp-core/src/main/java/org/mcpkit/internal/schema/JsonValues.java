package org.mcpkit.internal.schema;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Numeric and equality helpers over JSON values held as maps, lists and scalars. */
final class JsonValues {
  private JsonValues() {}

  /** The exact decimal value of a JSON number; empty for non-numbers and non-finite values. */
  static Optional<BigDecimal> decimal(Object value) {
    if (value instanceof Integer
        || value instanceof Long
        || value instanceof Short
        || value instanceof Byte) {
      return Optional.of(BigDecimal.valueOf(((Number) value).longValue()));
    }
    if (value instanceof BigDecimal d) {
      return Optional.of(d);
    }
    if (value instanceof BigInteger i) {
      return Optional.of(new BigDecimal(i));
    }
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (!Double.isFinite(d)) {
        return Optional.empty();
      }
      return Optional.of(new BigDecimal(value.toString()));
    }
    if (value instanceof Number n) {
      try {
        return Optional.of(new BigDecimal(n.toString()));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** Whether a decimal has no fractional part. */
  static boolean integral(BigDecimal value) {
    return value.signum() == 0 || value.scale() <= 0 || value.stripTrailingZeros().scale() <= 0;
  }

  /** Whether a value is a JSON number with no fractional part (so 3.0 is an integer). */
  static boolean isInteger(Object value) {
    return decimal(value).map(JsonValues::integral).orElse(false);
  }

  /** JSON equality: numbers compare by value (1 equals 1.0), objects and arrays structurally. */
  static boolean jsonEquals(Object a, Object b) {
    return Objects.equals(canonical(a), canonical(b));
  }

  /**
   * A canonical form with value-based {@code equals}/{@code hashCode}: numbers become stripped
   * decimals, lists and maps are rebuilt of canonical members.
   */
  static Object canonical(Object value) {
    if (value instanceof Number) {
      Optional<BigDecimal> d = decimal(value);
      if (d.isPresent()) {
        BigDecimal stripped = d.get().stripTrailingZeros();
        return stripped.signum() == 0 ? BigDecimal.ZERO : stripped;
      }
      return value;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      for (Object item : list) {
        out.add(canonical(item));
      }
      return out;
    }
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> out = new HashMap<>();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        out.put(e.getKey(), canonical(e.getValue()));
      }
      return out;
    }
    if (value instanceof Character c) {
      return c.toString();
    }
    return value;
  }
}
