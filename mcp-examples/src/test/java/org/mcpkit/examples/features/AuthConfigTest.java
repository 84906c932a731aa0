package org.mcpkit.examples.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mcpkit.auth.contract.AuthorizationServer;
import org.mcpkit.server.McpServer;
import org.mcpkit.transport.undertow.UndertowMcpServer;

/** The tour's optional OAuth settings: off by default, checked, and working against a real authorization server. */
class AuthConfigTest {
  @Test
  void offWhenNoIssuerIsSet() {
    assertEquals(new AuthConfig(Optional.empty(), Optional.empty(), List.of()), AuthConfig.fromEnv(Map.of()));
    assertEquals(Optional.empty(), AuthConfig.fromEnv(Map.of("MCP_PUBLIC_URL", "https://x.example/mcp")).resourceServer());
  }

  @Test
  void badSettingsNameTheirVariable() {
    assertEquals("MCP_PUBLIC_URL is required with MCP_AUTH_ISSUER",
        assertThrows(IllegalArgumentException.class, () -> AuthConfig.fromEnv(Map.of("MCP_AUTH_ISSUER", "https://as.example"))).getMessage());
    assertEquals("MCP_AUTH_ISSUER must be an http(s) URL without query or fragment",
        assertThrows(IllegalArgumentException.class, () -> AuthConfig.fromEnv(Map.of("MCP_AUTH_ISSUER", "ftp://as"))).getMessage());
    assertEquals("MCP_PUBLIC_URL must be an http(s) URL without query or fragment",
        assertThrows(IllegalArgumentException.class,
            () -> AuthConfig.fromEnv(Map.of("MCP_AUTH_ISSUER", "https://as.example", "MCP_PUBLIC_URL", "https://x/mcp?a=1"))).getMessage());
  }

  @Test
  void theTourAsAResourceServer() throws Exception {
    try (AuthorizationServer as = new AuthorizationServer()) {
      AuthConfig auth = AuthConfig.fromEnv(Map.of(
          "MCP_AUTH_ISSUER", as.issuer().toString(), "MCP_PUBLIC_URL", "https://tour.example.com/mcp", "MCP_AUTH_SCOPE", "notes"));
      assertEquals(List.of("notes"), auth.scopes());
      Path dir = FeatureTour.sampleNotes();
      McpServer server = FeatureTour.create(dir);
      ExampleConfig config = ExampleConfig.fromEnv(Map.of("MCP_PORT", "0"));
      try (UndertowMcpServer http = FeatureTour.start(config, server, auth.resourceServer())) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest.Builder list = HttpRequest.newBuilder(URI.create(http.url())).timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
            .header("MCP-Protocol-Version", "2026-07-28").header("Mcp-Method", "tools/list")
            .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{\"_meta\":{"
                + "\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\",\"io.modelcontextprotocol/clientCapabilities\":{}}}}"));
        HttpResponse<String> refused = client.send(list.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, refused.statusCode());
        assertEquals("Bearer resource_metadata=\"https://tour.example.com/.well-known/oauth-protected-resource/mcp\", scope=\"notes\"",
            refused.headers().firstValue("WWW-Authenticate").orElseThrow());
        String token = as.token("tourist", "https://tour.example.com/mcp", "notes");
        HttpResponse<String> ok = client.send(list.header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, ok.statusCode(), ok.body());
        HttpResponse<String> metadata = client.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + http.port() + "/.well-known/oauth-protected-resource")).GET().build(),
            HttpResponse.BodyHandlers.ofString());
        assertEquals("{\"resource\":\"https://tour.example.com/mcp\",\"authorization_servers\":[\"" + as.issuer()
            + "\"],\"bearer_methods_supported\":[\"header\"],\"scopes_supported\":[\"notes\"]}", metadata.body());
      } finally {
        server.close();
      }
    }
  }
}
