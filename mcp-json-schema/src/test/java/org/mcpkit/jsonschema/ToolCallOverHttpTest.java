package org.mcpkit.jsonschema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mcpkit.protocol.CallToolResult;
import org.mcpkit.protocol.Implementation;
import org.mcpkit.protocol.Tool;
import org.mcpkit.server.McpServer;
import org.mcpkit.server.ToolSpec;
import org.mcpkit.server.schema.SchemaValidatorProvider;
import org.mcpkit.transport.undertow.UndertowMcpServer;

/**
 * With this module on the class path a server takes it up by itself (ServiceLoader): a tool whose
 * schema uses {@code if}/{@code then}, which the built-in refuses, registers, and a call over real
 * HTTP that breaks the conditional gets the exact {@code isError} result; an explicit choice on
 * the builder wins over discovery.
 */
class ToolCallOverHttpTest {
  private static final ObjectMapper M = new ObjectMapper();
  private static final Map<String, Object> PAYMENT = NetworkntSchemaValidatorTest.json(
      "{\"type\":\"object\",\"properties\":{\"method\":{\"enum\":[\"card\",\"cash\"]},\"card\":{\"type\":\"string\"}},"
          + "\"required\":[\"method\"],\"if\":{\"properties\":{\"method\":{\"const\":\"card\"}}},"
          + "\"then\":{\"required\":[\"card\"]}}");
  private static final String SERVER_INFO =
      "\"_meta\":{\"io.modelcontextprotocol/serverInfo\":{\"name\":\"pay\",\"version\":\"1\"}}";
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<Map<String, Object>> handled = new ArrayList<>();
  private McpServer mcp;
  private UndertowMcpServer server;

  private static ToolSpec pay(List<Map<String, Object>> handled) {
    return ToolSpec.of(Tool.builder("pay", PAYMENT).description("Pays").build(), (ctx, args) -> {
      handled.add(args);
      return CallToolResult.text("paid by " + args.get("method"));
    });
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    if (mcp != null) {
      mcp.close();
    }
  }

  private String call(String arguments) throws Exception {
    String body = "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"pay\",\"arguments\":"
        + arguments + ",\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
        + "\"io.modelcontextprotocol/clientCapabilities\":{}}}}";
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(server.url()))
        .timeout(Duration.ofSeconds(20))
        .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
        .header("MCP-Protocol-Version", "2026-07-28").header("Mcp-Method", "tools/call").header("Mcp-Name", "pay")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
    assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
    return response.body();
  }

  @Test
  void discoveredValidatorChecksWhatTheBuiltInCannot() throws Exception {
    mcp = McpServer.builder(Implementation.of("pay", "1")).tool(pay(handled)).build();
    server = UndertowMcpServer.builder(mcp).host("127.0.0.1").port(0).shutdownHook(false).build().start();

    assertEquals(
        M.readTree("{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{\"content\":[{\"type\":\"text\",\"text\":"
            + "\"Invalid arguments for tool 'pay': value: required property 'card' not found\"}],"
            + "\"isError\":true,\"resultType\":\"complete\"," + SERVER_INFO + "}}"),
        M.readTree(call("{\"method\":\"card\"}")));
    assertEquals(List.of(), handled); // the handler never saw the invalid call

    assertEquals(
        M.readTree("{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{\"content\":[{\"type\":\"text\",\"text\":"
            + "\"paid by card\"}],\"resultType\":\"complete\"," + SERVER_INFO + "}}"),
        M.readTree(call("{\"method\":\"card\",\"card\":\"4111\"}")));
    assertEquals(List.of(Map.of("method", "card", "card", "4111")), handled);
  }

  @Test
  void anExplicitChoiceWinsOverDiscovery() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> McpServer.builder(Implementation.of("pay", "1")).schemaValidator(SchemaValidatorProvider.builtIn())
            .tool(pay(handled)).build());
    assertEquals("Tool 'pay': the built-in schema validator cannot check 'if' at #; add the mcp-json-schema module"
        + " for all of JSON Schema 2020-12, or accept them unchecked with"
        + " SchemaValidatorProvider.builtIn(UncheckedKeywords.ACCEPT)", e.getMessage());
  }

  @Test
  void addToolCompilesAtRegistration() {
    mcp = McpServer.builder(Implementation.of("pay", "1")).build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> mcp.addTool(ToolSpec.of(Tool.builder("fetchy", Map.of("$ref", "https://example.com/s.json")).build(),
            (ctx, args) -> CallToolResult.text("never"))));
    assertEquals("Tool 'fetchy': invalid input schema: Schema from 'https://example.com/s.json' is not allowed"
        + " to be loaded.", e.getMessage());
  }
}
