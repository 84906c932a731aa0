package org.mcpkit.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mcpkit.server.AccessToken;
import org.mcpkit.server.http.StoreUnavailableException;
import org.mcpkit.server.vault.KeyEncryptionKey;
import org.mcpkit.server.vault.TokenVault;

/**
 * The token vault on a real redis-server shared by two instances: a credential stored through one
 * is read through the other by its owner only, Redis holds only ciphertext under digest keys, and
 * an unreachable Redis is a store failure.
 */
class RedisVaultStoreTest {
  private static final String TOKEN = "ghp_RedisHeldUpstreamCredential0123456789";

  @Test
  void aCredentialStoredOnOneInstanceIsReadOnAnotherByItsOwnerOnly() throws Exception {
    KeyEncryptionKey kek = KeyEncryptionKey.generateLocal("fleet-1"); // in production: the same KMS key everywhere
    AccessToken alice = AccessToken.builder("alice").issuer("https://as.example.com").build();
    AccessToken bob = AccessToken.builder("bob").issuer("https://as.example.com").build();
    RedisProcess redis = RedisProcess.start();
    boolean stopped = false;
    try {
      McpRedis one = McpRedis.builder(redis.uri()).keyPrefix("v:").commandTimeout(Duration.ofSeconds(1)).build();
      McpRedis two = McpRedis.builder(redis.uri()).keyPrefix("v:").commandTimeout(Duration.ofSeconds(1)).build();
      RedisClient raw = RedisClient.create(redis.uri());
      try (StatefulRedisConnection<byte[], byte[]> cli = raw.connect(ByteArrayCodec.INSTANCE)) {
        TokenVault first = TokenVault.create(one.vaultStore(), kek);
        TokenVault second = TokenVault.create(two.vaultStore(), kek);
        first.put(alice, "github", TOKEN);
        assertEquals(Optional.of(TOKEN), second.get(alice, "github"));
        assertEquals(Optional.empty(), second.get(bob, "github"));

        List<byte[]> keys = cli.sync().keys("*");
        assertEquals(1, keys.size());
        String key = new String(keys.get(0), StandardCharsets.UTF_8);
        assertEquals("v:" + TokenVault.storeKey(alice, "github"), key);
        assertTrue(key.matches("v:vault:[0-9a-f]{64}"), key);
        assertEquals(-1L, cli.sync().ttl(keys.get(0)), "kept until replaced or removed");
        String held = new String(cli.sync().get(keys.get(0)), StandardCharsets.ISO_8859_1);
        for (String visible : List.of("ghp_", "RedisHeld", "alice", "as.example.com", "github")) {
          assertFalse(held.contains(visible), visible + " in Redis");
        }

        second.remove(alice, "github");
        assertEquals(Optional.empty(), first.get(alice, "github"));
        assertEquals(0, cli.sync().keys("*").size());
      } finally {
        raw.shutdown();
      }
      redis.close();
      stopped = true;
      TokenVault down = TokenVault.create(one.vaultStore(), kek);
      assertThrows(StoreUnavailableException.class, () -> down.get(alice, "github"));
      assertThrows(StoreUnavailableException.class, () -> down.put(alice, "github", TOKEN));
      one.close();
      two.close();
    } finally {
      if (!stopped) {
        redis.close();
      }
    }
  }
}
