package org.mcpkit.server.vault;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link VaultStore#inMemory()}. */
final class InMemoryVaultStore implements VaultStore {
  private final Map<String, byte[]> records = new ConcurrentHashMap<>();

  @Override
  public void put(String key, byte[] record) {
    records.put(key, record.clone());
  }

  @Override
  public Optional<byte[]> get(String key) {
    byte[] r = records.get(key);
    return r == null ? Optional.empty() : Optional.of(r.clone());
  }

  @Override
  public void remove(String key) {
    records.remove(key);
  }

  @Override
  public String toString() {
    return "VaultStore.inMemory()[" + records.size() + " records]";
  }
}
