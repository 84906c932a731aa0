package org.mcpkit.transport.undertow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.mcpkit.auth.JwtAuthenticator;
import org.mcpkit.auth.contract.AuthContractTest;
import org.mcpkit.protocol.CallToolResult;
import org.mcpkit.protocol.Implementation;
import org.mcpkit.protocol.Tool;
import org.mcpkit.server.McpServer;
import org.mcpkit.server.ToolSpec;
import org.mcpkit.server.auth.ResourceServer;
import org.mcpkit.server.http.McpHttpEndpoint;

/**
 * The resource-server contract on Undertow, 127.0.0.1 port 0: the handler mounted at the MCP,
 * HTTP+SSE and metadata paths; and the turnkey server routing the metadata paths itself.
 */
class UndertowAuthContractTest extends AuthContractTest {
  private UndertowMcpServer undertow;

  @Override
  protected URI start(McpHttpEndpoint endpoint) {
    McpUndertowHandler handler = McpUndertowHandler.create(endpoint);
    io.undertow.server.handlers.PathHandler paths = new io.undertow.server.handlers.PathHandler();
    for (String p : new String[] {"/mcp", "/sse", "/message", "/.well-known/oauth-protected-resource", "/.well-known/oauth-protected-resource/mcp"}) {
      paths.addExactPath(p, handler);
    }
    io.undertow.Undertow u = io.undertow.Undertow.builder().addHttpListener(0, "127.0.0.1").setHandler(paths).build();
    u.start();
    running = u;
    int port = ((java.net.InetSocketAddress) u.getListenerInfo().get(0).getAddress()).getPort();
    return URI.create("http://127.0.0.1:" + port + "/");
  }

  private io.undertow.Undertow running;

  @Override
  protected void stop() {
    running.stop();
    if (undertow != null) {
      undertow.close();
    }
  }

  @Test
  void theTurnkeyServerServesTheMetadataAndAuthenticates() throws Exception {
    McpServer server = McpServer.builder(Implementation.of("turnkey", "1"))
        .tool(ToolSpec.of(Tool.builder("whoami", java.util.Map.of("type", "object")).build(),
            (ctx, args) -> CallToolResult.text(ctx.accessToken().orElseThrow().subject())))
        .build();
    ResourceServer rs = ResourceServer.builder(JwtAuthenticator.builder(as.issuer(), URI.create(RESOURCE)).build(), URI.create(RESOURCE))
        .authorizationServer(as.issuer())
        .build();
    undertow = UndertowMcpServer.builder(server).port(0).resourceServer(rs).build().start();
    String root = "http://127.0.0.1:" + undertow.port();
    HttpResponse<String> metadata = http.send(
        HttpRequest.newBuilder(URI.create(root + "/.well-known/oauth-protected-resource/mcp")).timeout(Duration.ofSeconds(10)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, metadata.statusCode());
    assertEquals("{\"resource\":\"" + RESOURCE + "\",\"authorization_servers\":[\"" + as.issuer() + "\"],\"bearer_methods_supported\":[\"header\"]}",
        metadata.body());
    HttpRequest.Builder call = HttpRequest.newBuilder(URI.create(root + "/mcp")).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
        .header("MCP-Protocol-Version", "2026-07-28").header("Mcp-Method", "tools/call").header("Mcp-Name", "whoami")
        .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"whoami\",\"arguments\":{},"
            + "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\",\"io.modelcontextprotocol/clientCapabilities\":{}}}}"));
    HttpResponse<String> refused = http.send(call.build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(401, refused.statusCode());
    assertEquals("Bearer resource_metadata=\"https://mcp.example.com/.well-known/oauth-protected-resource/mcp\"",
        refused.headers().firstValue("WWW-Authenticate").orElse(""));
    HttpResponse<String> ok = http.send(call.header("Authorization", "Bearer " + as.token("carol", RESOURCE, "mcp")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, ok.statusCode(), ok.body());
    assertEquals("carol", new com.fasterxml.jackson.databind.ObjectMapper().readTree(ok.body()).get("result").get("content").get(0).get("text").asText());
  }
}
