package org.mcpkit.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mcpkit.protocol.WireJson.MAPPER;
import static org.mcpkit.protocol.WireJson.assertRejected;
import static org.mcpkit.protocol.WireJson.assertWire;
import static org.mcpkit.protocol.WireJson.assertWrites;
import static org.mcpkit.protocol.WireJson.read;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClientFeaturesWireTest {

  private static final Map<String, Object> NAME_SCHEMA =
      Map.of(
          "type", "object",
          "properties", Map.of("name", Map.of("type", "string", "title", "Your name")),
          "required", List.of("name"));

  @Test
  void inputRequiredWithElicitSampleAndRoots() {
    String golden = """
        {
          "inputRequests": {
            "ask_name": {
              "method": "elicitation/create",
              "params": {
                "message": "What is your name?",
                "requestedSchema": {
                  "type": "object",
                  "properties": {"name": {"type": "string", "title": "Your name"}},
                  "required": ["name"]
                }
              }
            },
            "summarize": {
              "method": "sampling/createMessage",
              "params": {
                "messages": [{"role": "user", "content": {"type": "text", "text": "Summarize the diff"}}],
                "maxTokens": 200
              }
            },
            "where": {"method": "roots/list"}
          },
          "requestState": "eyJzdGVwIjoxfQ"
        }
        """;
    ElicitRequest elicit = ElicitRequest.form("What is your name?", NAME_SCHEMA);
    CreateMessageRequest sample = CreateMessageRequest.of("Summarize the diff", 200);
    InputRequiredResult value =
        new InputRequiredResult(
            Map.of(
                "ask_name", InputRequest.elicit(elicit),
                "summarize", InputRequest.sample(sample),
                "where", InputRequest.roots()),
            "eyJzdGVwIjoxfQ",
            null);
    assertWrites(golden, value);

    // params is an arbitrary JSON value on read; it converts back to the typed request.
    InputRequiredResult read = read(golden, InputRequiredResult.class);
    assertEquals("eyJzdGVwIjoxfQ", read.requestState());
    assertEquals(3, read.inputRequests().size());
    InputRequest askName = read.inputRequests().get("ask_name");
    assertEquals(McpMethods.ELICITATION_CREATE, askName.method());
    assertEquals(elicit, MAPPER.convertValue(askName.params(), ElicitRequest.class));
    InputRequest summarize = read.inputRequests().get("summarize");
    assertEquals(McpMethods.SAMPLING_CREATE_MESSAGE, summarize.method());
    assertEquals(sample, MAPPER.convertValue(summarize.params(), CreateMessageRequest.class));
    InputRequest where = read.inputRequests().get("where");
    assertEquals(new InputRequest(McpMethods.ROOTS_LIST, null), where);
    assertWrites(golden, read);
  }

  @Test
  void inputRequiredWithStateOnly() {
    assertWire("""
        {"requestState":"retry-later"}
        """, new InputRequiredResult(null, "retry-later", null), InputRequiredResult.class);
    assertTrue(read("""
        {"requestState":"x"}
        """, InputRequiredResult.class).inputRequests().isEmpty());
  }

  @Test
  void inputRequestWithoutMethodRejected() {
    assertRejected("""
        {"params":{}}
        """, InputRequest.class);
  }

  @Test
  void elicitFormFactoryOmitsMode() {
    assertWire("""
        {
          "message": "What is your name?",
          "requestedSchema": {
            "type": "object",
            "properties": {"name": {"type": "string", "title": "Your name"}},
            "required": ["name"]
          }
        }
        """, ElicitRequest.form("What is your name?", NAME_SCHEMA), ElicitRequest.class);
  }

  @Test
  void elicitUrlFactory() {
    assertWire("""
        {"mode":"url","message":"Please connect your account","url":"https://auth.example.com/connect?id=1"}
        """,
        ElicitRequest.url("Please connect your account", "https://auth.example.com/connect?id=1"),
        ElicitRequest.class);
    assertRejected("""
        {"mode":"url","url":"https://x"}
        """, ElicitRequest.class);
  }

  @Test
  void elicitResultAccept() {
    String golden = """
        {"action":"accept","content":{"name":"Ada","age":36,"subscribe":true,"tags":["a","b"]}}
        """;
    ElicitResult value =
        new ElicitResult(
            "accept", Map.of("name", "Ada", "age", 36, "subscribe", true, "tags", List.of("a", "b")), null);
    assertWire(golden, value, ElicitResult.class);
    assertTrue(read(golden, ElicitResult.class).accepted());
  }

  @Test
  void elicitResultDeclineAndCancel() {
    ElicitResult decline = read("""
        {"action":"decline","future":1}
        """, ElicitResult.class);
    assertEquals(new ElicitResult("decline", null, null), decline);
    assertFalse(decline.accepted());
    assertWrites("""
        {"action":"decline"}
        """, decline);
    assertFalse(new ElicitResult("cancel", null, null).accepted());
  }

  @Test
  void elicitResultWithoutActionRejected() {
    assertRejected("""
        {"content":{"name":"Ada"}}
        """, ElicitResult.class);
  }

  @Test
  void createMessageRequestFull() {
    String golden = """
        {
          "messages": [
            {"role": "user", "content": {"type": "text", "text": "What is the capital of France?"}},
            {
              "role": "assistant",
              "content": [
                {"type": "text", "text": "Let me look."},
                {"type": "image", "data": "AA==", "mimeType": "image/png"}
              ]
            }
          ],
          "maxTokens": 100,
          "systemPrompt": "You are a helpful assistant.",
          "modelPreferences": {
            "hints": [{"name": "claude-3-sonnet"}, {}],
            "costPriority": 0.3,
            "speedPriority": 0.8,
            "intelligencePriority": 0.5
          },
          "temperature": 0.7,
          "stopSequences": ["\\n\\nHuman:"],
          "metadata": {"provider": {"region": "eu"}},
          "includeContext": "none",
          "tools": [{"name": "search", "inputSchema": {"type": "object"}}],
          "toolChoice": {"mode": "auto"},
          "_meta": {"com.example/k": "v"}
        }
        """;
    CreateMessageRequest value =
        new CreateMessageRequest(
            List.of(
                new SamplingMessage(Role.USER, List.of(TextContent.of("What is the capital of France?")), null),
                new SamplingMessage(
                    Role.ASSISTANT,
                    List.of(TextContent.of("Let me look."), new ImageContent("AA==", "image/png", null, null)),
                    null)),
            100,
            "You are a helpful assistant.",
            new ModelPreferences(
                List.of(new ModelHint("claude-3-sonnet"), new ModelHint(null)), 0.3, 0.8, 0.5),
            0.7,
            List.of("\n\nHuman:"),
            Map.of("provider", Map.of("region", "eu")),
            "none",
            List.of(Tool.builder("search", Map.of("type", "object")).build()),
            Map.of("mode", "auto"),
            Map.of("com.example/k", "v"));
    assertWire(golden, value, CreateMessageRequest.class);
  }

  @Test
  void createMessageRequestFactoryIsMinimal() {
    CreateMessageRequest value = CreateMessageRequest.of("Hello", 50);
    assertWire("""
        {"messages":[{"role":"user","content":{"type":"text","text":"Hello"}}],"maxTokens":50}
        """, value, CreateMessageRequest.class);
    assertTrue(value.stopSequences().isEmpty());
    assertTrue(value.tools().isEmpty());
    assertNull(value.metadata());
  }

  @Test
  void createMessageRequestWithoutMaxTokensRejected() {
    assertRejected("""
        {"messages":[{"role":"user","content":{"type":"text","text":"Hello"}}]}
        """, CreateMessageRequest.class);
  }

  @Test
  void samplingMessageSingleBlockReadAndWrittenAsObject() {
    String golden = """
        {"role":"user","content":{"type":"text","text":"hi"}}
        """;
    SamplingMessage value = new SamplingMessage(Role.USER, List.of(TextContent.of("hi")), null);
    assertWire(golden, value, SamplingMessage.class);
  }

  @Test
  void samplingMessageArrayOfOneIsReadAndWrittenAsObject() {
    SamplingMessage read = read("""
        {"role":"user","content":[{"type":"text","text":"hi"}]}
        """, SamplingMessage.class);
    assertEquals(new SamplingMessage(Role.USER, List.of(TextContent.of("hi")), null), read);
    assertWrites("""
        {"role":"user","content":{"type":"text","text":"hi"}}
        """, read);
  }

  @Test
  void samplingMessageSeveralBlocksWrittenAsArray() {
    String golden = """
        {
          "role": "assistant",
          "content": [
            {"type": "text", "text": "a"},
            {"type": "audio", "data": "UklGRg==", "mimeType": "audio/wav"}
          ],
          "_meta": {"com.example/cache": true}
        }
        """;
    SamplingMessage value =
        new SamplingMessage(
            Role.ASSISTANT,
            List.of(TextContent.of("a"), new AudioContent("UklGRg==", "audio/wav", null, null)),
            Map.of("com.example/cache", true));
    assertWire(golden, value, SamplingMessage.class);
  }

  @Test
  void samplingMessageEmptyContentWrittenAsEmptyArray() {
    assertWire("""
        {"role":"user","content":[]}
        """, new SamplingMessage(Role.USER, List.of(), null), SamplingMessage.class);
  }

  @Test
  void samplingMessageUnknownFieldsIgnored() {
    assertEquals(
        new SamplingMessage(Role.USER, List.of(TextContent.of("hi")), null),
        read("""
            {"role":"user","content":{"type":"text","text":"hi"},"future":[1]}
            """, SamplingMessage.class));
  }

  @Test
  void samplingMessageMissingOrNullFieldsRejected() {
    assertRejected("""
        {"content":{"type":"text","text":"hi"}}
        """, SamplingMessage.class);
    assertRejected("""
        {"role":"user"}
        """, SamplingMessage.class);
    assertRejected("""
        {"role":null,"content":{"type":"text","text":"hi"}}
        """, SamplingMessage.class);
    assertRejected("""
        {"role":"user","content":null}
        """, SamplingMessage.class);
    assertRejected("""
        {"role":"user","content":[null]}
        """, SamplingMessage.class);
    assertRejected("""
        {"role":"robot","content":{"type":"text","text":"hi"}}
        """, SamplingMessage.class);
    assertRejected("[]", SamplingMessage.class);
  }

  @Test
  void createMessageResult() {
    String golden = """
        {
          "role": "assistant",
          "content": {"type": "text", "text": "The capital of France is Paris."},
          "model": "claude-3-sonnet-20240307",
          "stopReason": "endTurn"
        }
        """;
    CreateMessageResult value =
        new CreateMessageResult(
            Role.ASSISTANT,
            TextContent.of("The capital of France is Paris."),
            "claude-3-sonnet-20240307",
            "endTurn",
            null);
    assertWire(golden, value, CreateMessageResult.class);
    assertRejected("""
        {"role":"assistant","content":{"type":"text","text":"x"}}
        """, CreateMessageResult.class);
  }

  @Test
  void listRootsResult() {
    String golden = """
        {
          "roots": [
            {"uri": "file:///home/user/projects/frontend", "name": "Frontend Repository"},
            {"uri": "file:///home/user/projects/backend", "_meta": {"k": "v"}}
          ]
        }
        """;
    ListRootsResult value =
        new ListRootsResult(
            List.of(
                new Root("file:///home/user/projects/frontend", "Frontend Repository", null),
                new Root("file:///home/user/projects/backend", null, Map.of("k", "v"))),
            null);
    assertWire(golden, value, ListRootsResult.class);
    assertWire("""
        {"roots":[]}
        """, new ListRootsResult(List.of(), null), ListRootsResult.class);
    assertRejected("{}", ListRootsResult.class);
    assertRejected("""
        {"roots":[{"name":"no uri"}]}
        """, ListRootsResult.class);
  }
}
