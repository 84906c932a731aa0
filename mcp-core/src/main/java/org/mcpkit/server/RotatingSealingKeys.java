package org.mcpkit.server;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.Optional;

/**
 * An in-memory key ring that rotates: {@link #rotate} makes a new key current and keeps a bounded
 * number of older keys for opening tokens sealed before. Thread-safe.
 */
public final class RotatingSealingKeys implements SealingKeys {
  private final int retainPrevious;
  private final Deque<SealingKey> previous = new ArrayDeque<>();
  private SealingKey current;

  RotatingSealingKeys(SealingKey initial, int retainPrevious) {
    if (retainPrevious < 0) {
      throw new IllegalArgumentException("retainPrevious must not be negative");
    }
    this.current = Objects.requireNonNull(initial, "initial");
    this.retainPrevious = retainPrevious;
  }

  /** Makes {@code next} current; the oldest retained key is dropped beyond the limit. */
  public synchronized void rotate(SealingKey next) {
    Objects.requireNonNull(next, "next");
    previous.addFirst(current);
    while (previous.size() > retainPrevious) {
      previous.removeLast();
    }
    current = next;
  }

  @Override
  public synchronized SealingKey current() {
    return current;
  }

  @Override
  public synchronized Optional<SealingKey> find(String keyId) {
    if (current.keyId().equals(keyId)) {
      return Optional.of(current);
    }
    for (SealingKey k : previous) {
      if (k.keyId().equals(keyId)) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }
}
