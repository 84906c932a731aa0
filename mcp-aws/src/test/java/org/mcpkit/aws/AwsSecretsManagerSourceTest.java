package org.mcpkit.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mcpkit.server.RequestStateCodec;
import org.mcpkit.server.secret.RefreshingSecretSource;
import org.mcpkit.server.secret.SecretKeyRing;
import org.mcpkit.server.secret.SecretUnavailableException;
import org.mcpkit.testing.ManualTime;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * The real AWS SDK v2 Secrets Manager client (URL-connection HTTP client, SigV4 signing, JSON 1.1
 * protocol) against a loopback fake of {@code GetSecretValue}: values, a changed secret seen after
 * one refresh interval, stale-on-error while the endpoint fails, exact refusals, and a sealing key
 * ring that rotates through it.
 */
class AwsSecretsManagerSourceTest {
  private FakeSecretsManager aws;
  private AwsSecretsManagerSource source;
  private final ManualTime time = new ManualTime();

  @BeforeEach
  void start() throws Exception {
    aws = new FakeSecretsManager();
    source = AwsSecretsManagerSource.builder()
        .region(Region.EU_WEST_1)
        .endpointOverride(aws.endpoint())
        .credentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG")))
        .timeout(Duration.ofSeconds(5))
        .maxAttempts(1)
        .build();
  }

  @AfterEach
  void stop() {
    source.close();
    aws.close();
  }

  private RefreshingSecretSource refreshing() {
    return RefreshingSecretSource.builder(source).refreshInterval(Duration.ofSeconds(60)).clock(time.clock())
        .executor(Runnable::run).build();
  }

  @Test
  void getSecretValueThroughTheRealSdkClient() {
    aws.secrets.put("prod/mcp/client-secret", "hunter2-\u00e9");
    assertEquals("hunter2-\u00e9", source.string("prod/mcp/client-secret"));
    assertEquals(List.of("secretsmanager.GetSecretValue"), aws.targets);
    String auth = aws.authorizations.get(0);
    assertTrue(auth.startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/"), auth);
    assertTrue(auth.contains("/eu-west-1/secretsmanager/aws4_request"), auth);
  }

  @Test
  void aChangedSecretIsSeenAfterTheRefreshAndTheLastValueServedWhileTheEndpointFails() {
    aws.secrets.put("ring", "one");
    RefreshingSecretSource s = refreshing();
    assertEquals("one", s.string("ring"));
    aws.secrets.put("ring", "two");
    time.advance(Duration.ofSeconds(59));
    assertEquals("one", s.string("ring"), "cached within the interval");
    time.advance(Duration.ofSeconds(1));
    assertEquals("two", s.string("ring"), "the new value after one refresh");
    assertEquals(2, aws.targets.size());

    aws.failing.set(500);
    aws.secrets.put("ring", "three");
    time.advance(Duration.ofSeconds(60));
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      assertEquals("two", s.string("ring"), "stale on error");
    } finally {
      System.setErr(err);
    }
    String log = captured.toString(StandardCharsets.UTF_8);
    assertTrue(log.contains("Secret ring could not be refreshed (AWS Secrets Manager answered 500 InternalServiceError); serving the value fetched at 2026-01-01T00:01:00Z"), log);
    assertFalse(log.contains("two") || log.contains("three"), log);

    aws.failing.set(0);
    time.advance(Duration.ofSeconds(60));
    assertEquals("three", s.string("ring"), "recovered at the next refresh");
  }

  @Test
  void failuresAreExactAndNameNoValue() {
    SecretUnavailableException missing = assertThrows(SecretUnavailableException.class, () -> source.bytes("nope"));
    assertEquals("nope", missing.secretName());
    assertEquals("no such secret in AWS Secrets Manager", missing.problem());
    assertEquals("Internal error", missing.getMessage());
    aws.failing.set(503);
    assertEquals("AWS Secrets Manager answered 503 InternalServiceError",
        assertThrows(SecretUnavailableException.class, () -> source.bytes("any")).problem());
    aws.close();
    SecretUnavailableException down = assertThrows(SecretUnavailableException.class, () -> source.bytes("any"));
    assertTrue(down.problem().startsWith("AWS Secrets Manager unreachable ("), down.problem());
  }

  @Test
  void aSealingKeyRingRotatesThroughSecretsManager() {
    aws.secrets.put("mcp/sealing-keys", "{\"current\":" + key("k1", 1) + "}");
    RefreshingSecretSource s = refreshing();
    SecretKeyRing ring = SecretKeyRing.of(s, "mcp/sealing-keys");
    RequestStateCodec codec = RequestStateCodec.aesGcm(ring);
    byte[] round = "an input-required round".getBytes(StandardCharsets.UTF_8);
    String sealed = codec.seal(round);
    assertTrue(sealed.startsWith("g1.k1."), sealed);

    aws.secrets.put("mcp/sealing-keys", "{\"current\":" + key("k2", 2) + ",\"previous\":[" + key("k1", 1) + "]}");
    time.advance(Duration.ofSeconds(60));
    assertEquals("k2", ring.current().keyId());
    assertTrue(Arrays.equals(round, codec.open(sealed).orElseThrow()), "opens under (k2, previous k1)");
    assertTrue(codec.seal(round).startsWith("g1.k2."));

    aws.secrets.put("mcp/sealing-keys", "{\"current\":" + key("k3", 3) + ",\"previous\":[" + key("k2", 2) + "]}");
    time.advance(Duration.ofSeconds(60));
    assertEquals("k3", ring.current().keyId());
    assertEquals(java.util.Optional.empty(), codec.open(sealed), "k1 is gone");
  }

  private static String key(String id, int fill) {
    byte[] secret = new byte[32];
    Arrays.fill(secret, (byte) fill);
    return "{\"id\":\"" + id + "\",\"secret\":\"" + Base64.getEncoder().encodeToString(secret) + "\"}";
  }
}
