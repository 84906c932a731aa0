package org.mcpkit.redis;

import java.util.Optional;
import org.mcpkit.redis.internal.RedisConnections;
import org.mcpkit.server.vault.VaultStore;

/**
 * Token-vault records in Redis, shared by every instance: one string key {@code <prefix><vault
 * key>} per record (the vault key is a digest, {@code vault:<hex>}), holding only the vault's
 * ciphertext and wrapped data key. Records have no TTL: a credential stays until it is replaced
 * or removed. Every call waits at most the command timeout and fails with {@link
 * org.mcpkit.server.http.StoreUnavailableException} when Redis does not answer. Create it with
 * {@link McpRedis#vaultStore()}.
 */
public final class RedisVaultStore implements VaultStore {
  private final RedisConnections redis;
  private final String prefix;

  RedisVaultStore(RedisConnections redis, String prefix) {
    this.redis = redis;
    this.prefix = prefix;
  }

  @Override
  public void put(String key, byte[] record) {
    redis.await(redis.commands().set(prefix + key, record.clone()));
  }

  @Override
  public Optional<byte[]> get(String key) {
    return Optional.ofNullable(redis.await(redis.commands().get(prefix + key)));
  }

  @Override
  public void remove(String key) {
    redis.await(redis.commands().del(prefix + key));
  }

  @Override
  public String toString() {
    return "RedisVaultStore[" + prefix + "]";
  }
}
