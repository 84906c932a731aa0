package org.mcpkit.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mcpkit.internal.json.Json;

/** Golden JSON for the wire records: exact output, round trips, unknown and missing fields. */
class ProtocolWireTest {
  private static final ObjectMapper M = Json.mapper();

  private static void golden(Object value, String json) throws Exception {
    assertEquals(M.readTree(json), M.readTree(M.writeValueAsString(value)), () -> "written: " + value);
    assertEquals(value, M.readValue(json, value.getClass()));
  }

  @Test
  void absentOptionalFieldsAreOmitted() throws Exception {
    golden(TextContent.of("hi"), "{\"type\":\"text\",\"text\":\"hi\"}");
    golden(CallToolResult.text("x"), "{\"content\":[{\"type\":\"text\",\"text\":\"x\"}]}");
    golden(Implementation.of("n", "1"), "{\"name\":\"n\",\"version\":\"1\"}");
    golden(
        Tool.builder("t", Map.of("type", "object")).build(),
        "{\"name\":\"t\",\"inputSchema\":{\"type\":\"object\"}}");
    golden(new ListToolsResult(List.of(), null, null), "{\"tools\":[]}");
  }

  @Test
  void toolsCallRequestAndResult() throws Exception {
    golden(
        new CallToolRequest("weather", Map.of("city", "Oslo"), null, null, null),
        "{\"name\":\"weather\",\"arguments\":{\"city\":\"Oslo\"}}");
    golden(
        new CallToolResult(
            List.of(
                TextContent.of("a"),
                new ImageContent("AAA=", "image/png", null, null),
                new AudioContent("BBB=", "audio/wav", null, null),
                new ResourceLink("file:///x", "x", null, null, "text/plain", 3L, null, null, null),
                new EmbeddedResource(new BlobResourceContents("test://b", "image/png", "CCC=", null), null, null)),
            Map.of("temp", 21),
            true,
            Map.of("k", "v")),
        "{\"content\":[{\"type\":\"text\",\"text\":\"a\"},{\"type\":\"image\",\"data\":\"AAA=\",\"mimeType\":\"image/png\"},"
            + "{\"type\":\"audio\",\"data\":\"BBB=\",\"mimeType\":\"audio/wav\"},"
            + "{\"type\":\"resource_link\",\"uri\":\"file:///x\",\"name\":\"x\",\"mimeType\":\"text/plain\",\"size\":3},"
            + "{\"type\":\"resource\",\"resource\":{\"uri\":\"test://b\",\"mimeType\":\"image/png\",\"blob\":\"CCC=\"}}],"
            + "\"structuredContent\":{\"temp\":21},\"isError\":true,\"_meta\":{\"k\":\"v\"}}");
  }

  @Test
  void resourcesPromptsAndCompletion() throws Exception {
    golden(
        new ReadResourceResult(List.of(new TextResourceContents("test://t", "text/plain", "hello", null)), null),
        "{\"contents\":[{\"uri\":\"test://t\",\"mimeType\":\"text/plain\",\"text\":\"hello\"}]}");
    golden(
        new ListResourceTemplatesResult(
            List.of(new ResourceTemplate("test://{id}", "item", null, null, null, null, null, null)), "c2", null),
        "{\"resourceTemplates\":[{\"uriTemplate\":\"test://{id}\",\"name\":\"item\"}],\"nextCursor\":\"c2\"}");
    golden(
        new GetPromptResult("d", List.of(PromptMessage.assistant(TextContent.of("hey"))), null),
        "{\"description\":\"d\",\"messages\":[{\"role\":\"assistant\",\"content\":{\"type\":\"text\",\"text\":\"hey\"}}]}");
    golden(
        new CompleteRequest(
            new PromptReference("greet", null), new CompleteArgument("name", "Al"), new CompleteContext(Map.of("a", "b")), null),
        "{\"ref\":{\"type\":\"ref/prompt\",\"name\":\"greet\"},\"argument\":{\"name\":\"name\",\"value\":\"Al\"},"
            + "\"context\":{\"arguments\":{\"a\":\"b\"}}}");
    golden(
        new CompleteRequest(new ResourceTemplateReference("test://{id}"), new CompleteArgument("id", "1"), null, null),
        "{\"ref\":{\"type\":\"ref/resource\",\"uri\":\"test://{id}\"},\"argument\":{\"name\":\"id\",\"value\":\"1\"}}");
    golden(
        new CompleteResult(new Completion(List.of("a"), 5, true), null),
        "{\"completion\":{\"values\":[\"a\"],\"total\":5,\"hasMore\":true}}");
  }

  @Test
  void inputRequestsAndTheirAnswers() throws Exception {
    // Servers only write input requests; their params read back as plain JSON maps.
    assertEquals(
        M.readTree(
            "{\"inputRequests\":{\"n\":{\"method\":\"elicitation/create\",\"params\":{\"message\":\"Name?\","
                + "\"requestedSchema\":{\"type\":\"object\"}}}},\"requestState\":\"s\"}"),
        M.valueToTree(
            new InputRequiredResult(
                Map.of("n", InputRequest.elicit(ElicitRequest.form("Name?", Map.of("type", "object")))), "s", null)));
    assertEquals(
        M.readTree("{\"method\":\"sampling/createMessage\",\"params\":{\"messages\":[{\"role\":\"user\",\"content\":"
            + "{\"type\":\"text\",\"text\":\"Hi\"}}],\"maxTokens\":10}}"),
        M.valueToTree(InputRequest.sample(CreateMessageRequest.of("Hi", 10))));
    assertEquals(M.readTree("{\"method\":\"roots/list\"}"), M.valueToTree(InputRequest.roots()));
    golden(new ElicitResult("accept", Map.of("name", "A"), null), "{\"action\":\"accept\",\"content\":{\"name\":\"A\"}}");
    golden(
        new CreateMessageResult(Role.ASSISTANT, TextContent.of("Paris"), "m", "endTurn", null),
        "{\"role\":\"assistant\",\"content\":{\"type\":\"text\",\"text\":\"Paris\"},\"model\":\"m\",\"stopReason\":\"endTurn\"}");
    golden(
        new ListRootsResult(List.of(new Root("file:///r", "R", null)), null),
        "{\"roots\":[{\"uri\":\"file:///r\",\"name\":\"R\"}]}");
  }

  @Test
  void samplingContentIsOneBlockOrAnArray() throws Exception {
    SamplingMessage two =
        new SamplingMessage(Role.USER, List.of(TextContent.of("a"), TextContent.of("b")), null);
    assertEquals(
        M.readTree("{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"a\"},{\"type\":\"text\",\"text\":\"b\"}]}"),
        M.valueToTree(two));
    assertEquals(two, M.readValue(M.writeValueAsString(two), SamplingMessage.class));
    assertEquals(
        new SamplingMessage(Role.USER, List.of(TextContent.of("a")), null),
        M.readValue("{\"role\":\"user\",\"content\":{\"type\":\"text\",\"text\":\"a\"}}", SamplingMessage.class));
  }

  @Test
  void discoverSubscriptionsAndLegacyHandshake() throws Exception {
    golden(
        new DiscoverResult(
            List.of("2026-07-28"),
            new ServerCapabilities(null, Map.of(), null, null, new ResourcesCapability(true, null), new ToolsCapability(true), null),
            "hi",
            null),
        "{\"supportedVersions\":[\"2026-07-28\"],\"capabilities\":{\"logging\":{},\"resources\":{\"subscribe\":true},"
            + "\"tools\":{\"listChanged\":true}},\"instructions\":\"hi\"}");
    golden(
        new SubscriptionsListenRequest(new SubscriptionFilter(true, null, null, List.of("test://a")), null),
        "{\"notifications\":{\"toolsListChanged\":true,\"resourceSubscriptions\":[\"test://a\"]}}");
    golden(
        new InitializeRequest("2025-11-25", new ClientCapabilities(null, null, null, new ElicitationCapability(null, null), null),
            Implementation.of("c", "1"), null),
        "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{\"elicitation\":{}},\"clientInfo\":{\"name\":\"c\",\"version\":\"1\"}}");
    golden(
        new ProgressNotification("t", 0.5, 1.0, "half", null),
        "{\"progressToken\":\"t\",\"progress\":0.5,\"total\":1.0,\"message\":\"half\"}");
    golden(
        new LoggingMessageNotification(LoggingLevel.WARNING, "app", "x", null),
        "{\"level\":\"warning\",\"logger\":\"app\",\"data\":\"x\"}");
  }

  @Test
  void unknownFieldsAreIgnored() throws Exception {
    assertEquals(
        new CallToolRequest("t", Map.of(), null, null, null),
        M.readValue("{\"name\":\"t\",\"future\":{\"x\":1}}", CallToolRequest.class));
    assertEquals(TextContent.of("a"), M.readValue("{\"type\":\"text\",\"text\":\"a\",\"extra\":true}", Content.class));
  }

  @Test
  void missingRequiredFieldsAreRejected() {
    assertThrows(JsonMappingException.class, () -> M.readValue("{\"arguments\":{}}", CallToolRequest.class));
    assertThrows(JsonMappingException.class, () -> M.readValue("{\"name\":\"t\"}", Tool.class));
    assertThrows(JsonMappingException.class, () -> M.readValue("{\"content\":{}}", ElicitResult.class));
    assertThrows(JsonMappingException.class, () -> M.readValue("{\"type\":\"image\",\"data\":\"x\"}", Content.class));
  }

  @Test
  void capabilityHelpers() {
    ClientCapabilities formOnly = new ClientCapabilities(null, null, null, new ElicitationCapability(null, null), null);
    assertEquals(true, formOnly.hasElicitationForm());
    assertEquals(false, formOnly.hasElicitationUrl());
    ClientCapabilities urlOnly = new ClientCapabilities(null, null, null, new ElicitationCapability(null, Map.of()), null);
    assertEquals(false, urlOnly.hasElicitationForm());
    assertEquals(true, urlOnly.hasElicitationUrl());
    assertEquals(false, ClientCapabilities.none().hasSampling());
    assertEquals(true, LoggingLevel.ERROR.isAtLeast(LoggingLevel.WARNING));
    assertEquals(false, LoggingLevel.INFO.isAtLeast(LoggingLevel.NOTICE));
  }
}
