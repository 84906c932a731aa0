package org.mcpkit.examples.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExampleConfigTest {
  @Test
  void defaults() {
    assertEquals(new ExampleConfig("127.0.0.1", 8080, "/mcp", List.of(), Optional.empty()), ExampleConfig.fromEnv(Map.of()));
  }

  @Test
  void invalidValuesNameTheirVariable() {
    assertEquals("MCP_PORT must be a port number (0-65535), got 'abc'",
        assertThrows(IllegalArgumentException.class, () -> ExampleConfig.fromEnv(Map.of("MCP_PORT", "abc"))).getMessage());
    assertEquals("MCP_PORT must be a port number (0-65535), got '70000'",
        assertThrows(IllegalArgumentException.class, () -> ExampleConfig.fromEnv(Map.of("MCP_PORT", "70000"))).getMessage());
    assertEquals("MCP_PATH must start with '/' and contain no spaces, got 'mcp'",
        assertThrows(IllegalArgumentException.class, () -> ExampleConfig.fromEnv(Map.of("MCP_PATH", "mcp"))).getMessage());
    assertEquals("MCP_ALLOWED_ORIGINS entries must look like https://host[:port], got 'ftp://x'",
        assertThrows(IllegalArgumentException.class, () -> ExampleConfig.fromEnv(Map.of("MCP_ALLOWED_ORIGINS", "ftp://x"))).getMessage());
    assertEquals("MCP_DATA_DIR must be an existing directory, got '/no/such/dir'",
        assertThrows(IllegalArgumentException.class, () -> ExampleConfig.fromEnv(Map.of("MCP_DATA_DIR", "/no/such/dir"))).getMessage());
  }

  @Test
  void originsAreParsed() {
    assertEquals(List.of("https://a.example.com", "http://localhost:3000"),
        ExampleConfig.fromEnv(Map.of("MCP_ALLOWED_ORIGINS", "https://a.example.com, http://localhost:3000")).allowedOrigins());
  }

  @Test
  void endpointOptionsFollowHostAndOrigins() {
    ExampleConfig local = ExampleConfig.fromEnv(Map.of());
    assertEquals(true, local.endpointOptions().hostPolicy().allows("127.0.0.1:8080"));
    assertEquals(false, local.endpointOptions().hostPolicy().allows("mcp.example.com"));
    assertEquals(true, local.endpointOptions().originPolicy().allows("http://localhost:3000"));
    assertEquals(false, local.endpointOptions().originPolicy().allows("https://app.example.com"));
    assertEquals("http://127.0.0.1:8080/mcp", local.url(8080));

    ExampleConfig shared = ExampleConfig.fromEnv(Map.of("MCP_HOST", "0.0.0.0", "MCP_ALLOWED_ORIGINS", "https://app.example.com"));
    assertEquals(true, shared.endpointOptions().hostPolicy().allows("mcp.example.com"), "bound to all addresses");
    assertEquals(true, shared.endpointOptions().originPolicy().allows("https://app.example.com"));
    assertEquals(false, shared.endpointOptions().originPolicy().allows("https://evil.example.com"));

    assertEquals("http://[::1]:9000/x", ExampleConfig.fromEnv(Map.of("MCP_HOST", "::1", "MCP_PATH", "/x")).url(9000));
    assertEquals(false, ExampleConfig.fromEnv(Map.of("MCP_HOST", "::1")).endpointOptions().hostPolicy().allows("mcp.example.com"));
  }
}
