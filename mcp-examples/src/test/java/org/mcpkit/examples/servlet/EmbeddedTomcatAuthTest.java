package org.mcpkit.examples.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mcpkit.server.AccessToken;
import org.mcpkit.server.auth.ResourceServer;
import org.mcpkit.server.auth.TokenRejectedException;
import org.mcpkit.server.http.HttpEndpointOptions;
import org.mcpkit.server.http.McpHttpEndpoint;
import org.mcpkit.server.observe.AuthFailure;
import org.mcpkit.testing.ConnectionFlood;
import org.mcpkit.testing.ContractServer;

/**
 * The examples' embedded Tomcat serving an OAuth resource server (as {@code ConformanceMain} does
 * with {@code MCP_AUTH_ISSUER}): both protected-resource metadata paths reach the servlet, a call
 * without a token gets the challenge, a call with an accepted token is answered.
 */
class EmbeddedTomcatAuthTest {
  private static final String RESOURCE = "https://mcp.example.com/mcp";
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private ContractServer fixture;
  private EmbeddedTomcat tomcat;

  @AfterEach
  void stop() {
    if (tomcat != null) {
      tomcat.close();
    }
    if (fixture != null) {
      fixture.server.close();
    }
  }

  private void start() {
    fixture = new ContractServer();
    ResourceServer rs = ResourceServer.builder(token -> {
          if (!token.equals("good")) {
            throw new TokenRejectedException(AuthFailure.Reason.INVALID_TOKEN);
          }
          return AccessToken.builder("ada").scopes("mcp").build();
        }, URI.create(RESOURCE))
        .authorizationServer(URI.create("https://as.example.com"))
        .requiredScopes("mcp")
        .build();
    tomcat = EmbeddedTomcat.start(McpHttpEndpoint.create(fixture.server, HttpEndpointOptions.defaults(), rs), "127.0.0.1", 0, "/mcp");
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + tomcat.port() + path))
        .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> call(String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + tomcat.port() + "/mcp"))
        .timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
        .header("MCP-Protocol-Version", "2026-07-28").header("Mcp-Method", "tools/call").header("Mcp-Name", "echo")
        .POST(HttpRequest.BodyPublishers.ofString(ConnectionFlood.ECHO_CALL));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void bothMetadataPathsAreServed() throws Exception {
    start();
    String expected = "{\"resource\":\"" + RESOURCE + "\",\"authorization_servers\":[\"https://as.example.com\"],"
        + "\"bearer_methods_supported\":[\"header\"]}";
    for (String path : new String[] {"/.well-known/oauth-protected-resource", "/.well-known/oauth-protected-resource/mcp"}) {
      HttpResponse<String> r = get(path);
      assertEquals(200, r.statusCode(), path);
      assertEquals(expected, r.body(), path);
    }
  }

  @Test
  void aCallNeedsAnAcceptedToken() throws Exception {
    start();
    String challenge = "Bearer resource_metadata=\"https://mcp.example.com/.well-known/oauth-protected-resource/mcp\", scope=\"mcp\"";
    HttpResponse<String> none = call(null);
    assertEquals(401, none.statusCode());
    assertEquals(challenge, none.headers().firstValue("WWW-Authenticate").orElse(""));
    assertEquals("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32600,\"message\":\"Unauthorized\"}}", none.body());
    HttpResponse<String> bad = call("bad");
    assertEquals(401, bad.statusCode());
    assertEquals(challenge + ", error=\"invalid_token\"", bad.headers().firstValue("WWW-Authenticate").orElse(""));
    HttpResponse<String> ok = call("good");
    assertEquals(200, ok.statusCode(), ok.body());
    assertEquals(ConnectionFlood.ECHO_ANSWER, ok.body());
  }
}
