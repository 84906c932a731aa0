package org.mcpkit.examples.war;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example WAR deployed, unchanged and without a {@code web.xml}, into a standalone container
 * started as its own process: the official MCP Java SDK client (a 2025-11-25 session) and a
 * stateless 2026-07-28 request call its tools; a foreign Origin gets the core's 403; SIGTERM
 * undeploys it through its listener.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class WarDeploymentContract {
  private static final ObjectMapper M = new ObjectMapper();
  /** JVMs ended by SIGTERM exit with 128 + 15. */
  private static final int SIGTERM_EXIT = 143;

  @TempDir static Path dir;

  private StandaloneContainer container;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  /** Starts the container under test. */
  abstract StandaloneContainer start(Path dir) throws IOException;

  @BeforeAll
  void startContainer() throws IOException {
    container = start(dir);
  }

  @AfterAll
  void stopContainer() {
    if (container != null) {
      container.close();
    }
  }

  @Test
  @Order(1)
  void javaSdkClientCallsTheTools() {
    McpSyncClient client = McpClient.sync(
            HttpClientStreamableHttpTransport.builder(container.baseUrl())
                .endpoint(StandaloneContainer.CONTEXT + McpInitializer.PATH)
                .build())
        .clientInfo(new McpSchema.Implementation("java-sdk-war-test", "1.0.0"))
        .requestTimeout(Duration.ofSeconds(20))
        .build();
    try {
      McpSchema.InitializeResult init = client.initialize();
      assertEquals("2025-11-25", init.protocolVersion());
      assertEquals("mcpkit-war-example", init.serverInfo().name());
      assertEquals("1.0.0", init.serverInfo().version());

      List<String> tools = client.listTools().tools().stream().map(McpSchema.Tool::name).toList();
      assertEquals(List.of("hello", "add"), tools);

      McpSchema.CallToolResult hello = client.callTool(new McpSchema.CallToolRequest("hello", Map.of("name", "Ada")));
      assertEquals("Hello, Ada!", ((McpSchema.TextContent) hello.content().get(0)).text());
      assertFalse(Boolean.TRUE.equals(hello.isError()));

      McpSchema.CallToolResult sum = client.callTool(new McpSchema.CallToolRequest("add", Map.of("a", 2, "b", 40)));
      assertEquals("42", ((McpSchema.TextContent) sum.content().get(0)).text());

      McpSchema.CallToolResult invalid = client.callTool(new McpSchema.CallToolRequest("add", Map.of("a", 2)));
      assertEquals(Boolean.TRUE, invalid.isError());
    } finally {
      client.closeGracefully();
    }
  }

  @Test
  @Order(2)
  void statelessRequestCallsATool() throws Exception {
    HttpResponse<String> r = http.send(post("tools/call", "hello",
            "\"name\":\"hello\",\"arguments\":{\"name\":\"Grace\"}").build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    assertEquals("application/json", r.headers().firstValue("Content-Type").orElse(""));
    JsonNode result = M.readTree(r.body()).get("result");
    assertEquals("Hello, Grace!", result.get("content").get(0).get("text").asText(), r.body());
    assertEquals(null, result.get("isError"), r.body());
  }

  @Test
  @Order(3)
  void foreignOriginGetsTheCoreRefusal() throws Exception {
    HttpResponse<String> r = http.send(post("tools/list", null, "")
            .header("Origin", "https://evil.example.com").build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(403, r.statusCode());
    assertEquals("application/json", r.headers().firstValue("Content-Type").orElse(""));
    assertEquals("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32600,\"message\":\"Forbidden: Origin not allowed\"}}",
        r.body());
  }

  @Test
  @Order(Integer.MAX_VALUE)
  void sigtermUndeploysTheApplication() {
    container.close();
    assertEquals(SIGTERM_EXIT, container.exitCode(), container::logText);
    String log = container.logText();
    assertTrue(log.contains("MCP endpoint /mcpkit/mcp closed"), log);
    checkShutdownLog(log);
  }

  /** Container-specific checks of what the container logged while it undeployed the WAR. */
  void checkShutdownLog(String log) {}

  private HttpRequest.Builder post(String method, String name, String params) {
    String meta = "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
        + "\"io.modelcontextprotocol/clientCapabilities\":{}}";
    HttpRequest.Builder b = HttpRequest.newBuilder(container.mcpUri())
        .timeout(Duration.ofSeconds(20))
        .header("Content-Type", "application/json")
        .header("Accept", "application/json, text/event-stream")
        .header("MCP-Protocol-Version", "2026-07-28")
        .header("Mcp-Method", method)
        .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method
            + "\",\"params\":{" + params + (params.isEmpty() ? "" : ",") + meta + "}}"));
    if (name != null) {
      b.header("Mcp-Name", name);
    }
    return b;
  }
}
