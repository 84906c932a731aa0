package org.mcpkit.server.vault;

import java.security.SecureRandom;
import java.util.Objects;

/**
 * The key-encryption key of a {@link TokenVault}: wraps and unwraps the 256-bit data key of each
 * stored credential, bound to a context (the owner and the credential's name) that must be given
 * again to unwrap. Implementations: {@link #local} (an AES key in this process, for development and
 * tests) and AWS KMS in {@code mcp-aws}. Calls may block on I/O (a KMS call) and are never made on
 * an I/O thread. Thread-safe.
 */
public interface KeyEncryptionKey {
  /** Names this key in stored records (so a record wrapped by another key is recognised). At most 255 bytes of UTF-8. */
  String keyId();

  /**
   * {@code dataKey} wrapped, bound to {@code context}.
   *
   * @throws org.mcpkit.server.http.StoreUnavailableException when a remote key service does not answer
   */
  byte[] wrap(byte[] dataKey, byte[] context);

  /**
   * The data key of {@code wrapped}.
   *
   * @throws IllegalArgumentException when {@code wrapped} was not wrapped by this key with {@code context}
   * @throws org.mcpkit.server.http.StoreUnavailableException when a remote key service does not answer
   */
  byte[] unwrap(byte[] wrapped, byte[] context);

  /**
   * A key held in this process: AES-256-GCM over the data key with the context as associated data.
   * For development and tests; in production use a key service, so that the store and the process
   * memory together are not enough to read credentials.
   *
   * @param keyId the id written into records
   * @param key 32 bytes (copied)
   */
  static KeyEncryptionKey local(String keyId, byte[] key) {
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(key, "key");
    if (key.length != 32) {
      throw new IllegalArgumentException("a local key-encryption key is 32 bytes");
    }
    return new LocalKeyEncryptionKey(keyId, key.clone());
  }

  /** A random local key with id {@code keyId}, known only to this JVM (tests, a single instance). */
  static KeyEncryptionKey generateLocal(String keyId) {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return local(keyId, key);
  }
}
