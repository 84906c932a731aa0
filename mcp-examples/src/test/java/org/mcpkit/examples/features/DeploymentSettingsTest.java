package org.mcpkit.examples.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcpkit.server.McpServer;
import org.mcpkit.server.http.HttpEndpointOptions;
import org.mcpkit.server.http.McpHttpEndpoint;
import org.mcpkit.testing.InMemoryHttpClient;

/** The settings a deployment injects: keep-alive, TLS files, the sealing-key ring, Redis. */
class DeploymentSettingsTest {
  private static final ObjectMapper M = new ObjectMapper();
  private static final String KEY_A = "Aq9sW3eR5tY7uI9oP1aS3dF5gH7jK9lZ";
  private static final String KEY_B = "Zx8cV6bN4mQ2wE0rT8yU6iO4pA2sD0fG";

  @TempDir Path dir;

  @Test
  void keepAlive() {
    assertEquals(StreamConfig.DEFAULT, StreamConfig.fromEnv(Map.of()));
    assertEquals(Duration.ofSeconds(2), StreamConfig.fromEnv(Map.of("MCP_KEEPALIVE", "2")).keepAlive());
    assertEquals(Duration.ZERO, StreamConfig.fromEnv(Map.of("MCP_KEEPALIVE", "0")).keepAlive());
    HttpEndpointOptions options = StreamConfig.fromEnv(Map.of("MCP_KEEPALIVE", "2", "MCP_MAX_STREAM_AGE", "100"))
        .apply(HttpEndpointOptions.builder()).build();
    assertEquals(Duration.ofSeconds(2), options.keepAlive());
    assertEquals(Duration.ofSeconds(100), options.maxStreamAge());
    assertEquals(Duration.ofMinutes(10), StreamConfig.fromEnv(Map.of()).maxStreamAge());
    assertEquals("MCP_MAX_STREAM_AGE must be whole seconds (0-86400), got 'forever'", assertThrows(IllegalArgumentException.class,
        () -> StreamConfig.fromEnv(Map.of("MCP_MAX_STREAM_AGE", "forever"))).getMessage());
    for (String bad : new String[] {"-1", "abc", "3601", "1.5"}) {
      assertEquals("MCP_KEEPALIVE must be whole seconds (0-3600), got '" + bad + "'",
          assertThrows(IllegalArgumentException.class, () -> StreamConfig.fromEnv(Map.of("MCP_KEEPALIVE", bad))).getMessage());
    }
  }

  @Test
  void tlsFiles() throws Exception {
    assertFalse(TlsConfig.fromEnv(Map.of()).enabled());
    Path cert = Files.writeString(dir.resolve("fullchain.pem"), "x");
    Path key = Files.writeString(dir.resolve("privkey.pem"), "x");
    TlsConfig tls = TlsConfig.fromEnv(Map.of("MCP_TLS_CERT", cert.toString(), "MCP_TLS_KEY", key.toString()));
    assertEquals(new TlsConfig(Optional.of(cert), Optional.of(key), Duration.ofSeconds(60)), tls);
    assertEquals(Duration.ZERO,
        TlsConfig.fromEnv(Map.of("MCP_TLS_CERT", cert.toString(), "MCP_TLS_KEY", key.toString(), "MCP_TLS_WATCH", "0")).watch());
    assertEquals("MCP_TLS_CERT and MCP_TLS_KEY must be set together",
        assertThrows(IllegalArgumentException.class, () -> TlsConfig.fromEnv(Map.of("MCP_TLS_CERT", cert.toString()))).getMessage());
    assertEquals("MCP_TLS_KEY must be a readable file, got '" + dir.resolve("missing") + "'",
        assertThrows(IllegalArgumentException.class, () -> TlsConfig.fromEnv(
            Map.of("MCP_TLS_CERT", cert.toString(), "MCP_TLS_KEY", dir.resolve("missing").toString()))).getMessage());
    assertEquals("MCP_TLS_WATCH must be whole seconds (0-86400), got 'soon'",
        assertThrows(IllegalArgumentException.class, () -> TlsConfig.fromEnv(Map.of("MCP_TLS_WATCH", "soon"))).getMessage());
  }

  @Test
  void sealingKeysAreSharedAcrossInstancesAndRotate() throws Exception {
    SealingConfig ring = SealingConfig.fromEnv(Map.of("MCP_SEALING_KEYS", KEY_A));
    SealingConfig rotated = SealingConfig.fromEnv(Map.of("MCP_SEALING_KEYS", "new:" + KEY_B + ", " + KEY_A));
    SealingConfig other = SealingConfig.fromEnv(Map.of("MCP_SEALING_KEYS", KEY_B));
    String state = firstRound(ring);
    assertEquals("Table for 2 booked under Ada.", secondRound(ring, state).get("result").get("content").get(0).get("text").asText(),
        "another instance with the same ring opens it");
    assertEquals("Table for 2 booked under Ada.", secondRound(rotated, state).get("result").get("content").get(0).get("text").asText(),
        "after a rotation the previous key still opens it");
    JsonNode refused = secondRound(other, state);
    assertEquals(-32602, refused.get("error").get("code").asInt(), refused::toString);
  }

  @Test
  void sealingKeyErrorsNeverShowTheSecret() {
    assertEquals(Optional.empty(), SealingConfig.fromEnv(Map.of()).keys());
    String shortSecret = "tooShortToSealAnything";
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SealingConfig.fromEnv(Map.of("MCP_SEALING_KEYS", KEY_A + "," + shortSecret)));
    assertEquals("MCP_SEALING_KEYS entry 2 must have a secret of at least 32 characters", e.getMessage());
    assertEquals("MCP_SEALING_KEYS entry 2 repeats the key id 'a'", assertThrows(IllegalArgumentException.class,
        () -> SealingConfig.fromEnv(Map.of("MCP_SEALING_KEYS", "a:" + KEY_A + ",a:" + KEY_B))).getMessage());
    assertEquals("MCP_SEALING_KEYS entry 1 has an id outside [A-Za-z0-9_-]{1,32}", assertThrows(IllegalArgumentException.class,
        () -> SealingConfig.fromEnv(Map.of("MCP_SEALING_KEYS", "a b:" + KEY_A))).getMessage());
  }

  @Test
  void redisSettings() {
    assertEquals(new RedisConfig(Optional.empty(), Optional.empty()), RedisConfig.fromEnv(Map.of()));
    RedisConfig r = RedisConfig.fromEnv(Map.of("MCP_REDIS_URL", "rediss://cache.example:6379", "MCP_REDIS_PASSWORD", "s3cret-token"));
    assertEquals(Optional.of(URI.create("rediss://cache.example:6379")), r.uri());
    assertEquals("RedisConfig[uri=Optional[rediss://cache.example:6379], password=(set)]", r.toString());
    assertEquals("MCP_REDIS_URL must look like redis[s]://host:port (the password goes in MCP_REDIS_PASSWORD)",
        assertThrows(IllegalArgumentException.class,
            () -> RedisConfig.fromEnv(Map.of("MCP_REDIS_URL", "redis://user:pw@cache.example:6379"))).getMessage());
    assertEquals("MCP_REDIS_URL must look like redis[s]://host:port (the password goes in MCP_REDIS_PASSWORD)",
        assertThrows(IllegalArgumentException.class, () -> RedisConfig.fromEnv(Map.of("MCP_REDIS_URL", "http://x:1"))).getMessage());
    assertEquals("MCP_REDIS_PASSWORD needs MCP_REDIS_URL",
        assertThrows(IllegalArgumentException.class, () -> RedisConfig.fromEnv(Map.of("MCP_REDIS_PASSWORD", "x"))).getMessage());
  }

  private String firstRound(SealingConfig sealing) throws Exception {
    JsonNode first = call(sealing, "\"name\":\"book_table\"");
    assertEquals("input_required", first.get("result").get("resultType").asText(), first::toString);
    return first.get("result").get("requestState").asText();
  }

  private JsonNode secondRound(SealingConfig sealing, String state) throws Exception {
    return call(sealing, "\"name\":\"book_table\",\"requestState\":\"" + state + "\","
        + "\"inputResponses\":{\"booking\":{\"action\":\"accept\",\"content\":{\"name\":\"Ada\",\"guests\":2}}}");
  }

  /** One tools/call on a fresh instance of the tour sealing with {@code sealing}. */
  private JsonNode call(SealingConfig sealing, String params) throws Exception {
    McpServer server = FeatureTour.create(FeatureTour.sampleNotes(), org.mcpkit.server.observe.ServerObserver.none(), sealing::apply);
    McpHttpEndpoint endpoint = McpHttpEndpoint.create(server);
    try {
      HttpClient http = new InMemoryHttpClient(endpoint);
      String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{" + params + ",\"_meta\":{"
          + "\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\",\"io.modelcontextprotocol/clientCapabilities\":{\"elicitation\":{}}}}}";
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:8080/mcp"))
              .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
              .header("MCP-Protocol-Version", "2026-07-28").header("Mcp-Method", "tools/call").header("Mcp-Name", "book_table")
              .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, r.statusCode(), r.body());
      assertTrue(r.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
      return M.readTree(r.body());
    } finally {
      endpoint.close();
      server.close();
    }
  }
}
