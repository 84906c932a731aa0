package org.mcpkit.examples.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShutdownConfigTest {
  @Test
  void defaultsToTwentySeconds() {
    assertEquals(Duration.ofSeconds(20), ShutdownConfig.fromEnv(Map.of()).drainTimeout());
    assertEquals(ShutdownConfig.DEFAULT, ShutdownConfig.fromEnv(Map.of()));
  }

  @Test
  void readsWholeSeconds() {
    assertEquals(Duration.ofSeconds(90), ShutdownConfig.fromEnv(Map.of("MCP_DRAIN_TIMEOUT", " 90 ")).drainTimeout());
  }

  @Test
  void refusesBadValuesNamingTheVariable() {
    for (String bad : new String[] {"abc", "0", "-5", "3601", "1.5", ""}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> ShutdownConfig.fromEnv(Map.of("MCP_DRAIN_TIMEOUT", bad)));
      assertEquals("MCP_DRAIN_TIMEOUT must be whole seconds (1-3600), got '" + bad.trim() + "'", e.getMessage());
    }
  }
}
