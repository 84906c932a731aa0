package org.mcpkit.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mcpkit.protocol.CallToolResult;
import org.mcpkit.protocol.ElicitRequest;
import org.mcpkit.protocol.Implementation;
import org.mcpkit.protocol.Tool;
import org.mcpkit.server.AccessToken;
import org.mcpkit.server.McpServer;
import org.mcpkit.server.ToolSpec;
import org.mcpkit.server.auth.Authenticator;
import org.mcpkit.server.auth.ResourceServer;
import org.mcpkit.server.auth.TokenRejectedException;
import org.mcpkit.server.http.HttpEndpointOptions;
import org.mcpkit.server.http.McpHttpEndpoint;
import org.mcpkit.server.observe.AuthFailure;
import org.mcpkit.testing.InMemoryHttpClient;
import org.mcpkit.testing.RecordingObserver;

/**
 * The endpoint's resource-server guard with an authenticator of our own (the JWT one and a real
 * authorization server are in {@code mcp-auth}): one WARN line per refusal, never with the token;
 * the observer hears the reason; {@code requestState}
 * sealed for one subject is refused for another; challenges name the public URL, not the one the
 * server sees.
 */
class BearerGuardHttpTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String SECRET = "s3cr3t-token-of-alice";
  private static final String BOB = "token-of-bob";
  private final RecordingObserver observer = new RecordingObserver();

  private McpHttpEndpoint endpoint() {
    Authenticator authenticator = token -> {
      return switch (token) {
        case SECRET -> AccessToken.builder("alice").scopes("mcp").build();
        case BOB -> AccessToken.builder("bob").scopes("mcp").build();
        default -> throw new TokenRejectedException(AuthFailure.Reason.EXPIRED_TOKEN);
      };
    };
    McpServer server = McpServer.builder(Implementation.of("guard", "1"))
        .observer(observer)
        .tool(ToolSpec.of(Tool.builder("ask", Map.of("type", "object")).build(), (ctx, args) -> CallToolResult.text(
            "Hi " + ctx.elicit("name", ElicitRequest.form("Name?", Map.of("type", "object",
                "properties", Map.of("name", Map.of("type", "string"))))).content().get("name")
                + " from " + ctx.principal().orElseThrow().getName())))
        .build();
    ResourceServer rs = ResourceServer.builder(authenticator, URI.create("https://mcp.example.com/mcp"))
        .authorizationServer(URI.create("https://as.example.com"))
        .build();
    return McpHttpEndpoint.create(server, HttpEndpointOptions.defaults(), rs);
  }

  private static HttpRequest.Builder ask(String params) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:8080/mcp"))
        .timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json")
        .header("Accept", "application/json, text/event-stream")
        .header("MCP-Protocol-Version", "2026-07-28")
        .header("Mcp-Method", "tools/call")
        .header("Mcp-Name", "ask")
        .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"ask\","
            + "\"arguments\":{}" + params + ",\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
            + "\"io.modelcontextprotocol/clientCapabilities\":{\"elicitation\":{}}}}}"));
  }

  @Test
  void aRefusalIsOneWarnLineWithoutTheTokenAndReachesTheObserver() throws Exception {
    McpHttpEndpoint endpoint = endpoint();
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    HttpResponse<String> r;
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      r = new InMemoryHttpClient(endpoint).send(ask("").header("Authorization", "Bearer expired-" + SECRET).build(),
          HttpResponse.BodyHandlers.ofString());
    } finally {
      System.setErr(err);
      endpoint.close();
    }
    assertEquals(401, r.statusCode());
    assertEquals("Bearer resource_metadata=\"https://mcp.example.com/.well-known/oauth-protected-resource/mcp\", error=\"invalid_token\"",
        r.headers().firstValue("WWW-Authenticate").orElseThrow());
    assertEquals("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32600,\"message\":\"Unauthorized\"}}", r.body());
    String log = captured.toString(StandardCharsets.UTF_8);
    List<String> lines = log.lines().filter(l -> l.contains("BearerGuard")).toList();
    assertEquals(1, lines.size(), log);
    assertTrue(lines.get(0).startsWith("[") && lines.get(0).contains("WARN"), lines.get(0));
    assertTrue(lines.get(0).contains("Bearer token refused on POST /mcp: EXPIRED_TOKEN"), lines.get(0));
    assertFalse(log.contains(SECRET), "the token is never logged");
    assertEquals(List.of("authFailed EXPIRED_TOKEN"), observer.events("authFailed"));
  }

  @Test
  void requestStateSealedForOneSubjectIsRefusedForAnother() throws Exception {
    McpHttpEndpoint endpoint = endpoint();
    try {
      InMemoryHttpClient http = new InMemoryHttpClient(endpoint);
      HttpResponse<String> first = http.send(ask("").header("Authorization", "Bearer " + SECRET).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, first.statusCode(), first.body());
      JsonNode result = MAPPER.readTree(first.body()).get("result");
      assertEquals("input_required", result.get("resultType").asText());
      String retry = ",\"requestState\":" + MAPPER.writeValueAsString(result.get("requestState").asText())
          + ",\"inputResponses\":{\"name\":{\"action\":\"accept\",\"content\":{\"name\":\"Al\"}}}";
      HttpResponse<String> asBob = http.send(ask(retry).header("Authorization", "Bearer " + BOB).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, asBob.statusCode());
      assertEquals("{\"code\":-32602,\"message\":\"Invalid params: requestState does not match this request\"}",
          MAPPER.readTree(asBob.body()).get("error").toString());
      HttpResponse<String> asAlice = http.send(ask(retry).header("Authorization", "Bearer " + SECRET).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals("Hi Al from alice", MAPPER.readTree(asAlice.body()).get("result").get("content").get(0).get("text").asText());
    } finally {
      endpoint.close();
    }
  }
}
