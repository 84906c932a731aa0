package org.mcpkit.transport.undertow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mcpkit.testing.ContractServer;

/** Liveness and readiness: default paths, moved paths, turned off, and refused configurations. */
class UndertowHealthPathsTest {
  private static final String META =
      "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\",\"io.modelcontextprotocol/clientCapabilities\":{}}";
  private final ContractServer fixture = new ContractServer();
  private final HttpClient client = HttpClient.newHttpClient();

  @AfterEach
  void stop() {
    fixture.server.close();
  }

  private HttpResponse<String> get(UndertowMcpServer server, String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private void assertAnswer(UndertowMcpServer server, String path, int status, String body) throws Exception {
    HttpResponse<String> r = get(server, path);
    assertEquals(status, r.statusCode(), path);
    assertEquals(body, r.body(), path);
    if (status == 200) {
      assertEquals("text/plain", r.headers().firstValue("Content-Type").orElseThrow(), path);
    }
  }

  private int mcpStatus(UndertowMcpServer server) throws Exception {
    return client.send(
            HttpRequest.newBuilder(URI.create(server.url()))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .header("MCP-Protocol-Version", "2026-07-28")
                .header("Mcp-Method", "tools/list")
                .POST(HttpRequest.BodyPublishers.ofString(
                    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{" + META + "}}"))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .statusCode();
  }

  @Test
  void defaultPaths() throws Exception {
    try (UndertowMcpServer s = UndertowMcpServer.builder(fixture.server).build().start()) {
      assertAnswer(s, "/healthz", 200, "ok");
      assertAnswer(s, "/readyz", 200, "ready");
      assertEquals(200, mcpStatus(s));
    }
  }

  @Test
  void movedPaths() throws Exception {
    try (UndertowMcpServer s =
        UndertowMcpServer.builder(fixture.server).healthPath("/ops/live").readinessPath("/ops/ready").build().start()) {
      assertAnswer(s, "/ops/live", 200, "ok");
      assertAnswer(s, "/ops/ready", 200, "ready");
      assertEquals(404, get(s, "/healthz").statusCode());
      assertEquals(404, get(s, "/readyz").statusCode());
      assertEquals(200, mcpStatus(s));
    }
  }

  @Test
  void turnedOffOneOrBoth() throws Exception {
    try (UndertowMcpServer s = UndertowMcpServer.builder(fixture.server).withoutHealthPaths().build().start()) {
      assertEquals(404, get(s, "/healthz").statusCode());
      assertEquals(404, get(s, "/readyz").statusCode());
      assertEquals(200, mcpStatus(s));
    }
    try (UndertowMcpServer s =
        UndertowMcpServer.builder(fixture.server).withoutHealthPaths().readinessPath("/ready").build().start()) {
      assertAnswer(s, "/ready", 200, "ready");
      assertEquals(404, get(s, "/healthz").statusCode());
    }
  }

  @Test
  void invalidPathsAreRefused() {
    assertEquals("healthPath must start with /",
        assertThrows(IllegalArgumentException.class, () -> UndertowMcpServer.builder(fixture.server).healthPath("live"))
            .getMessage());
    assertEquals("readinessPath must start with /",
        assertThrows(IllegalArgumentException.class, () -> UndertowMcpServer.builder(fixture.server).readinessPath(""))
            .getMessage());
    assertEquals("the MCP path, healthPath and readinessPath must differ, got /mcp, /mcp, /readyz",
        assertThrows(IllegalArgumentException.class,
                () -> UndertowMcpServer.builder(fixture.server).healthPath("/mcp").build())
            .getMessage());
    assertEquals("the MCP path, healthPath and readinessPath must differ, got /mcp, /same, /same",
        assertThrows(IllegalArgumentException.class,
                () -> UndertowMcpServer.builder(fixture.server).healthPath("/same").readinessPath("/same").build())
            .getMessage());
  }
}
