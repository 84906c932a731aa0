package org.mcpkit.internal.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcpkit.server.McpServer;
import org.mcpkit.server.RequestStateCodec;
import org.mcpkit.server.secret.RefreshingSecretSource;
import org.mcpkit.server.secret.SecretKeyRing;
import org.mcpkit.server.secret.SecretSource;
import org.mcpkit.server.secret.SecretUnavailableException;
import org.mcpkit.testing.ManualTime;

/**
 * Sealing keys from a mounted secret rotate under an input-required round: a round sealed under
 * key 1 resumes after the ring becomes (2, previous 1) and is refused after (3, previous 2), all
 * without a restart; the ring file is swapped as Kubernetes swaps it and read through a refreshing
 * cache.
 */
class SecretKeyRingRoundTest {
  @TempDir
  Path dir;

  private final ManualTime time = new ManualTime();
  private McpServer server;
  private int version;

  @AfterEach
  void close() {
    if (server != null) {
      server.close();
    }
  }

  private static String key(String id, int fill) {
    byte[] secret = new byte[32];
    java.util.Arrays.fill(secret, (byte) fill);
    return "{\"id\":\"" + id + "\",\"secret\":\"" + Base64.getEncoder().encodeToString(secret) + "\"}";
  }

  /** Writes a new ring the way kubelet updates a secret volume: a new directory, then one symlink swap. */
  private void mount(String ring) throws Exception {
    Path data = Files.createDirectory(dir.resolve("..v" + (++version)));
    Files.writeString(data.resolve("sealing-keys"), ring);
    Path link = dir.resolve("..data_tmp");
    Files.createSymbolicLink(link, data.getFileName());
    Files.move(link, dir.resolve("..data"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    if (!Files.exists(dir.resolve("sealing-keys"), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      Files.createSymbolicLink(dir.resolve("sealing-keys"), Path.of("..data", "sealing-keys"));
    }
  }

  private JsonNode ask(TestClient client, String state) throws Exception {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("name", "ask");
    if (state != null) {
      params.put("requestState", state);
      params.put("inputResponses", Map.of("user_name", Map.of("action", "accept", "content", Map.of("name", "Alice"))));
    }
    return client.call("tools/call", params);
  }

  @Test
  void aRoundSealedUnderKey1ResumesAfterRotationTo2AndIsRefusedAfter3() throws Exception {
    mount("{\"current\":" + key("k1", 1) + "}");
    RefreshingSecretSource secrets = RefreshingSecretSource.builder(SecretSource.files(dir))
        .refreshInterval(Duration.ofSeconds(30)).clock(time.clock()).executor(Runnable::run).build();
    SecretKeyRing ring = SecretKeyRing.of(secrets, "sealing-keys");
    server = Fixtures.builder().requestStateCodec(RequestStateCodec.hmacSha256(ring)).build();
    TestClient client = new TestClient(server);
    client.capabilities = Map.of("elicitation", Map.of());

    String first = ask(client, null).get("result").get("requestState").asText();
    String second = ask(client, null).get("result").get("requestState").asText();
    assertTrue(first.startsWith("h1.k1."), first);

    mount("{\"current\":" + key("k2", 2) + ",\"previous\":[" + key("k1", 1) + "]}");
    time.advance(Duration.ofSeconds(30));
    assertEquals("k2", ring.current().keyId(), "seen after one refresh interval, no restart");
    assertEquals("Hello, Alice!", ask(client, first).get("result").get("content").get(0).get("text").asText(),
        "a round sealed under k1 resumes under (k2, previous k1)");
    String underK2 = ask(client, null).get("result").get("requestState").asText();
    assertTrue(underK2.startsWith("h1.k2."), underK2);

    mount("{\"current\":" + key("k3", 3) + ",\"previous\":[" + key("k2", 2) + "]}");
    time.advance(Duration.ofSeconds(30));
    assertEquals(TestClient.parse("{\"code\":-32602,\"message\":\"Invalid params: requestState failed verification\"}"),
        ask(client, second).get("error"), "k1 is gone from (k3, previous k2)");
    assertEquals("Hello, Alice!", ask(client, underK2).get("result").get("content").get(0).get("text").asText());
  }

  @Test
  void anInvalidRingKeepsTheLastKeysAndLogsWithoutThem() throws Exception {
    String k1 = key("k1", 7);
    mount("{\"current\":" + k1 + "}");
    SecretKeyRing ring = SecretKeyRing.of(SecretSource.files(dir), "sealing-keys");
    mount("{\"current\":{\"id\":\"k2\",\"secret\":\"c2hvcnQ=\"}}");
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      assertEquals("k1", ring.current().keyId());
    } finally {
      System.setErr(err);
    }
    String log = captured.toString(StandardCharsets.UTF_8);
    assertTrue(log.contains("WARN"), log);
    assertTrue(log.contains("Sealing key ring sealing-keys changed into an invalid ring (current: secret must be at least 32 bytes); keeping the last keys"), log);
    assertFalse(log.contains("c2hvcnQ") || log.contains(Base64.getEncoder().encodeToString(new byte[] {7, 7, 7})), log);
  }

  @Test
  void theFormatIsCheckedWithExactMessages() throws Exception {
    Map<String, String> bad = new LinkedHashMap<>();
    bad.put("[]", "not a JSON object");
    bad.put("{", "not JSON");
    bad.put("{}", "current is not an object with id and secret");
    bad.put("{\"current\":{\"id\":1,\"secret\":\"x\"}}", "current needs a string id and a string secret");
    bad.put("{\"current\":{\"id\":\"k\",\"secret\":\"!!\"}}", "current.secret is not base64");
    bad.put("{\"current\":{\"id\":\"bad id\",\"secret\":\"" + Base64.getEncoder().encodeToString(new byte[32]) + "\"}}",
        "current: keyId must match [A-Za-z0-9_-]{1,32}");
    bad.put("{\"current\":" + key("k", 1) + ",\"previous\":{}}", "previous is not an array");
    bad.put("{\"current\":" + key("k", 1) + ",\"previous\":[" + key("p", 2) + ",3]}", "previous[1] is not an object with id and secret");
    for (Map.Entry<String, String> e : bad.entrySet()) {
      assertEquals(e.getValue(),
          assertThrows(IllegalArgumentException.class, () -> SecretKeyRing.parse(e.getKey().getBytes(StandardCharsets.UTF_8))).getMessage(),
          e.getKey());
    }
    byte[] urlSafe = new byte[32];
    java.util.Arrays.fill(urlSafe, (byte) 0xfb);
    String unpadded = Base64.getUrlEncoder().withoutPadding().encodeToString(urlSafe);
    assertEquals("u", SecretKeyRing.parse(("{\"current\":{\"id\":\"u\",\"secret\":\"" + unpadded + "\"},\"previous\":null}")
        .getBytes(StandardCharsets.UTF_8)).current().keyId());
    SecretUnavailableException e = assertThrows(SecretUnavailableException.class,
        () -> SecretKeyRing.of(SecretSource.environment(Map.of("RING", "{}")), "RING"));
    assertEquals("not a sealing key ring: current is not an object with id and secret", e.problem());
    assertThrows(SecretUnavailableException.class, () -> SecretKeyRing.of(SecretSource.environment(Map.of()), "RING"));
  }
}
