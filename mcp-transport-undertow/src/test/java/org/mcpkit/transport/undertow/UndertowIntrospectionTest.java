package org.mcpkit.transport.undertow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.mcpkit.auth.ClientCredentials;
import org.mcpkit.auth.IntrospectionAuthenticator;
import org.mcpkit.auth.contract.AuthorizationServer;
import org.mcpkit.auth.contract.IntrospectionShim;
import org.mcpkit.protocol.CallToolResult;
import org.mcpkit.protocol.Implementation;
import org.mcpkit.protocol.Tool;
import org.mcpkit.server.McpServer;
import org.mcpkit.server.ToolSpec;
import org.mcpkit.server.auth.ResourceServer;
import org.mcpkit.server.secret.SecretSource;

/**
 * Opaque-token introspection on the turnkey Undertow server (real XNIO I/O threads): an active
 * token calls a tool, an inactive one is 401 with the exact challenge, and the introspection
 * never runs on an I/O thread.
 */
class UndertowIntrospectionTest {
  private static final String RESOURCE = "https://mcp.example.com/mcp";

  @Test
  void introspectedTokensOnUndertowNeverBlockAnIoThread() throws Exception {
    List<String> threads = new CopyOnWriteArrayList<>();
    try (AuthorizationServer as = new AuthorizationServer(); IntrospectionShim shim = new IntrospectionShim(as.introspectionEndpoint())) {
      IntrospectionAuthenticator introspection = IntrospectionAuthenticator.builder(as.issuer(), URI.create(RESOURCE),
              ClientCredentials.basic("mcp-server", SecretSource.environment(Map.of("CLIENT_SECRET", "s3cret")), "CLIENT_SECRET"))
          .introspectionEndpoint(shim.uri())
          .build();
      McpServer server = McpServer.builder(Implementation.of("introspection", "1"))
          .tool(ToolSpec.of(Tool.builder("whoami", Map.of("type", "object")).build(),
              (ctx, args) -> CallToolResult.text(ctx.accessToken().orElseThrow().subject())))
          .build();
      ResourceServer rs = ResourceServer.builder(token -> {
        threads.add(Thread.currentThread().getName());
        return introspection.authenticate(token);
      }, URI.create(RESOURCE)).authorizationServer(as.issuer()).build();
      try (UndertowMcpServer undertow = UndertowMcpServer.builder(server).port(0).resourceServer(rs).build().start()) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest.Builder call = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + undertow.port() + "/mcp")).timeout(Duration.ofSeconds(20))
            .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
            .header("MCP-Protocol-Version", "2026-07-28").header("Mcp-Method", "tools/call").header("Mcp-Name", "whoami")
            .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"whoami\",\"arguments\":{},"
                + "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\",\"io.modelcontextprotocol/clientCapabilities\":{}}}}"));
        String active = as.token("carol", RESOURCE, "mcp", "JWT", 600);
        HttpResponse<String> ok = http.send(call.copy().header("Authorization", "Bearer " + active).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, ok.statusCode(), ok.body());
        assertEquals("carol", new com.fasterxml.jackson.databind.ObjectMapper().readTree(ok.body()).get("result").get("content").get(0).get("text").asText());

        String stranger = AuthorizationServer.forge(new RSAKeyGenerator(2048).keyID("key-1").generate(), as.claims("mallory", RESOURCE, "mcp").build());
        HttpResponse<String> refused = http.send(call.copy().header("Authorization", "Bearer " + stranger).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, refused.statusCode());
        assertEquals(List.of("Bearer resource_metadata=\"https://mcp.example.com/.well-known/oauth-protected-resource/mcp\", error=\"invalid_token\""),
            refused.headers().allValues("WWW-Authenticate"));
        assertEquals("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32600,\"message\":\"Unauthorized\"}}", refused.body());
        assertEquals(2, shim.calls.get());
        assertEquals(2, threads.size());
        for (String t : threads) {
          assertFalse(t.contains("I/O"), "introspected off the I/O thread: " + threads);
        }
      }
    }
  }
}
