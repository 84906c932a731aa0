package org.mcpkit.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mcpkit.server.AccessToken;
import org.mcpkit.server.http.StoreUnavailableException;
import org.mcpkit.server.vault.TokenVault;
import org.mcpkit.server.vault.VaultStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/** The token vault with its data keys wrapped by (a loopback fake of) AWS KMS through the real SDK client. */
class KmsKeyEncryptionKeyTest {
  private static final String TOKEN = "ghp_KmsWrappedUpstreamCredential0123456789";
  private static final AccessToken ALICE = AccessToken.builder("alice").issuer("https://as.example.com").build();
  private static final AccessToken BOB = AccessToken.builder("bob").issuer("https://as.example.com").build();
  private FakeKms kms;
  private KmsKeyEncryptionKey kek;

  @BeforeEach
  void start() throws Exception {
    kms = new FakeKms();
    kek = KmsKeyEncryptionKey.builder("alias/mcp-token-vault")
        .region(Region.EU_WEST_1)
        .endpointOverride(kms.endpoint())
        .credentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG")))
        .timeout(Duration.ofSeconds(5))
        .maxAttempts(1)
        .build();
  }

  @AfterEach
  void stop() {
    kek.close();
    kms.close();
  }

  @Test
  void dataKeysAreWrappedByKmsUnderTheOwnersContext() {
    VaultStore store = VaultStore.inMemory();
    TokenVault vault = TokenVault.create(store, kek);
    vault.put(ALICE, "github", TOKEN);
    assertEquals(Optional.of(TOKEN), vault.get(ALICE, "github"));
    assertEquals(Optional.empty(), vault.get(BOB, "github"));
    assertEquals(2, kms.requests.size(), "one Encrypt, one Decrypt; none for a missing record");
    assertTrue(kms.requests.get(0).startsWith("TrentService.Encrypt {\"KeyId\":\"alias/mcp-token-vault\""), kms.requests.get(0));
    assertTrue(kms.requests.get(0).contains("\"EncryptionContext\":{\"mcpkit:vault\":\""), kms.requests.get(0));
    assertTrue(kms.requests.get(1).startsWith("TrentService.Decrypt "), kms.requests.get(1));
    for (String r : kms.requests) {
      assertFalse(r.contains("alice") || r.contains("as.example.com") || r.contains("github") || r.contains("ghp_"), r);
    }

    store.put(TokenVault.storeKey(BOB, "github"), store.get(TokenVault.storeKey(ALICE, "github")).orElseThrow());
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      assertEquals(Optional.empty(), vault.get(BOB, "github"), "KMS refuses alice's data key under bob's context");
    } finally {
      System.setErr(err);
    }
    String log = captured.toString(StandardCharsets.UTF_8);
    assertTrue(log.contains("(KMS refused the wrapped key (InvalidCiphertextException))"), log);
    assertFalse(log.contains("ghp_"), log);
  }

  @Test
  void kmsDownIsAStoreFailureNotAnAbsentCredential() {
    TokenVault vault = TokenVault.create(VaultStore.inMemory(), kek);
    vault.put(ALICE, "github", TOKEN);
    kms.close();
    assertThrows(StoreUnavailableException.class, () -> vault.get(ALICE, "github"));
    assertThrows(StoreUnavailableException.class, () -> vault.put(ALICE, "jira", TOKEN));
    assertEquals("KmsKeyEncryptionKey[alias/mcp-token-vault]", kek.toString());
  }
}
