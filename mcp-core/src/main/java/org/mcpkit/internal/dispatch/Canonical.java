package org.mcpkit.internal.dispatch;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Shares equal immutable values between sessions: most clients of a server send the same client
 * info and capabilities, and an idle session should not hold its own copy. Bounded: at most
 * {@link #MAX_VALUES} distinct values, each of at most {@link #MAX_CHARS} characters as text;
 * anything else is kept as given. Thread-safe.
 */
final class Canonical {
  static final int MAX_VALUES = 1024;
  static final int MAX_CHARS = 512;
  private final ConcurrentHashMap<Object, Object> values = new ConcurrentHashMap<>();

  /** The shared instance equal to {@code value}, or {@code value} itself (also for null). */
  @SuppressWarnings("unchecked")
  <T> T of(T value) {
    if (value == null) {
      return null;
    }
    Object known = values.get(value);
    if (known != null) {
      return (T) known;
    }
    if (values.size() >= MAX_VALUES || value.toString().length() > MAX_CHARS) {
      return value;
    }
    Object prior = values.putIfAbsent(value, value);
    return prior == null ? value : (T) prior;
  }

  /** Distinct values held (tests). */
  int size() {
    return values.size();
  }
}
