package org.mcpkit.protocol;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Copies for wire-record components. */
final class Wire {
  private Wire() {}

  /** An unmodifiable, order-preserving copy that tolerates null values (JSON null). */
  static <V> Map<String, V> copy(Map<String, V> map) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }
}
