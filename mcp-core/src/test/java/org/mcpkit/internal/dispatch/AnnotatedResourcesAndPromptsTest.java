package org.mcpkit.internal.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mcpkit.protocol.CompleteRequest;
import org.mcpkit.protocol.Implementation;
import org.mcpkit.protocol.PromptMessage;
import org.mcpkit.protocol.TextContent;
import org.mcpkit.server.McpException;
import org.mcpkit.server.McpServer;
import org.mcpkit.server.RequestContext;
import org.mcpkit.server.annotation.McpArg;
import org.mcpkit.server.annotation.McpCompletion;
import org.mcpkit.server.annotation.McpPrompt;
import org.mcpkit.server.annotation.McpResource;

/** {@code @McpResource}, {@code @McpPrompt} and {@code @McpCompletion} over the real dispatch. */
class AnnotatedResourcesAndPromptsTest {
  private static final String SERVER_INFO =
      "\"_meta\":{\"io.modelcontextprotocol/serverInfo\":{\"name\":\"annotated\",\"version\":\"1\"}}";

  /** Notes as resources, a greeting prompt, and completions for both. */
  public static final class Notes {
    @McpResource(uri = "notes://index", description = "All notes", mimeType = "text/plain", scopes = "notes:read")
    public String index() {
      return "a, b";
    }

    @McpResource(uri = "notes://logo", name = "logo", mimeType = "image/png")
    public byte[] logoBytes() {
      return "PNG".getBytes(StandardCharsets.US_ASCII);
    }

    @McpResource(uri = "notes://{folder}/{name}{?rev}", title = "A note", mimeType = "text/markdown")
    public String note(String folder, @McpArg(name = "name") String noteName, Optional<String> rev, RequestContext ctx) {
      if (noteName.equals("missing")) {
        throw McpException.resourceNotFound(ctx.method() + ":" + noteName);
      }
      return "# " + folder + "/" + noteName + rev.map(r -> " @" + r).orElse("");
    }

    @McpCompletion(resource = "notes://{folder}/{name}{?rev}", argument = "folder")
    public List<String> folders(String prefix) {
      return List.of("work", "home").stream().filter(f -> f.startsWith(prefix)).toList();
    }

    @McpPrompt(description = "Greets someone", scopes = {"greet"})
    public String greet(@McpArg(description = "Who") String name, Optional<String> style) {
      return style.orElse("Hello") + ", " + name;
    }

    @McpPrompt(name = "dialog")
    public List<PromptMessage> twoMessages(@McpArg(optional = true) String topic) {
      return List.of(
          PromptMessage.user(TextContent.of("About " + (topic == null ? "nothing" : topic) + "?")),
          PromptMessage.assistant(TextContent.of("Sure.")));
    }

    @McpCompletion(prompt = "greet", argument = "style")
    public List<String> styles(String value, CompleteRequest request, RequestContext ctx) {
      return List.of(value + "|" + request.ref().getClass().getSimpleName() + "|" + ctx.method());
    }

    @McpCompletion(prompt = "greet", argument = "name")
    public List<String> names(String value) {
      return IntStream.range(0, 150).mapToObj(i -> value + i).toList();
    }
  }

  private final McpServer server =
      McpServer.builder(Implementation.of("annotated", "1")).annotated(new Notes()).build();
  private final TestClient client = new TestClient(server);

  @AfterEach
  void close() {
    server.close();
  }

  private static void assertJson(String expected, JsonNode actual) {
    assertEquals(TestClient.parse(expected), actual, () -> "actual: " + actual);
  }

  @Test
  void listsResourcesTemplatesAndPrompts() throws Exception {
    assertJson(
        """
        [{"uri":"notes://index","name":"index","description":"All notes","mimeType":"text/plain"},
         {"uri":"notes://logo","name":"logo","mimeType":"image/png"}]
        """,
        client.call("resources/list", Map.of()).get("result").get("resources"));
    assertJson(
        """
        [{"uriTemplate":"notes://{folder}/{name}{?rev}","name":"note","title":"A note","mimeType":"text/markdown"}]
        """,
        client.call("resources/templates/list", Map.of()).get("result").get("resourceTemplates"));
    assertJson(
        """
        [{"name":"dialog","arguments":[{"name":"topic","required":false}]},
         {"name":"greet","description":"Greets someone","arguments":[
            {"name":"name","description":"Who","required":true},{"name":"style","required":false}]}]
        """,
        client.call("prompts/list", Map.of()).get("result").get("prompts"));
  }

  @Test
  void readsFixedResourcesAsTextOrBlob() throws Exception {
    assertJson(
        "[{\"uri\":\"notes://index\",\"mimeType\":\"text/plain\",\"text\":\"a, b\"}]",
        client.call("resources/read", Map.of("uri", "notes://index")).get("result").get("contents"));
    assertJson(
        "[{\"uri\":\"notes://logo\",\"mimeType\":\"image/png\",\"blob\":\"UE5H\"}]",
        client.call("resources/read", Map.of("uri", "notes://logo")).get("result").get("contents"));
  }

  @Test
  void templateVariablesBindToParameters() throws Exception {
    assertJson(
        "[{\"uri\":\"notes://work/plan?rev=3\",\"mimeType\":\"text/markdown\",\"text\":\"# work/plan @3\"}]",
        client.call("resources/read", Map.of("uri", "notes://work/plan?rev=3")).get("result").get("contents"));
    assertJson(
        "[{\"uri\":\"notes://home/list\",\"mimeType\":\"text/markdown\",\"text\":\"# home/list\"}]",
        client.call("resources/read", Map.of("uri", "notes://home/list")).get("result").get("contents"));
    assertJson(
        "{\"jsonrpc\":\"2.0\",\"id\":3,\"error\":{\"code\":-32602,\"message\":\"Resource not found: resources/read:missing\","
            + "\"data\":{\"uri\":\"resources/read:missing\"}}}",
        client.call("resources/read", Map.of("uri", "notes://home/missing")));
  }

  @Test
  void promptsRenderStringsAsOneUserMessage() throws Exception {
    assertJson(
        "{\"description\":\"Greets someone\",\"messages\":[{\"role\":\"user\",\"content\":{\"type\":\"text\",\"text\":\"Hi, Ada\"}}],"
            + "\"resultType\":\"complete\"," + SERVER_INFO + "}",
        client.call("prompts/get", "{\"name\":\"greet\",\"arguments\":{\"name\":\"Ada\",\"style\":\"Hi\"}}").get("result"));
    assertJson(
        "{\"messages\":[{\"role\":\"user\",\"content\":{\"type\":\"text\",\"text\":\"About nothing?\"}},"
            + "{\"role\":\"assistant\",\"content\":{\"type\":\"text\",\"text\":\"Sure.\"}}],"
            + "\"resultType\":\"complete\"," + SERVER_INFO + "}",
        client.call("prompts/get", "{\"name\":\"dialog\"}").get("result"));
    assertJson(
        "{\"jsonrpc\":\"2.0\",\"id\":3,\"error\":{\"code\":-32602,\"message\":\"Missing required argument: name\"}}",
        client.call("prompts/get", "{\"name\":\"greet\",\"arguments\":{}}"));
  }

  @Test
  void completionsPickTheMethodByArgument() throws Exception {
    assertJson(
        "{\"values\":[\"work\"]}",
        client.call("completion/complete",
            "{\"ref\":{\"type\":\"ref/resource\",\"uri\":\"notes://{folder}/{name}{?rev}\"},\"argument\":{\"name\":\"folder\",\"value\":\"w\"}}")
            .get("result").get("completion"));
    assertJson(
        "{\"values\":[]}",
        client.call("completion/complete",
            "{\"ref\":{\"type\":\"ref/resource\",\"uri\":\"notes://{folder}/{name}{?rev}\"},\"argument\":{\"name\":\"name\",\"value\":\"w\"}}")
            .get("result").get("completion"));
    assertJson(
        "{\"values\":[\"Yo|PromptReference|completion/complete\"]}",
        client.call("completion/complete",
            "{\"ref\":{\"type\":\"ref/prompt\",\"name\":\"greet\"},\"argument\":{\"name\":\"style\",\"value\":\"Yo\"}}")
            .get("result").get("completion"));
    JsonNode many =
        client.call("completion/complete",
            "{\"ref\":{\"type\":\"ref/prompt\",\"name\":\"greet\"},\"argument\":{\"name\":\"name\",\"value\":\"n\"}}")
            .get("result").get("completion");
    assertEquals(100, many.get("values").size());
    assertEquals("n99", many.get("values").get(99).asText());
    assertEquals(150, many.get("total").asInt());
    assertEquals(true, many.get("hasMore").asBoolean());
  }

  @Test
  void scopesOnTheAnnotationsAreRequired() {
    assertEquals(Set.of("notes:read"), client.dispatcher.requiredScopes("resources/read", "notes://index"));
    assertEquals(Set.of("greet"), client.dispatcher.requiredScopes("prompts/get", "greet"));
    assertEquals(Set.of(), client.dispatcher.requiredScopes("prompts/get", "dialog"));
  }
}
