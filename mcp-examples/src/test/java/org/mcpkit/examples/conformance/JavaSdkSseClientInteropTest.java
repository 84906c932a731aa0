package org.mcpkit.examples.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientSseClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mcpkit.examples.servlet.EmbeddedTomcat;
import org.mcpkit.server.McpServer;
import org.mcpkit.server.http.HttpEndpointOptions;
import org.mcpkit.server.http.McpHttpEndpoint;
import org.mcpkit.transport.undertow.UndertowMcpServer;

/**
 * The official MCP Java SDK's deprecated HTTP+SSE client transport (2024-11-05) against our
 * servers on both transports, with HTTP+SSE enabled at {@code /sse} and {@code /message}.
 */
class JavaSdkSseClientInteropTest {

  @ParameterizedTest
  @ValueSource(strings = {"tomcat", "undertow"})
  void oldClientListsCallsReadsAndIsAsked(String transport) throws Exception {
    McpServer server = ConformanceServer.create();
    AutoCloseable http;
    String root;
    McpHttpEndpoint endpoint = null;
    if (transport.equals("tomcat")) {
      endpoint = McpHttpEndpoint.create(server, HttpEndpointOptions.builder()
          .httpSse("/sse", "/message")
          .keepAlive(Duration.ofMillis(300)) // a gone client is noticed at the next keep-alive write
          .build());
      EmbeddedTomcat tomcat = EmbeddedTomcat.start(endpoint, "127.0.0.1", 0, "/mcp");
      http = tomcat;
      root = "http://127.0.0.1:" + tomcat.port();
    } else {
      UndertowMcpServer undertow = UndertowMcpServer.builder(server).httpSse("/sse", "/message").build().start();
      http = undertow;
      assertEquals("http://127.0.0.1:" + undertow.port() + "/sse", undertow.sseUrl().orElseThrow());
      root = "http://127.0.0.1:" + undertow.port();
    }
    AtomicReference<String> asked = new AtomicReference<>();
    McpSyncClient client =
        McpClient.sync(HttpClientSseClientTransport.builder(root).sseEndpoint("/sse").build())
            .clientInfo(new McpSchema.Implementation("java-sdk-sse-interop", "1.0.0"))
            .capabilities(McpSchema.ClientCapabilities.builder().elicitation().build())
            .elicitation(
                request -> {
                  asked.set(request.message());
                  Map<String, Object> answer = new java.util.LinkedHashMap<>();
                  answer.put("username", "ada");
                  answer.put("email", "ada@example.com");
                  return new McpSchema.ElicitResult(McpSchema.ElicitResult.Action.ACCEPT, answer);
                })
            .requestTimeout(Duration.ofSeconds(20))
            .build();
    try {
      McpSchema.InitializeResult init = client.initialize();
      assertEquals("2024-11-05", init.protocolVersion());
      assertEquals("mcpkit-conformance-server", init.serverInfo().name());
      if (endpoint != null) {
        assertEquals(1, endpoint.sessionCount());
      }

      client.ping();
      List<String> tools = client.listTools().tools().stream().map(McpSchema.Tool::name).toList();
      assertTrue(tools.containsAll(List.of("test_simple_text", "test_elicitation", "test_error_handling")), tools::toString);

      McpSchema.CallToolResult simple = client.callTool(new McpSchema.CallToolRequest("test_simple_text", Map.of()));
      assertEquals(
          "This is a simple text response for testing.",
          ((McpSchema.TextContent) simple.content().get(0)).text());

      McpSchema.ReadResourceResult read = client.readResource(new McpSchema.ReadResourceRequest("test://static-text"));
      assertEquals(
          "This is the content of the static text resource.",
          ((McpSchema.TextResourceContents) read.contents().get(0)).text());

      McpSchema.CallToolResult elicited =
          client.callTool(new McpSchema.CallToolRequest("test_elicitation", Map.of("message", "Who are you?")));
      assertEquals("Who are you?", asked.get());
      assertEquals(
          "User response: action=accept, content={username=ada, email=ada@example.com}",
          ((McpSchema.TextContent) elicited.content().get(0)).text());

      client.closeGracefully();
      if (endpoint != null) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (endpoint.sessionCount() > 0 && System.nanoTime() < deadline) {
          LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10)); // polling deadline
        }
        assertEquals(0, endpoint.sessionCount(), "the client closed its stream: the session is gone");
      }
    } finally {
      client.closeGracefully();
      http.close();
      server.close();
    }
  }
}
