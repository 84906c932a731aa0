package org.mcpkit.internal.dispatch;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A copy-on-write registry in registration order: reads are lock-free snapshots, writes are
 * serialized. Remembers whether it ever held an entry (capabilities stay advertised).
 */
final class Registry<T> {
  private final Function<T, String> key;
  private volatile Map<String, T> items;
  private volatile boolean everUsed;

  Registry(List<T> initial, Function<T, String> key) {
    this.key = key;
    Map<String, T> map = new LinkedHashMap<>();
    for (T item : initial) {
      map.put(key.apply(item), item);
    }
    this.items = map;
    this.everUsed = !map.isEmpty();
  }

  T get(String name) {
    return items.get(name);
  }

  Collection<T> values() {
    return items.values();
  }

  boolean everUsed() {
    return everUsed;
  }

  synchronized void put(T item) {
    Map<String, T> copy = new LinkedHashMap<>(items);
    copy.put(key.apply(item), item);
    items = copy;
    everUsed = true;
  }

  synchronized boolean remove(String name) {
    if (!items.containsKey(name)) {
      return false;
    }
    Map<String, T> copy = new LinkedHashMap<>(items);
    copy.remove(name);
    items = copy;
    return true;
  }
}
