package org.mcpkit.internal.seal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.Optional;
import org.mcpkit.server.RotatingSealingKeys;
import org.mcpkit.server.SealingKey;

/**
 * The in-memory {@link RotatingSealingKeys}: the current key plus at most {@code retainPrevious}
 * older ones, newest first. Thread-safe: every method holds this object's monitor.
 */
public final class RotatingSealingKeysImpl implements RotatingSealingKeys {
  private final int retainPrevious;
  private final Deque<SealingKey> previous = new ArrayDeque<>();
  private SealingKey current;

  /**
   * Creates a ring whose current key is {@code initial}.
   *
   * @throws IllegalArgumentException if {@code retainPrevious} is negative
   */
  public RotatingSealingKeysImpl(SealingKey initial, int retainPrevious) {
    if (retainPrevious < 0) {
      throw new IllegalArgumentException("retainPrevious must not be negative");
    }
    this.current = Objects.requireNonNull(initial, "initial");
    this.retainPrevious = retainPrevious;
  }

  @Override
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
