package org.mcpkit.server.vault;

/** {@link KeyEncryptionKey#local}: AES-256-GCM in this process. */
final class LocalKeyEncryptionKey implements KeyEncryptionKey {
  private final String keyId;
  private final byte[] key;

  LocalKeyEncryptionKey(String keyId, byte[] key) {
    this.keyId = keyId;
    this.key = key;
  }

  @Override
  public String keyId() {
    return keyId;
  }

  @Override
  public byte[] wrap(byte[] dataKey, byte[] context) {
    return Gcm.seal(key, dataKey, context);
  }

  @Override
  public byte[] unwrap(byte[] wrapped, byte[] context) {
    return Gcm.open(key, wrapped, context);
  }

  @Override
  public String toString() {
    return "KeyEncryptionKey.local(" + keyId + ")";
  }
}
