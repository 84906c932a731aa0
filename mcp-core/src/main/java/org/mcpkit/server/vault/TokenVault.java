package org.mcpkit.server.vault;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Principal;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import org.mcpkit.server.AccessToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-user upstream credentials (the GitHub or Jira token a tool uses on behalf of the signed-in
 * user), encrypted at rest with envelope encryption. Each {@link #put} draws a fresh AES-256 data
 * key, seals the credential with it (AES-GCM, random nonce) and stores only the ciphertext and the
 * data key as wrapped by the {@link KeyEncryptionKey}. Both seals carry the owner and the
 * credential's name as associated data, and the store key is a SHA-256 of them: a credential stored
 * for one owner is not found for another, and a record copied under another owner's key fails to
 * open (answered as absent, logged at WARN). The owner is an {@link AccessToken}'s issuer and
 * subject (any other {@link Principal}: its name, without issuer). Nothing here logs or returns a
 * credential except {@link #get} to its owner. Calls block on the store and the key (never call
 * them on an I/O thread; handlers run off it). Thread-safe.
 *
 * <p>Record format (version 1): {@code "MV1"}, the key-encryption key id (1-byte length, UTF-8),
 * the wrapped data key (2-byte length), then {@code nonce(12) || ciphertext || tag(16)}.
 */
public final class TokenVault {
  private static final Logger LOG = LoggerFactory.getLogger(TokenVault.class);
  private static final byte[] MAGIC = {'M', 'V', '1'};
  private static final byte[] DOMAIN = "mcpkit-token-vault-v1".getBytes(StandardCharsets.UTF_8);
  /** Longer credentials are refused. */
  public static final int MAX_CREDENTIAL_BYTES = 64 * 1024;

  private final VaultStore store;
  private final KeyEncryptionKey kek;

  private TokenVault(VaultStore store, KeyEncryptionKey kek) {
    this.store = store;
    this.kek = kek;
  }

  /** A vault keeping records in {@code store}, data keys wrapped by {@code kek}. */
  public static TokenVault create(VaultStore store, KeyEncryptionKey kek) {
    Objects.requireNonNull(kek.keyId(), "keyId");
    if (kek.keyId().isEmpty() || kek.keyId().getBytes(StandardCharsets.UTF_8).length > 255) {
      throw new IllegalArgumentException("key-encryption key id must be 1 to 255 bytes");
    }
    return new TokenVault(Objects.requireNonNull(store, "store"), kek);
  }

  /**
   * Stores {@code credential} as {@code name} (for example {@code "github"}) of {@code owner},
   * replacing an earlier one.
   *
   * @throws IllegalArgumentException for an empty or over-long name, or a credential over {@link #MAX_CREDENTIAL_BYTES}
   */
  public void put(Principal owner, String name, String credential) {
    Objects.requireNonNull(credential, "credential");
    byte[] context = context(owner, name);
    byte[] plaintext = credential.getBytes(StandardCharsets.UTF_8);
    if (plaintext.length > MAX_CREDENTIAL_BYTES) {
      throw new IllegalArgumentException("credential larger than " + MAX_CREDENTIAL_BYTES + " bytes");
    }
    byte[] dataKey = Gcm.randomKey();
    try {
      byte[] sealed = Gcm.seal(dataKey, plaintext, context);
      byte[] wrapped = kek.wrap(dataKey, context);
      store.put(storeKey(context), record(wrapped, sealed));
    } finally {
      Arrays.fill(dataKey, (byte) 0);
      Arrays.fill(plaintext, (byte) 0);
    }
  }

  /** The credential {@code name} of {@code owner}; empty when there is none (or its record does not open for this owner). */
  public Optional<String> get(Principal owner, String name) {
    byte[] context = context(owner, name);
    Optional<byte[]> record = store.get(storeKey(context));
    if (record.isEmpty()) {
      return Optional.empty();
    }
    byte[] dataKey = null;
    try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(record.get()))) {
      byte[] magic = exactly(in, 3);
      if (!Arrays.equals(MAGIC, magic)) {
        throw new IllegalArgumentException("not a vault record");
      }
      String keyId = new String(exactly(in, in.readUnsignedByte()), StandardCharsets.UTF_8);
      if (!keyId.equals(kek.keyId())) {
        throw new IllegalArgumentException("wrapped by another key-encryption key (" + keyId + ")");
      }
      byte[] wrapped = exactly(in, in.readUnsignedShort());
      byte[] sealed = in.readAllBytes();
      dataKey = kek.unwrap(wrapped, context);
      return Optional.of(new String(Gcm.open(dataKey, sealed, context), StandardCharsets.UTF_8));
    } catch (IOException | IllegalArgumentException e) {
      LOG.warn("Token vault record for credential {} does not open for its owner ({}); answered as absent",
          name, e instanceof IOException ? "truncated" : e.getMessage());
      return Optional.empty();
    } finally {
      if (dataKey != null) {
        Arrays.fill(dataKey, (byte) 0);
      }
    }
  }

  private static byte[] exactly(DataInputStream in, int n) throws IOException {
    byte[] b = in.readNBytes(n);
    if (b.length != n) {
      throw new java.io.EOFException();
    }
    return b;
  }

  /** Removes the credential {@code name} of {@code owner}, if any. */
  public void remove(Principal owner, String name) {
    store.remove(storeKey(context(owner, name)));
  }

  /** The store key of {@code owner}'s {@code name} (what the store sees; tests). */
  public static String storeKey(Principal owner, String name) {
    return storeKey(context(owner, name));
  }

  private static String storeKey(byte[] context) {
    try {
      return "vault:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(context));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The domain, then issuer, subject and name, each with a 4-byte length: unambiguous. */
  private static byte[] context(Principal owner, String name) {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(name, "name");
    if (name.isEmpty() || name.length() > 128) {
      throw new IllegalArgumentException("credential name must be 1 to 128 characters");
    }
    String issuer = owner instanceof AccessToken t ? t.issuer() : "";
    String subject = owner instanceof AccessToken t ? t.subject() : Objects.requireNonNull(owner.getName(), "owner name");
    byte[][] parts = {issuer.getBytes(StandardCharsets.UTF_8), subject.getBytes(StandardCharsets.UTF_8), name.getBytes(StandardCharsets.UTF_8)};
    int size = DOMAIN.length;
    for (byte[] p : parts) {
      size += 4 + p.length;
    }
    ByteBuffer b = ByteBuffer.allocate(size).put(DOMAIN);
    for (byte[] p : parts) {
      b.putInt(p.length).put(p);
    }
    return b.array();
  }

  private byte[] record(byte[] wrapped, byte[] sealed) {
    if (wrapped.length > 0xffff) {
      throw new IllegalStateException("wrapped data key too long");
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(8 + wrapped.length + sealed.length);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.write(MAGIC);
      byte[] id = kek.keyId().getBytes(StandardCharsets.UTF_8);
      out.writeByte(id.length);
      out.write(id);
      out.writeShort(wrapped.length);
      out.write(wrapped);
      out.write(sealed);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return bytes.toByteArray();
  }

  @Override
  public String toString() {
    return "TokenVault[" + store + ", " + kek + "]";
  }
}
