package org.mcpkit.server.stdio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mcpkit.internal.json.Json;
import org.mcpkit.protocol.Annotations;
import org.mcpkit.protocol.AudioContent;
import org.mcpkit.protocol.CallToolResult;
import org.mcpkit.protocol.CompleteResult;
import org.mcpkit.protocol.GetPromptResult;
import org.mcpkit.protocol.Icon;
import org.mcpkit.protocol.Implementation;
import org.mcpkit.protocol.Prompt;
import org.mcpkit.protocol.PromptArgument;
import org.mcpkit.protocol.PromptMessage;
import org.mcpkit.protocol.ReadResourceResult;
import org.mcpkit.protocol.Resource;
import org.mcpkit.protocol.ResourceLink;
import org.mcpkit.protocol.ResourceTemplate;
import org.mcpkit.protocol.Role;
import org.mcpkit.protocol.TextResourceContents;
import org.mcpkit.protocol.Tool;
import org.mcpkit.protocol.ToolAnnotations;
import org.mcpkit.server.McpServer;
import org.mcpkit.server.PromptSpec;
import org.mcpkit.server.ResourceSpec;
import org.mcpkit.server.ResourceTemplateSpec;
import org.mcpkit.server.ToolSpec;

/**
 * Replies shaped per negotiated revision over stdio: resources, templates, prompts, prompt
 * messages, resource contents, capabilities and progress for 2025-03-26 and 2024-11-05 sessions.
 */
class StdioRevisionShapingTest {
  private static final ObjectMapper M = Json.mapper();
  private static final Icon ICON = new Icon("https://example.com/i.png", null, null, null);
  private static final String MODIFIED = "2025-01-12T15:00:58Z";

  private static McpServer server() {
    return McpServer.builder(new Implementation("s", "1", "S", "d", List.of(ICON), "https://example.com"))
        .resource(ResourceSpec.of(
            new Resource("file:///a.txt", "a.txt", "A file", "The A file", "text/plain", 3L, List.of(ICON),
                new Annotations(List.of(Role.ASSISTANT), null, MODIFIED), Map.of("acme/r", 1)),
            (ctx, uri, vars) -> new ReadResourceResult(
                List.of(new TextResourceContents(uri, "text/plain", "abc", Map.of("acme/c", 1))),
                Map.of("acme/read", 1))))
        .resourceTemplate(ResourceTemplateSpec.of(
            new ResourceTemplate("file:///logs/{day}", "logs", "Logs", "Daily logs", "text/plain", List.of(ICON),
                new Annotations(List.of(), 1.0, MODIFIED), Map.of("acme/t", 1)),
            (ctx, uri, vars) -> new ReadResourceResult(List.of(new TextResourceContents(uri, null, "log", null)), null)))
        .prompt(PromptSpec.of(
            new Prompt("greet", "Greeting", "Greets",
                List.of(new PromptArgument("who", "Who", "Whom to greet", true)), List.of(ICON), Map.of("acme/p", 1)),
            (ctx, req) -> new GetPromptResult("Greets", List.of(
                PromptMessage.user(new AudioContent("AAAA", "audio/wav", null, Map.of("acme/a", 1))),
                PromptMessage.assistant(new ResourceLink("file:///a.txt", "a.txt", null, null, null, null, null,
                    new Annotations(List.of(), null, MODIFIED), null))), null))
            .withCompletion((ctx, req) -> CompleteResult.of(List.of("Ada"))))
        .tool(ToolSpec.of(
            Tool.builder("progress", Map.of("type", "object")).title("Progress")
                .annotations(new ToolAnnotations(null, null, null, true, null)).build(),
            (ctx, args) -> {
              ctx.progress(1, 2.0, "half");
              return CallToolResult.text("done");
            }))
        .build();
  }

  private static String requests(String version) {
    return "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"" + version + "\","
        + "\"capabilities\":{},\"clientInfo\":{\"name\":\"c\",\"version\":\"1\"}}}\n"
        + "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n"
        + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"resources/list\"}\n"
        + "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"resources/templates/list\"}\n"
        + "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"prompts/list\"}\n"
        + "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"prompts/get\",\"params\":{\"name\":\"greet\",\"arguments\":{\"who\":\"Ada\"}}}\n"
        + "{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"resources/read\",\"params\":{\"uri\":\"file:///a.txt\"}}\n"
        + "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/list\"}\n"
        + "{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"tools/call\",\"params\":{\"name\":\"progress\",\"_meta\":{\"progressToken\":\"p\"}}}\n";
  }

  /** The output lines by id; the id-less one (the progress notification) under -1. */
  private static Map<Integer, JsonNode> run(String version) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (McpServer server = server()) {
      StdioTransport.create(server, new ByteArrayInputStream(requests(version).getBytes(StandardCharsets.UTF_8)), out)
          .run();
    }
    Map<Integer, JsonNode> byId = new java.util.TreeMap<>();
    List<String> lines = new ArrayList<>(List.of(out.toString(StandardCharsets.UTF_8).split("\n")));
    lines.removeIf(String::isEmpty);
    for (String line : lines) {
      JsonNode n = M.readTree(line);
      byId.put(n.has("id") ? n.get("id").asInt() : -1, n.has("result") ? n.get("result") : n);
    }
    assertEquals(9, byId.size(), lines::toString);
    return byId;
  }

  private static final String RESOURCES =
      "{\"resources\":[{\"uri\":\"file:///a.txt\",\"name\":\"a.txt\",\"description\":\"The A file\",\"mimeType\":\"text/plain\","
          + "\"size\":3,\"annotations\":{\"audience\":[\"assistant\"]}}]}";
  private static final String TEMPLATES =
      "{\"resourceTemplates\":[{\"uriTemplate\":\"file:///logs/{day}\",\"name\":\"logs\",\"description\":\"Daily logs\","
          + "\"mimeType\":\"text/plain\",\"annotations\":{\"priority\":1.0}}]}";
  private static final String PROMPTS =
      "{\"prompts\":[{\"name\":\"greet\",\"description\":\"Greets\",\"arguments\":[{\"name\":\"who\","
          + "\"description\":\"Whom to greet\",\"required\":true}]}]}";
  private static final String LINK_AS_TEXT =
      "{\"role\":\"assistant\",\"content\":{\"type\":\"text\",\"text\":\"Resource link: file:///a.txt\\nname: a.txt\"}}";
  private static final String READ =
      "{\"contents\":[{\"uri\":\"file:///a.txt\",\"mimeType\":\"text/plain\",\"text\":\"abc\"}],\"_meta\":{\"acme/read\":1}}";

  @Test
  void a20250326SessionOverStdio() throws Exception {
    Map<Integer, JsonNode> r = run("2025-03-26");
    assertEquals(M.readTree("{\"protocolVersion\":\"2025-03-26\",\"capabilities\":{\"logging\":{},\"completions\":{},"
        + "\"prompts\":{\"listChanged\":true},\"resources\":{\"subscribe\":true,\"listChanged\":true},"
        + "\"tools\":{\"listChanged\":true}},\"serverInfo\":{\"name\":\"s\",\"version\":\"1\"}}"), r.get(1));
    assertEquals(M.readTree(RESOURCES), r.get(2));
    assertEquals(M.readTree(TEMPLATES), r.get(3));
    assertEquals(M.readTree(PROMPTS), r.get(4));
    assertEquals(M.readTree("{\"description\":\"Greets\",\"messages\":[{\"role\":\"user\",\"content\":{\"type\":\"audio\","
        + "\"data\":\"AAAA\",\"mimeType\":\"audio/wav\"}}," + LINK_AS_TEXT + "]}"), r.get(5));
    assertEquals(M.readTree(READ), r.get(6));
    assertEquals(M.readTree("{\"tools\":[{\"name\":\"progress\",\"inputSchema\":{\"type\":\"object\"},"
        + "\"annotations\":{\"title\":\"Progress\",\"idempotentHint\":true}}]}"), r.get(7));
    assertEquals(M.readTree("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{\"progressToken\":\"p\","
        + "\"progress\":1.0,\"total\":2.0,\"message\":\"half\"}}"), r.get(-1));
    assertEquals(M.readTree("{\"content\":[{\"type\":\"text\",\"text\":\"done\"}]}"), r.get(8));
  }

  @Test
  void a20241105SessionOverStdio() throws Exception {
    Map<Integer, JsonNode> r = run("2024-11-05");
    assertEquals(M.readTree("{\"protocolVersion\":\"2024-11-05\",\"capabilities\":{\"logging\":{},"
        + "\"prompts\":{\"listChanged\":true},\"resources\":{\"subscribe\":true,\"listChanged\":true},"
        + "\"tools\":{\"listChanged\":true}},\"serverInfo\":{\"name\":\"s\",\"version\":\"1\"}}"), r.get(1));
    assertEquals(M.readTree(RESOURCES), r.get(2));
    assertEquals(M.readTree(TEMPLATES), r.get(3));
    assertEquals(M.readTree(PROMPTS), r.get(4));
    assertEquals(M.readTree("{\"description\":\"Greets\",\"messages\":[{\"role\":\"user\",\"content\":{\"type\":\"text\","
        + "\"text\":\"Audio content (audio/wav) omitted: protocol revision 2024-11-05 has no audio content\"}},"
        + LINK_AS_TEXT + "]}"), r.get(5));
    assertEquals(M.readTree(READ), r.get(6));
    assertEquals(M.readTree("{\"tools\":[{\"name\":\"progress\",\"inputSchema\":{\"type\":\"object\"}}]}"), r.get(7));
    assertEquals(M.readTree("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{\"progressToken\":\"p\","
        + "\"progress\":1.0,\"total\":2.0}}"), r.get(-1));
    assertEquals(M.readTree("{\"content\":[{\"type\":\"text\",\"text\":\"done\"}]}"), r.get(8));
  }
}
