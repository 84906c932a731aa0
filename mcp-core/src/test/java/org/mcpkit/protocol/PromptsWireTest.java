package org.mcpkit.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mcpkit.protocol.WireJson.assertRejected;
import static org.mcpkit.protocol.WireJson.assertWire;
import static org.mcpkit.protocol.WireJson.assertWrites;
import static org.mcpkit.protocol.WireJson.read;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PromptsWireTest {

  @Test
  void listPromptsResult() {
    String golden = """
        {
          "prompts": [
            {
              "name": "code_review",
              "title": "Request Code Review",
              "description": "Asks the model to review code",
              "arguments": [
                {"name": "code", "title": "Code", "description": "The code to review", "required": true},
                {"name": "style"}
              ],
              "icons": [{"src": "https://example.com/review.png"}],
              "_meta": {"com.example/category": "dev"}
            },
            {"name": "hello"}
          ],
          "nextCursor": "c2"
        }
        """;
    Prompt review =
        new Prompt(
            "code_review",
            "Request Code Review",
            "Asks the model to review code",
            List.of(
                new PromptArgument("code", "Code", "The code to review", true),
                new PromptArgument("style", null, null, null)),
            List.of(new Icon("https://example.com/review.png", null, null, null)),
            Map.of("com.example/category", "dev"));
    Prompt hello = new Prompt("hello", null, null, null, null, null);
    assertWire(golden, new ListPromptsResult(List.of(review, hello), "c2", null), ListPromptsResult.class);
  }

  @Test
  void promptWithoutNameRejected() {
    assertRejected("""
        {"description":"x"}
        """, Prompt.class);
    assertRejected("""
        {"required":true}
        """, PromptArgument.class);
  }

  @Test
  void getPromptRequestParams() {
    String golden = """
        {
          "name": "code_review",
          "arguments": {"code": "def hello():\\n    print('world')"},
          "_meta": {"io.modelcontextprotocol/protocolVersion": "2026-07-28"}
        }
        """;
    GetPromptRequest value =
        new GetPromptRequest(
            "code_review",
            Map.of("code", "def hello():\n    print('world')"),
            null,
            null,
            Map.of("io.modelcontextprotocol/protocolVersion", "2026-07-28"));
    assertWire(golden, value, GetPromptRequest.class);
  }

  @Test
  void getPromptRequestRetryAndDefaults() {
    assertWire("""
        {"name":"p","inputResponses":{},"requestState":"rs"}
        """, new GetPromptRequest("p", null, Map.of(), "rs", null), GetPromptRequest.class);
    GetPromptRequest bare = read("""
        {"name":"p","unknown":true}
        """, GetPromptRequest.class);
    assertEquals(Map.of(), bare.arguments());
    assertNull(bare.inputResponses());
    assertRejected("""
        {"arguments":{}}
        """, GetPromptRequest.class);
  }

  @Test
  void getPromptResult() {
    String golden = """
        {
          "description": "Code review prompt",
          "messages": [
            {"role": "user", "content": {"type": "text", "text": "Please review this Python code"}},
            {
              "role": "assistant",
              "content": {
                "type": "resource",
                "resource": {"uri": "file:///hello.py", "mimeType": "text/x-python", "text": "print('hi')"}
              }
            },
            {"role": "user", "content": {"type": "image", "data": "AA==", "mimeType": "image/png"}}
          ]
        }
        """;
    GetPromptResult value =
        new GetPromptResult(
            "Code review prompt",
            List.of(
                PromptMessage.user(TextContent.of("Please review this Python code")),
                PromptMessage.assistant(
                    new EmbeddedResource(
                        new TextResourceContents("file:///hello.py", "text/x-python", "print('hi')", null),
                        null,
                        null)),
                PromptMessage.user(new ImageContent("AA==", "image/png", null, null))),
            null);
    assertWire(golden, value, GetPromptResult.class);
    GetPromptResult read = read(golden, GetPromptResult.class);
    assertEquals(Role.ASSISTANT, read.messages().get(1).role());
    assertInstanceOf(EmbeddedResource.class, read.messages().get(1).content());
  }

  @Test
  void getPromptResultWithoutMessagesRejected() {
    assertRejected("""
        {"description":"d"}
        """, GetPromptResult.class);
    assertRejected("""
        {"role":"user"}
        """, PromptMessage.class);
  }

  @Test
  void completeRequestForPromptArgument() {
    String golden = """
        {
          "ref": {"type": "ref/prompt", "name": "code_review", "title": "Code review"},
          "argument": {"name": "language", "value": "py"},
          "context": {"arguments": {"framework": "flask"}},
          "_meta": {"io.modelcontextprotocol/protocolVersion": "2026-07-28"}
        }
        """;
    CompleteRequest value =
        new CompleteRequest(
            new PromptReference("code_review", "Code review"),
            new CompleteArgument("language", "py"),
            new CompleteContext(Map.of("framework", "flask")),
            Map.of("io.modelcontextprotocol/protocolVersion", "2026-07-28"));
    assertWire(golden, value, CompleteRequest.class);
    assertInstanceOf(PromptReference.class, read(golden, CompleteRequest.class).ref());
  }

  @Test
  void completeRequestForResourceTemplate() {
    String golden = """
        {"ref":{"type":"ref/resource","uri":"file:///{path}"},"argument":{"name":"path","value":"src/"}}
        """;
    CompleteRequest value =
        new CompleteRequest(
            new ResourceTemplateReference("file:///{path}"), new CompleteArgument("path", "src/"), null, null);
    assertWire(golden, value, CompleteRequest.class);
    assertInstanceOf(ResourceTemplateReference.class, read(golden, CompleteRequest.class).ref());
  }

  @Test
  void completionReferencesRoundTrip() {
    assertWire("""
        {"type":"ref/prompt","name":"p"}
        """, new PromptReference("p", null), CompletionReference.class);
    assertWire("""
        {"type":"ref/resource","uri":"mem://{id}"}
        """, new ResourceTemplateReference("mem://{id}"), CompletionReference.class);
    assertEquals("ref/prompt", new PromptReference("p", null).type());
    assertEquals("ref/resource", new ResourceTemplateReference("u").type());
  }

  @Test
  void completeRequestMissingFieldsRejected() {
    assertRejected("""
        {"argument":{"name":"a","value":"b"}}
        """, CompleteRequest.class);
    assertRejected("""
        {"ref":{"type":"ref/prompt","name":"p"},"argument":{"name":"a"}}
        """, CompleteRequest.class);
    assertRejected("""
        {"type":"ref/prompt"}
        """, CompletionReference.class);
  }

  @Test
  void emptyCompleteContextOmitsArguments() {
    assertWrites("{}", new CompleteContext(null));
    assertEquals(new CompleteContext(Map.of()), read("{}", CompleteContext.class));
  }

  @Test
  void completeResult() {
    String golden = """
        {"completion":{"values":["python","pytorch","pyside"],"total":10,"hasMore":true}}
        """;
    CompleteResult value =
        new CompleteResult(new Completion(List.of("python", "pytorch", "pyside"), 10, true), null);
    assertWire(golden, value, CompleteResult.class);
  }

  @Test
  void completeResultFactoryIsMinimal() {
    assertWrites("""
        {"completion":{"values":["a","b"]}}
        """, CompleteResult.of(List.of("a", "b")));
    assertWrites("""
        {"completion":{"values":[]}}
        """, CompleteResult.of(List.of()));
  }

  @Test
  void completionRejectsMoreThanOneHundredValues() {
    List<String> values = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      values.add("v" + i);
    }
    assertEquals(100, new Completion(values, null, null).values().size());
    values.add("v100");
    assertThrows(IllegalArgumentException.class, () -> new Completion(values, null, null));
    assertThrows(IllegalArgumentException.class, () -> CompleteResult.of(values));
    StringBuilder json = new StringBuilder("{\"values\":[");
    for (int i = 0; i < 101; i++) {
      json.append(i == 0 ? "" : ",").append("\"v").append(i).append('"');
    }
    json.append("]}");
    assertRejected(json.toString(), Completion.class);
  }
}
