package org.mcpkit.internal.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.mcpkit.protocol.CallToolResult;
import org.mcpkit.protocol.Implementation;
import org.mcpkit.protocol.Tool;
import org.mcpkit.server.McpServer;
import org.mcpkit.server.ToolSpec;
import org.mcpkit.server.schema.CompiledSchema;
import org.mcpkit.server.schema.SchemaProblem;
import org.mcpkit.server.schema.SchemaValidatorProvider;
import org.mcpkit.server.schema.UncheckedKeywords;

/**
 * Schemas are compiled when tools are registered, by the server's validator; calls use the
 * compiled form; what the validator reports reaches the client bounded and sanitized.
 */
class ToolSchemaRegistrationTest {
  private static final String SERVER_INFO =
      "\"_meta\":{\"io.modelcontextprotocol/serverInfo\":{\"name\":\"s\",\"version\":\"1\"}}";
  private static final Map<String, Object> CONDITIONAL = TestClient.json(
      "{\"type\":\"object\",\"properties\":{\"method\":{\"type\":\"string\"}},"
          + "\"if\":{\"properties\":{\"method\":{\"const\":\"card\"}}},\"then\":{\"required\":[\"card\"]}}");
  private final List<Map<String, Object>> handled = new CopyOnWriteArrayList<>();

  /** A provider that records what it compiles and answers with fixed problems. */
  static final class RecordingValidator implements SchemaValidatorProvider {
    final List<Map<String, Object>> compiled = new CopyOnWriteArrayList<>();
    final AtomicInteger checks = new AtomicInteger();
    volatile List<SchemaProblem> answer = List.of();

    @Override
    public String name() {
      return "recording";
    }

    @Override
    public CompiledSchema compile(Map<String, Object> schema) {
      if (schema.containsKey("refuse")) {
        throw new IllegalArgumentException("refused: " + schema.get("refuse"));
      }
      compiled.add(schema);
      return instance -> {
        checks.incrementAndGet();
        if (answer == null) {
          throw new IllegalStateException("validator bug");
        }
        return answer;
      };
    }
  }

  private ToolSpec tool(String name, Map<String, Object> schema) {
    return ToolSpec.of(Tool.builder(name, schema).description(name).build(), (ctx, args) -> {
      handled.add(args);
      return CallToolResult.text("ran " + name);
    });
  }

  private static String text(JsonNode response) {
    return response.get("result").get("content").get(0).get("text").asText();
  }

  @Test
  void theDefaultBuiltInRefusesAtBuildNamingToolAndKeyword() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> McpServer.builder(Implementation.of("s", "1")).tool(tool("pay", CONDITIONAL)).build());
    assertEquals("Tool 'pay': the built-in schema validator cannot check 'if' at #; add the mcp-json-schema module"
        + " for all of JSON Schema 2020-12, or accept them unchecked with"
        + " SchemaValidatorProvider.builtIn(UncheckedKeywords.ACCEPT)", e.getMessage());
  }

  @Test
  void addToolRefusedLeavesTheToolsAsTheyWere() throws Exception {
    try (McpServer server = McpServer.builder(Implementation.of("s", "1"))
        .tool(tool("echo", Map.of("type", "object"))).build()) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> server.addTool(tool("echo", Map.of("type", "object", "patternProperties", Map.of("^x", Map.of())))));
      assertEquals("Tool 'echo': the built-in schema validator cannot check 'patternProperties' at #; add the"
          + " mcp-json-schema module for all of JSON Schema 2020-12, or accept them unchecked with"
          + " SchemaValidatorProvider.builtIn(UncheckedKeywords.ACCEPT)", e.getMessage());
      TestClient client = new TestClient(server);
      assertEquals(TestClient.parse("[{\"name\":\"echo\",\"description\":\"echo\",\"inputSchema\":{\"type\":\"object\"}}]"),
          client.call("tools/list", Map.of()).get("result").get("tools"));
      assertEquals("ran echo", text(client.call("tools/call", "{\"name\":\"echo\",\"arguments\":{\"x\":1}}")));
    }
  }

  @Test
  void acceptingUncheckedKeywordsRegistersAndLetsTheConditionalThrough() throws Exception {
    try (McpServer server = McpServer.builder(Implementation.of("s", "1"))
        .schemaValidator(SchemaValidatorProvider.builtIn(UncheckedKeywords.ACCEPT)).tool(tool("pay", CONDITIONAL)).build()) {
      TestClient client = new TestClient(server);
      assertEquals("ran pay", text(client.call("tools/call", "{\"name\":\"pay\",\"arguments\":{\"method\":\"card\"}}")));
      assertEquals(List.of(Map.of("method", "card")), handled);
      assertEquals("Invalid arguments for tool 'pay': argument 'method' must be a string",
          text(client.call("tools/call", "{\"name\":\"pay\",\"arguments\":{\"method\":1}}")));
    }
  }

  @Test
  void anExplicitValidatorCompilesOnceAtRegistrationAndChecksEveryCall() throws Exception {
    RecordingValidator validator = new RecordingValidator();
    try (McpServer server = McpServer.builder(Implementation.of("s", "1")).schemaValidator(validator)
        .tool(tool("pay", CONDITIONAL))
        .tool("typed", "typed", Typed.class, (ctx, args) -> CallToolResult.text("typed " + args.n()))
        .build()) {
      assertEquals(List.of(CONDITIONAL), validator.compiled); // the typed tool is bound by its record
      TestClient client = new TestClient(server);
      assertEquals("ran pay", text(client.call("tools/call", "{\"name\":\"pay\",\"arguments\":{}}")));
      assertEquals("ran pay", text(client.call("tools/call", "{\"name\":\"pay\",\"arguments\":{}}")));
      assertEquals("typed 3", text(client.call("tools/call", "{\"name\":\"typed\",\"arguments\":{\"n\":3}}")));
      assertEquals(1, validator.compiled.size());
      assertEquals(2, validator.checks.get());

      validator.answer = List.of(new SchemaProblem("/card", "argument '/card': is required"),
          new SchemaProblem("", "value: bad\u0007bell"));
      assertEquals(
          TestClient.parse("{\"content\":[{\"type\":\"text\",\"text\":\"Invalid arguments for tool 'pay':"
              + " argument '/card': is required; value: bad?bell\"}],\"isError\":true,\"resultType\":\"complete\","
              + SERVER_INFO + "}"),
          client.call("tools/call", "{\"name\":\"pay\",\"arguments\":{}}").get("result"));

      List<SchemaProblem> many = new ArrayList<>();
      for (int i = 0; i < 25; i++) {
        many.add(new SchemaProblem("/" + i, "p" + i));
      }
      validator.answer = many;
      assertEquals("Invalid arguments for tool 'pay': p0; p1; p2; p3; p4; p5; p6; p7; p8; p9; p10; p11; p12; p13;"
          + " p14; p15; p16; p17; p18; p19; and 5 more problems",
          text(client.call("tools/call", "{\"name\":\"pay\",\"arguments\":{}}")));
      validator.answer = List.of(new SchemaProblem("", "x".repeat(600)));
      assertEquals("Invalid arguments for tool 'pay': " + "x".repeat(500) + "\u2026",
          text(client.call("tools/call", "{\"name\":\"pay\",\"arguments\":{}}")));

      validator.answer = null; // the validator throws
      assertEquals("Invalid arguments for tool 'pay': the arguments could not be checked against the input schema",
          text(client.call("tools/call", "{\"name\":\"pay\",\"arguments\":{}}")));
      assertEquals(2, handled.size());

      server.addTool(tool("later", Map.of("type", "object")));
      assertEquals(2, validator.compiled.size());
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> server.addTool(tool("bad", Map.of("refuse", "no"))));
      assertEquals("Tool 'bad': refused: no", e.getMessage());
    }
  }

  /** A typed tool's arguments. */
  record Typed(int n) {}
}
