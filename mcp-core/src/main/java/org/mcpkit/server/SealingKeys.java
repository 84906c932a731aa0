package org.mcpkit.server;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.mcpkit.internal.seal.RotatingSealingKeysImpl;

/**
 * Where sealing keys come from: the current key seals, any retained key opens. Every instance of a
 * deployment must see the same keys; the in-memory rings here suit one instance or keys distributed
 * by configuration. Implementations are thread-safe.
 */
public interface SealingKeys {
  /** The key new tokens are sealed with. */
  SealingKey current();

  /** A key still accepted for opening tokens. */
  Optional<SealingKey> find(String keyId);

  /** One random key, known only to this JVM. */
  static SealingKeys generate() {
    return of(SealingKey.random());
  }

  /** A fixed ring: {@code current} seals; it and {@code previous} open. */
  static SealingKeys of(SealingKey current, SealingKey... previous) {
    Objects.requireNonNull(current, "current");
    Map<String, SealingKey> all = new LinkedHashMap<>();
    all.put(current.keyId(), current);
    for (SealingKey k : previous) {
      all.putIfAbsent(Objects.requireNonNull(k, "previous key").keyId(), k);
    }
    Map<String, SealingKey> ring = Map.copyOf(all);
    return new SealingKeys() {
      @Override
      public SealingKey current() {
        return current;
      }

      @Override
      public Optional<SealingKey> find(String keyId) {
        return Optional.ofNullable(ring.get(keyId));
      }
    };
  }

  /**
   * A ring that can be rotated at run time, keeping {@code retainPrevious} older keys.
   *
   * @throws IllegalArgumentException if {@code retainPrevious} is negative
   */
  static RotatingSealingKeys rotating(SealingKey initial, int retainPrevious) {
    return new RotatingSealingKeysImpl(initial, retainPrevious);
  }
}
