package org.mcpkit.server.vault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.mcpkit.server.AccessToken;

/**
 * The vault: a credential reaches only its owner (issuer and subject), the store holds neither a
 * credential, a data key nor an owner's name in the clear, and copied, tampered or foreign records
 * open as absent with a WARN line that carries no credential.
 */
class TokenVaultTest {
  private static final String GITHUB = "ghp_" + "R3alLyS3cretUpstreamT0ken".repeat(2);
  private static final AccessToken ALICE = AccessToken.builder("alice").issuer("https://as.example.com").build();
  private static final AccessToken BOB = AccessToken.builder("bob").issuer("https://as.example.com").build();
  private static final AccessToken ALICE_ELSEWHERE = AccessToken.builder("alice").issuer("https://other-as.example.com").build();

  /** A store that shows what it holds. */
  private static final class VisibleStore implements VaultStore {
    final Map<String, byte[]> records = new ConcurrentHashMap<>();

    @Override
    public void put(String key, byte[] record) {
      records.put(key, record.clone());
    }

    @Override
    public Optional<byte[]> get(String key) {
      return Optional.ofNullable(records.get(key)).map(byte[]::clone);
    }

    @Override
    public void remove(String key) {
      records.remove(key);
    }
  }

  /** A local key that also shows the data keys it wrapped. */
  private static final class WatchedKek implements KeyEncryptionKey {
    final KeyEncryptionKey inner = KeyEncryptionKey.generateLocal("dev-1");
    final List<byte[]> dataKeys = new ArrayList<>();

    @Override
    public String keyId() {
      return inner.keyId();
    }

    @Override
    public byte[] wrap(byte[] dataKey, byte[] context) {
      dataKeys.add(dataKey.clone());
      return inner.wrap(dataKey, context);
    }

    @Override
    public byte[] unwrap(byte[] wrapped, byte[] context) {
      return inner.unwrap(wrapped, context);
    }
  }

  private final VisibleStore store = new VisibleStore();
  private final WatchedKek kek = new WatchedKek();
  private final TokenVault vault = TokenVault.create(store, kek);

  @Test
  void aCredentialReachesOnlyItsOwner() {
    vault.put(ALICE, "github", GITHUB);
    assertEquals(Optional.of(GITHUB), vault.get(ALICE, "github"));
    assertEquals(Optional.empty(), vault.get(BOB, "github"), "another subject");
    assertEquals(Optional.empty(), vault.get(ALICE_ELSEWHERE, "github"), "the same subject at another issuer");
    Principal plain = () -> "alice";
    assertEquals(Optional.empty(), vault.get(plain, "github"), "a container principal of the same name");
    assertEquals(Optional.empty(), vault.get(ALICE, "jira"), "another credential name");
    vault.put(plain, "github", "plain-" + GITHUB);
    assertEquals(Optional.of("plain-" + GITHUB), vault.get(plain, "github"));
    assertEquals(Optional.of(GITHUB), vault.get(ALICE, "github"));
    vault.remove(ALICE, "github");
    assertEquals(Optional.empty(), vault.get(ALICE, "github"));
    assertEquals(1, store.records.size());
  }

  @Test
  void theStoreNeverHoldsAPlaintextCredentialADataKeyOrAnOwner() {
    vault.put(ALICE, "github", GITHUB);
    vault.put(BOB, "github", GITHUB);
    vault.put(ALICE, "jira", "jira-" + GITHUB);
    assertEquals(3, store.records.size());
    assertEquals(3, kek.dataKeys.size());
    for (Map.Entry<String, byte[]> e : store.records.entrySet()) {
      assertTrue(e.getKey().matches("vault:[0-9a-f]{64}"), e.getKey());
      String asText = new String(e.getValue(), StandardCharsets.ISO_8859_1);
      for (String visible : List.of("ghp_", "R3alLyS3cret", "alice", "bob", "as.example.com", "github", "jira")) {
        assertFalse(asText.contains(visible), visible + " in a record");
      }
      for (byte[] dataKey : kek.dataKeys) {
        assertFalse(asText.contains(new String(dataKey, StandardCharsets.ISO_8859_1)), "a data key in the clear");
      }
      assertTrue(asText.startsWith("MV1\u0005dev-1"), "format and key id");
    }
    assertNotEquals(new String(store.records.get(TokenVault.storeKey(ALICE, "github")), StandardCharsets.ISO_8859_1),
        new String(store.records.get(TokenVault.storeKey(BOB, "github")), StandardCharsets.ISO_8859_1),
        "the same credential seals differently (fresh data key and nonce)");
    assertFalse(java.util.Arrays.equals(kek.dataKeys.get(0), kek.dataKeys.get(1)));
  }

  @Test
  void aRecordCopiedToAnotherOwnerTamperedOrWrappedByAnotherKeyOpensAsAbsent() {
    vault.put(ALICE, "github", GITHUB);
    byte[] alices = store.records.get(TokenVault.storeKey(ALICE, "github"));
    store.records.put(TokenVault.storeKey(BOB, "github"), alices.clone());
    String log = captureErr(() -> assertEquals(Optional.empty(), vault.get(BOB, "github")));
    assertTrue(log.contains("WARN") && log.contains("Token vault record for credential github does not open for its owner (does not verify); answered as absent"), log);
    assertFalse(log.contains("ghp_") || log.contains("bob") || log.contains("alice"), log);

    byte[] tampered = alices.clone();
    tampered[tampered.length - 1] ^= 1;
    store.records.put(TokenVault.storeKey(ALICE, "github"), tampered);
    captureErr(() -> assertEquals(Optional.empty(), vault.get(ALICE, "github")));

    store.records.put(TokenVault.storeKey(ALICE, "github"), alices);
    TokenVault otherKey = TokenVault.create(store, KeyEncryptionKey.generateLocal("dev-2"));
    String foreign = captureErr(() -> assertEquals(Optional.empty(), otherKey.get(ALICE, "github")));
    assertTrue(foreign.contains("(wrapped by another key-encryption key (dev-1))"), foreign);
    TokenVault sameIdOtherKey = TokenVault.create(store, KeyEncryptionKey.generateLocal("dev-1"));
    captureErr(() -> assertEquals(Optional.empty(), sameIdOtherKey.get(ALICE, "github")));
    store.records.put(TokenVault.storeKey(ALICE, "github"), new byte[] {'M', 'V', '1', 9});
    String truncated = captureErr(() -> assertEquals(Optional.empty(), vault.get(ALICE, "github")));
    assertTrue(truncated.contains("(truncated)"), truncated);
    store.records.put(TokenVault.storeKey(ALICE, "github"), alices);
    assertEquals(Optional.of(GITHUB), vault.get(ALICE, "github"), "the original still opens");
  }

  @Test
  void inMemoryStoreAndValidation() {
    TokenVault mem = TokenVault.create(VaultStore.inMemory(), KeyEncryptionKey.local("k", new byte[32]));
    mem.put(ALICE, "github", "");
    assertEquals(Optional.of(""), mem.get(ALICE, "github"));
    assertThrows(IllegalArgumentException.class, () -> mem.put(ALICE, "", "x"));
    assertThrows(IllegalArgumentException.class, () -> mem.put(ALICE, "n".repeat(129), "x"));
    assertThrows(IllegalArgumentException.class, () -> mem.put(ALICE, "big", "x".repeat(TokenVault.MAX_CREDENTIAL_BYTES + 1)));
    assertThrows(IllegalArgumentException.class, () -> KeyEncryptionKey.local("k", new byte[16]));
    assertThrows(IllegalArgumentException.class, () -> TokenVault.create(VaultStore.inMemory(), KeyEncryptionKey.local("", new byte[32])));
    assertThrows(NullPointerException.class, () -> mem.get(null, "github"));
    assertEquals("KeyEncryptionKey.local(k)", KeyEncryptionKey.local("k", new byte[32]).toString());
  }

  private static String captureErr(Runnable r) {
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      r.run();
    } finally {
      System.setErr(err);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }
}
