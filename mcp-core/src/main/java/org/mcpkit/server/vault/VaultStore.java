package org.mcpkit.server.vault;

import java.util.Optional;

/**
 * Where a {@link TokenVault} keeps its records: opaque bytes (always ciphertext and wrapped keys,
 * never a credential in the clear) under opaque keys (digests that name neither the owner nor the
 * credential). {@link #inMemory()} serves one instance; a shared store (Redis) lets a fleet share
 * the vault. Calls may block a bounded time and are never made on an I/O thread; a store that
 * cannot reach its backend throws {@link org.mcpkit.server.http.StoreUnavailableException}.
 * Thread-safe.
 */
public interface VaultStore {
  /** Stores {@code record} under {@code key}, replacing any record there. */
  void put(String key, byte[] record);

  /** The record under {@code key}. */
  Optional<byte[]> get(String key);

  /** Removes the record under {@code key}, if any. */
  void remove(String key);

  /** A store in this JVM's memory. */
  static VaultStore inMemory() {
    return new InMemoryVaultStore();
  }
}
