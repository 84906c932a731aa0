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
}
