package org.mcpkit.internal.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.mcpkit.protocol.CallToolResult;
import org.mcpkit.protocol.Implementation;
import org.mcpkit.protocol.ReadResourceResult;
import org.mcpkit.protocol.Resource;
import org.mcpkit.protocol.ResourceTemplate;
import org.mcpkit.protocol.TextResourceContents;
import org.mcpkit.protocol.Tool;
import org.mcpkit.server.McpServer;
import org.mcpkit.server.ResourceHandler;
import org.mcpkit.server.ResourceSpec;
import org.mcpkit.server.ResourceTemplateSpec;
import org.mcpkit.server.ToolHandler;
import org.mcpkit.server.ToolSpec;

/** One handler shape per feature: what raw and typed tools, fixed and templated resources get. */
class HandlerShapeTest {
  record Greeting(String name, int times) {}

  @Test
  void rawToolGetsTheCheckedReadOnlyArgumentMap() throws Exception {
    ConcurrentLinkedQueue<Map<String, Object>> seen = new ConcurrentLinkedQueue<>();
    ToolHandler<Map<String, Object>> handler =
        (ctx, args) -> {
          seen.add(args);
          assertThrows(UnsupportedOperationException.class, () -> args.put("x", 1));
          return CallToolResult.text("ok");
        };
    try (McpServer server =
        McpServer.builder(Implementation.of("s", "1"))
            .tool(ToolSpec.of(Tool.builder("raw", Map.of("type", "object")).build(), handler))
            .build()) {
      TestClient client = new TestClient(server);
      JsonNode with =
          client.call("tools/call", Map.of("name", "raw", "arguments", Map.of("a", "b", "n", 2)));
      assertFalse(with.get("result").path("isError").asBoolean(), with::toString);
      JsonNode without = client.call("tools/call", Map.of("name", "raw"));
      assertFalse(without.get("result").path("isError").asBoolean(), without::toString);
    }
    assertEquals(List.of(Map.of("a", "b", "n", 2), Map.of()), List.copyOf(seen));
  }

  @Test
  void typedToolGetsTheBoundRecordThroughTheSameShape() throws Exception {
    ToolHandler<Greeting> handler =
        (ctx, g) -> CallToolResult.text(String.join(" ", Collections.nCopies(g.times(), "hi " + g.name())));
    try (McpServer server =
        McpServer.builder(Implementation.of("s", "1"))
            .tool(ToolSpec.typed("greet", "Greets", Greeting.class, handler))
            .tool("greet2", "Greets", Greeting.class, handler)
            .build()) {
      TestClient client = new TestClient(server);
      for (String name : List.of("greet", "greet2")) {
        JsonNode ok =
            client.call("tools/call", Map.of("name", name, "arguments", Map.of("name", "Ada", "times", 2)));
        assertEquals("hi Ada hi Ada", ok.get("result").get("content").get(0).get("text").asText());
        JsonNode bad = client.call("tools/call", Map.of("name", name, "arguments", Map.of("times", "x")));
        assertTrue(bad.get("result").get("isError").asBoolean(), bad::toString);
      }
    }
  }

  @Test
  void oneResourceHandlerServesFixedResourcesAndTemplates() throws Exception {
    ResourceHandler handler =
        (ctx, uri, vars) ->
            new ReadResourceResult(
                List.of(new TextResourceContents(uri, "text/plain", "vars=" + vars, null)), null);
    try (McpServer server =
        McpServer.builder(Implementation.of("s", "1"))
            .resource(ResourceSpec.of(Resource.of("test://fixed", "fixed"), handler))
            .resourceTemplate(
                ResourceTemplateSpec.of(
                    new ResourceTemplate("test://items/{id}", "item", null, null, null, null, null, null),
                    handler))
            .build()) {
      TestClient client = new TestClient(server);
      assertEquals("vars={}", text(client.call("resources/read", Map.of("uri", "test://fixed"))));
      assertEquals("vars={id=a b}", text(client.call("resources/read", Map.of("uri", "test://items/a%20b"))));
    }
  }

  private static String text(JsonNode response) {
    return response.get("result").get("contents").get(0).get("text").asText();
  }
}
