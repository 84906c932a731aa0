package org.mcpkit.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The official Java SDK client's session flow through the balancer of a {@link HaproxyFleet}:
 * initialize, {@code tools/list}, several {@code tools/call}, close; the {@code whoami} answers
 * show that both instances served the one session.
 */
final class JavaSdkFlow {
  private JavaSdkFlow() {}

  static void run(String url) {
    URI uri = URI.create(url);
    McpSyncClient client = McpClient.sync(
            HttpClientStreamableHttpTransport.builder("http://" + uri.getAuthority()).endpoint(uri.getPath()).build())
        .clientInfo(new McpSchema.Implementation("fleet-java-sdk", "1.0.0"))
        .requestTimeout(Duration.ofSeconds(20))
        .build();
    try {
      McpSchema.InitializeResult init = client.initialize();
      assertEquals("2025-11-25", init.protocolVersion());
      assertEquals("redis-fleet", init.serverInfo().name());
      List<String> tools = client.listTools().tools().stream().map(McpSchema.Tool::name).toList();
      assertTrue(tools.containsAll(List.of("whoami", "echo", "touch", "add_tool", "ask", "steps", "release")), tools.toString());
      for (int i = 0; i < 4; i++) {
        McpSchema.CallToolResult echo = client.callTool(new McpSchema.CallToolRequest("echo", Map.of("n", i)));
        assertEquals("echo " + i, text(echo));
      }
      Set<String> names = new TreeSet<>();
      for (int i = 0; i < 6; i++) {
        names.add(text(client.callTool(new McpSchema.CallToolRequest("whoami", Map.of()))));
      }
      assertEquals(Set.of("a", "b"), names, "one SDK session served by both instances");
      assertNotEquals(null, client.ping());
    } finally {
      client.closeGracefully();
    }
  }

  private static String text(McpSchema.CallToolResult result) {
    assertEquals(1, result.content().size(), result::toString);
    return ((McpSchema.TextContent) result.content().get(0)).text();
  }
}
