package org.mcpkit.examples.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mcpkit.examples.servlet.EmbeddedTomcat;
import org.mcpkit.server.McpServer;
import org.mcpkit.server.http.McpHttpEndpoint;
import org.mcpkit.transport.undertow.UndertowMcpServer;

/** The official MCP Java SDK client (2025-11-25) against our servers on both transports. */
class JavaSdkClientInteropTest {

  @ParameterizedTest
  @ValueSource(strings = {"tomcat", "undertow"})
  void listCallReadPromptAndElicit(String transport) throws Exception {
    McpServer server = ConformanceServer.create();
    AutoCloseable http;
    String url;
    if (transport.equals("tomcat")) {
      EmbeddedTomcat tomcat = EmbeddedTomcat.start(McpHttpEndpoint.create(server), "127.0.0.1", 0, "/mcp");
      http = tomcat;
      url = "http://127.0.0.1:" + tomcat.port() + "/mcp";
    } else {
      UndertowMcpServer undertow = UndertowMcpServer.builder(server).build().start();
      http = undertow;
      url = undertow.url();
    }
    AtomicReference<String> asked = new AtomicReference<>();
    URI uri = URI.create(url);
    McpSyncClient client =
        McpClient.sync(
                HttpClientStreamableHttpTransport.builder("http://" + uri.getAuthority())
                    .endpoint(uri.getPath())
                    .build())
            .clientInfo(new McpSchema.Implementation("java-sdk-interop", "1.0.0"))
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
      assertEquals("2025-11-25", init.protocolVersion());
      assertEquals("mcpkit-conformance-server", init.serverInfo().name());

      List<String> tools = client.listTools().tools().stream().map(McpSchema.Tool::name).toList();
      assertTrue(tools.containsAll(List.of("test_simple_text", "test_elicitation", "test_error_handling")), tools::toString);

      McpSchema.CallToolResult simple = client.callTool(new McpSchema.CallToolRequest("test_simple_text", Map.of()));
      assertEquals(
          "This is a simple text response for testing.",
          ((McpSchema.TextContent) simple.content().get(0)).text());

      McpSchema.CallToolResult failed = client.callTool(new McpSchema.CallToolRequest("test_error_handling", Map.of()));
      assertEquals(Boolean.TRUE, failed.isError());

      McpSchema.ReadResourceResult read = client.readResource(new McpSchema.ReadResourceRequest("test://static-text"));
      McpSchema.TextResourceContents text = (McpSchema.TextResourceContents) read.contents().get(0);
      assertEquals("This is the content of the static text resource.", text.text());
      assertEquals("text/plain", text.mimeType());

      McpSchema.GetPromptResult prompt =
          client.getPrompt(new McpSchema.GetPromptRequest("test_prompt_with_arguments", Map.of("arg1", "a", "arg2", "b")));
      assertEquals(
          "Prompt with arguments: arg1='a', arg2='b'",
          ((McpSchema.TextContent) prompt.messages().get(0).content()).text());

      McpSchema.CallToolResult elicited =
          client.callTool(new McpSchema.CallToolRequest("test_elicitation", Map.of("message", "Who are you?")));
      assertEquals("Who are you?", asked.get());
      assertEquals(
          "User response: action=accept, content={username=ada, email=ada@example.com}",
          ((McpSchema.TextContent) elicited.content().get(0)).text());
    } finally {
      client.closeGracefully();
      http.close();
      server.close();
    }
  }
}
