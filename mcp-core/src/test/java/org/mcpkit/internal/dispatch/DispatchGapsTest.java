package org.mcpkit.internal.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.mcpkit.jsonrpc.JsonRpcRequest;
import org.mcpkit.jsonrpc.RequestId;
import org.mcpkit.protocol.CallToolResult;
import org.mcpkit.protocol.CompleteResult;
import org.mcpkit.protocol.ElicitRequest;
import org.mcpkit.protocol.ElicitResult;
import org.mcpkit.protocol.GetPromptResult;
import org.mcpkit.protocol.Implementation;
import org.mcpkit.protocol.Prompt;
import org.mcpkit.protocol.PromptMessage;
import org.mcpkit.protocol.ProtocolVersion;
import org.mcpkit.protocol.ReadResourceResult;
import org.mcpkit.protocol.Resource;
import org.mcpkit.protocol.ResourceTemplate;
import org.mcpkit.protocol.TextContent;
import org.mcpkit.protocol.TextResourceContents;
import org.mcpkit.protocol.Tool;
import org.mcpkit.server.McpServer;
import org.mcpkit.server.PromptSpec;
import org.mcpkit.server.ResourceSpec;
import org.mcpkit.server.ResourceTemplateSpec;
import org.mcpkit.server.ToolSpec;

/**
 * Dispatch rules of issue 2 beyond {@link McpServerDispatchTest}: failing non-tool handlers, where
 * input may be requested, requestState binding, version checks on every method, completion
 * gating, pagination of every list, and a server that serves only 2026-07-28.
 */
class DispatchGapsTest {
  private static final String SERVER_INFO =
      "\"_meta\":{\"io.modelcontextprotocol/serverInfo\":{\"name\":\"gaps\",\"version\":\"1\"}}";
  private static final Map<String, Object> FORM = Map.of("type", "object");

  private static void assertJson(String expected, JsonNode actual) {
    assertEquals(TestClient.parse(expected), actual, () -> "actual: " + actual);
  }

  private static McpServer.Builder builder() {
    return McpServer.builder(Implementation.of("gaps", "1"));
  }

  private static Prompt prompt(String name) {
    return new Prompt(name, null, name + " prompt", List.of(), null, null);
  }

  private static GetPromptResult promptText(String text) {
    return new GetPromptResult(null, List.of(PromptMessage.user(TextContent.of(text))), null);
  }

  // ------------------------------------------------------------------ internal errors

  @Test
  void throwingResourcePromptTemplateAndCompletionHandlersAreGenericInternalErrors() throws Exception {
    try (McpServer server =
        builder()
            .resource(ResourceSpec.of(Resource.of("test://boom", "boom"), (ctx, uri, vars) -> {
              throw new IllegalStateException("secret database password");
            }))
            .resourceTemplate(ResourceTemplateSpec.of(
                new ResourceTemplate("test://t/{id}", "t", null, null, null, null, null, null),
                (ctx, uri, vars) -> {
                  throw new java.io.IOException("secret path /etc/shadow");
                }))
            .prompt(PromptSpec.of(prompt("boom"), (ctx, req) -> {
              throw new NullPointerException("secret field");
            }))
            .completion((ctx, req) -> {
              throw new ArithmeticException("secret");
            })
            .build()) {
      TestClient client = new TestClient(server);
      List<JsonNode> answers = new ArrayList<>();
      answers.add(client.call("resources/read", Map.of("uri", "test://boom")));
      answers.add(client.call("resources/read", Map.of("uri", "test://t/1")));
      answers.add(client.call("prompts/get", Map.of("name", "boom")));
      answers.add(client.call("completion/complete",
          TestClient.json("{\"ref\":{\"type\":\"ref/prompt\",\"name\":\"boom\"},\"argument\":{\"name\":\"a\",\"value\":\"x\"}}")));
      for (int i = 0; i < answers.size(); i++) {
        assertJson("{\"jsonrpc\":\"2.0\",\"id\":" + (i + 1) + ",\"error\":{\"code\":-32603,\"message\":\"Internal error\"}}",
            answers.get(i));
        assertFalse(answers.get(i).toString().contains("secret"));
      }
    }
  }

  // ------------------------------------------------------------------ input-required: where allowed

  @Test
  void onlyToolsResourcesAndPromptsMayAskForInput() throws Exception {
    CompletableFuture<Throwable> completionAsked = new CompletableFuture<>();
    try (McpServer server =
        builder()
            .resource(ResourceSpec.of(Resource.of("test://ask", "ask"), (ctx, uri, vars) -> {
              ElicitResult r = ctx.elicit("who", ElicitRequest.form("Who?", FORM));
              return new ReadResourceResult(
                  List.of(new TextResourceContents(uri, "text/plain", "for " + r.content().get("name"), null)), null);
            }))
            .prompt(PromptSpec.of(prompt("ask"), (ctx, req) -> {
              ElicitResult r = ctx.elicit("who", ElicitRequest.form("Who?", FORM));
              return promptText("for " + r.content().get("name"));
            }))
            .completion((ctx, req) -> {
              try {
                ctx.elicit("who", ElicitRequest.form("Who?", FORM));
                completionAsked.complete(null);
              } catch (RuntimeException e) {
                completionAsked.complete(e);
                throw e;
              }
              return CompleteResult.of(List.of("never"));
            })
            .build()) {
      TestClient client = new TestClient(server);
      client.capabilities = Map.of("elicitation", Map.of());
      String inputRequests =
          "{\"who\":{\"method\":\"elicitation/create\",\"params\":{\"message\":\"Who?\",\"requestedSchema\":{\"type\":\"object\"}}}}";
      JsonNode read = client.call("resources/read", Map.of("uri", "test://ask")).get("result");
      assertEquals("input_required", read.get("resultType").asText());
      assertJson(inputRequests, read.get("inputRequests"));
      JsonNode get = client.call("prompts/get", Map.of("name", "ask")).get("result");
      assertEquals("input_required", get.get("resultType").asText());
      assertJson(inputRequests, get.get("inputRequests"));
      // the retry of prompts/get completes
      JsonNode done = client.call("prompts/get", Map.of("name", "ask", "requestState", get.get("requestState").asText(),
          "inputResponses", Map.of("who", Map.of("action", "accept", "content", Map.of("name", "Ada"))))).get("result");
      assertEquals("for Ada", done.get("messages").get(0).get("content").get("text").asText());

      JsonNode complete = client.call("completion/complete",
          TestClient.json("{\"ref\":{\"type\":\"ref/prompt\",\"name\":\"ask\"},\"argument\":{\"name\":\"a\",\"value\":\"x\"}}"));
      assertJson("{\"jsonrpc\":\"2.0\",\"id\":4,\"error\":{\"code\":-32603,\"message\":\"Internal error\"}}", complete);
      Throwable refused = completionAsked.get();
      assertEquals(IllegalStateException.class, refused.getClass());
      assertEquals("Input can only be requested from tools/call, resources/read and prompts/get handlers", refused.getMessage());
    }
  }

  // ------------------------------------------------------------------ requestState binding

  private static McpServer sameNameToolAndPrompt() {
    return builder()
        .tool(ToolSpec.of(Tool.builder("greet", FORM).description("greet").build(), (ctx, args) -> {
          ElicitResult r = ctx.elicit("who", ElicitRequest.form("Who?", FORM));
          return CallToolResult.text("tool for " + r.content().get("name"));
        }))
        .prompt(PromptSpec.of(prompt("greet"), (ctx, req) -> {
          ElicitResult r = ctx.elicit("who", ElicitRequest.form("Who?", FORM));
          return promptText("prompt for " + r.content().get("name"));
        }))
        .build();
  }

  private static JsonNode send(TestClient client, TransportContext context, String method, Map<String, Object> params)
      throws Exception {
    JsonRpcRequest request = client.request(method, params);
    RecordingSink sink = new RecordingSink();
    client.dispatcher.dispatch(request, context, sink);
    return client.tree(sink.await());
  }

  @Test
  void requestStateIsBoundToTheMethod() throws Exception {
    try (McpServer server = sameNameToolAndPrompt()) {
      TestClient client = new TestClient(server);
      client.capabilities = Map.of("elicitation", Map.of());
      String state = client.call("tools/call", Map.of("name", "greet", "arguments", Map.of()))
          .get("result").get("requestState").asText();
      Map<String, Object> answer = Map.of("who", Map.of("action", "accept", "content", Map.of("name", "Eve")));
      JsonNode replayed = client.call("prompts/get",
          Map.of("name", "greet", "arguments", Map.of(), "requestState", state, "inputResponses", answer));
      assertJson("{\"jsonrpc\":\"2.0\",\"id\":2,\"error\":{\"code\":-32602,"
          + "\"message\":\"Invalid params: requestState does not match this request\"}}", replayed);
      JsonNode own = client.call("tools/call",
          Map.of("name", "greet", "arguments", Map.of(), "requestState", state, "inputResponses", answer));
      assertEquals("tool for Eve", own.get("result").get("content").get(0).get("text").asText());
    }
  }

  @Test
  void requestStateIsBoundToThePrincipal() throws Exception {
    Principal alice = () -> "alice";
    Principal bob = () -> "bob";
    try (McpServer server = sameNameToolAndPrompt()) {
      TestClient client = new TestClient(server);
      client.capabilities = Map.of("elicitation", Map.of());
      Map<String, Object> first = Map.of("name", "greet", "arguments", Map.of());
      String state = send(client, new TransportContext(alice, new Connection()), "tools/call", first)
          .get("result").get("requestState").asText();
      Map<String, Object> retry = Map.of("name", "greet", "arguments", Map.of(), "requestState", state,
          "inputResponses", Map.of("who", Map.of("action", "accept", "content", Map.of("name", "Al"))));
      String mismatch = "{\"code\":-32602,\"message\":\"Invalid params: requestState does not match this request\"}";
      assertJson(mismatch, send(client, new TransportContext(bob, new Connection()), "tools/call", retry).get("error"));
      assertJson(mismatch, send(client, TransportContext.anonymous(), "tools/call", retry).get("error"));
      assertEquals("tool for Al", send(client, new TransportContext(() -> "alice", new Connection()), "tools/call", retry)
          .get("result").get("content").get(0).get("text").asText(), "the same principal on another connection");
      // and the other way round: an anonymous state is not accepted for a signed-in principal
      String anonymous = client.call("tools/call", first).get("result").get("requestState").asText();
      Map<String, Object> anonymousRetry = new java.util.HashMap<>(retry);
      anonymousRetry.put("requestState", anonymous);
      assertJson(mismatch, send(client, new TransportContext(alice, new Connection()), "tools/call", anonymousRetry).get("error"));
    }
  }

  // ------------------------------------------------------------------ version on every method

  @Test
  void unsupportedVersionIsRefusedOnEveryMethod() throws Exception {
    try (McpServer server = Fixtures.server()) {
      TestClient client = new TestClient(server);
      client.version = "v999.0.0";
      String error = "{\"code\":-32022,\"message\":\"Unsupported protocol version\","
          + "\"data\":{\"supported\":[\"2026-07-28\",\"2025-11-25\",\"2025-06-18\",\"2025-03-26\",\"2024-11-05\"],\"requested\":\"v999.0.0\"}}";
      Map<String, Map<String, Object>> calls = new java.util.LinkedHashMap<>();
      calls.put("tools/list", Map.of());
      calls.put("tools/call", Map.of("name", "echo", "arguments", Map.of("text", "x")));
      calls.put("resources/list", Map.of());
      calls.put("resources/templates/list", Map.of());
      calls.put("resources/read", Map.of("uri", "test://static"));
      calls.put("prompts/list", Map.of());
      calls.put("prompts/get", Map.of("name", "greet", "arguments", Map.of("name", "x")));
      calls.put("completion/complete", TestClient.json(
          "{\"ref\":{\"type\":\"ref/prompt\",\"name\":\"greet\"},\"argument\":{\"name\":\"name\",\"value\":\"A\"}}"));
      calls.put("subscriptions/listen", TestClient.json("{\"notifications\":{\"toolsListChanged\":true}}"));
      for (Map.Entry<String, Map<String, Object>> c : calls.entrySet()) {
        assertJson(error, client.call(c.getKey(), c.getValue()).get("error"));
      }
      client.version = "2025-11-25"; // a legacy revision in modern _meta is not a modern request
      assertJson(error.replace("v999.0.0", "2025-11-25"), client.call("tools/list", Map.of()).get("error"));
    }
  }

  // ------------------------------------------------------------------ completion gating

  @Test
  void completionIsGatedOnItsCapability() throws Exception {
    try (McpServer server = builder()
        .prompt(PromptSpec.of(prompt("plain"), (ctx, req) -> promptText("plain")))
        .build()) {
      TestClient client = new TestClient(server);
      assertJson("{\"prompts\":{\"listChanged\":true},\"logging\":{}}",
          client.call("server/discover", Map.of()).get("result").get("capabilities"));
      assertJson("{\"jsonrpc\":\"2.0\",\"id\":2,\"error\":{\"code\":-32601,\"message\":\"Method not found: completion/complete\"}}",
          client.call("completion/complete", TestClient.json(
              "{\"ref\":{\"type\":\"ref/prompt\",\"name\":\"plain\"},\"argument\":{\"name\":\"a\",\"value\":\"\"}}")));
    }
    try (McpServer server = builder()
        .prompt(PromptSpec.of(prompt("plain"), (ctx, req) -> promptText("plain"))
            .withCompletion((ctx, req) -> CompleteResult.of(List.of("x"))))
        .build()) {
      TestClient client = new TestClient(server);
      assertTrue(client.call("server/discover", Map.of()).get("result").get("capabilities").has("completions"),
          "a prompt's own completion declares the capability");
      assertEquals("x", client.call("completion/complete", TestClient.json(
              "{\"ref\":{\"type\":\"ref/prompt\",\"name\":\"plain\"},\"argument\":{\"name\":\"a\",\"value\":\"\"}}"))
          .get("result").get("completion").get("values").get(0).asText());
    }
  }

  // ------------------------------------------------------------------ pagination of every list

  @Test
  void resourcesPromptsAndTemplatesPageWithOpaqueCursors() throws Exception {
    McpServer.Builder b = builder().pageSize(2);
    for (String n : List.of("c", "a", "e", "b", "d")) {
      b.resource(ResourceSpec.of(Resource.of("test://" + n, n),
          (ctx, uri, vars) -> new ReadResourceResult(List.of(new TextResourceContents(uri, "text/plain", n, null)), null)));
      b.prompt(PromptSpec.of(prompt(n), (ctx, req) -> promptText(n)));
      b.resourceTemplate(ResourceTemplateSpec.of(
          new ResourceTemplate("test://" + n + "/{id}", n, null, null, null, null, null, null),
          (ctx, uri, vars) -> new ReadResourceResult(List.of(new TextResourceContents(uri, "text/plain", n, null)), null)));
    }
    try (McpServer server = b.build()) {
      TestClient client = new TestClient(server);
      Map<String, String> listKey = Map.of(
          "resources/list", "resources", "prompts/list", "prompts", "resources/templates/list", "resourceTemplates");
      Map<String, String> field = Map.of(
          "resources/list", "uri", "prompts/list", "name", "resources/templates/list", "uriTemplate");
      Map<String, String> cursors = new java.util.HashMap<>();
      for (String method : List.of("resources/list", "prompts/list", "resources/templates/list")) {
        List<List<String>> pages = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 10; page++) {
          JsonNode r = client.call(method, cursor == null ? Map.of() : Map.of("cursor", cursor)).get("result");
          List<String> items = new ArrayList<>();
          r.get(listKey.get(method)).forEach(i -> items.add(i.get(field.get(method)).asText()));
          pages.add(items);
          assertEquals("complete", r.get("resultType").asText());
          assertEquals(60000, r.get("ttlMs").asInt(), "the same cache hints on every page");
          assertEquals("public", r.get("cacheScope").asText());
          if (!r.has("nextCursor")) {
            break;
          }
          cursor = r.get("nextCursor").asText();
          assertFalse(cursor.isEmpty());
          cursors.putIfAbsent(method, cursor);
        }
        String p = method.equals("resources/list") ? "test://" : method.equals("prompts/list") ? "" : "test://";
        String s = method.equals("resources/templates/list") ? "/{id}" : "";
        assertEquals(
            List.of(List.of(p + "c" + s, p + "a" + s), List.of(p + "e" + s, p + "b" + s), List.of(p + "d" + s)),
            pages, method + ": registration order, two per page, no cursor after the last");
        for (String bad : List.of("not-a-cursor", "bWNwa2l0Om86LTE", "bWNwa2l0Om86eA")) { // junk, offset -1, offset x
          assertJson("{\"code\":-32602,\"message\":\"Invalid params: invalid cursor\"}",
              client.call(method, Map.of("cursor", bad)).get("error"));
        }
        JsonNode fromEmpty = client.call(method, Map.of("cursor", "")).get("result");
        assertEquals(cursors.get(method), fromEmpty.get("nextCursor").asText(), "an empty cursor is the first page");
      }
    }
  }

  // ------------------------------------------------------------------ modern-only server

  @Test
  void modernOnlyServerRefusesInitializeNamingItsVersions() throws Exception {
    try (McpServer server = builder().protocolVersions(ProtocolVersion.V2026_07_28)
        .tool(ToolSpec.of(Tool.builder("t", FORM).description("t").build(), (ctx, args) -> CallToolResult.text("t")))
        .build()) {
      TestClient client = new TestClient(server);
      JsonRpcRequest initialize = new JsonRpcRequest(RequestId.of(1), "initialize", TestClient.json(
          "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"old\",\"version\":\"1\"}}"));
      String refused = "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32022,\"message\":\"Unsupported protocol version\","
          + "\"data\":{\"supported\":[\"2026-07-28\"],\"requested\":\"2025-11-25\"}}}";
      RecordingSink sink = new RecordingSink();
      client.dispatcher.dispatch(initialize, client.context, sink);
      assertJson(refused, client.tree(sink.await()));
      assertJson("{\"supportedVersions\":[\"2026-07-28\"]}",
          TestClient.MAPPER.valueToTree(Map.of("supportedVersions",
              client.call("server/discover", Map.of()).get("result").get("supportedVersions"))));
      client.version = "2025-11-25";
      assertJson("{\"code\":-32022,\"message\":\"Unsupported protocol version\","
          + "\"data\":{\"supported\":[\"2026-07-28\"],\"requested\":\"2025-11-25\"}}",
          client.call("tools/list", Map.of()).get("error"));
    }
  }
}
