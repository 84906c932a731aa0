package org.mcpkit.server;

/**
 * A key ring that rotates at run time: {@link #rotate} makes a new key current and keeps a bounded
 * number of older keys for opening tokens sealed before. Created by {@link SealingKeys#rotating}.
 * Thread-safe: rotation may happen while other threads seal and open tokens.
 */
public interface RotatingSealingKeys extends SealingKeys {
  /**
   * Makes {@code next} current; the previous current key is retained for opening, and the oldest
   * retained key is dropped beyond the limit given to {@link SealingKeys#rotating}. Thread-safe.
   *
   * @param next the key new tokens are sealed with from now on
   */
  void rotate(SealingKey next);
}
