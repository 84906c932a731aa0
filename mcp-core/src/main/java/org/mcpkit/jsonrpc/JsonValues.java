package org.mcpkit.jsonrpc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Deep, order-preserving immutable copies of JSON values held as maps, lists and scalars. */
final class JsonValues {
  private JsonValues() {}

  static Map<String, Object> copyObject(Map<String, Object> source) {
    Map<String, Object> copy = new LinkedHashMap<>(source.size() * 2);
    for (Map.Entry<String, Object> e : source.entrySet()) {
      copy.put(e.getKey(), copy(e.getValue()));
    }
    return Collections.unmodifiableMap(copy);
  }

  @SuppressWarnings("unchecked")
  private static Object copy(Object value) {
    if (value instanceof Map<?, ?> map) {
      return copyObject((Map<String, Object>) map);
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      for (Object item : list) {
        copy.add(copy(item));
      }
      return Collections.unmodifiableList(copy);
    }
    return value;
  }
}
