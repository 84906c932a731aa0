package org.mcpkit.transport.undertow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mcpkit.testing.ContractServer;
import org.mcpkit.testing.SseReader;

/** h2c, the request header-size limit, the idle and the request-head timeouts of {@link UndertowMcpServer}. */
class UndertowHttpOptionsTest {
  private static final ObjectMapper M = new ObjectMapper();
  private static final String META =
      "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\",\"io.modelcontextprotocol/clientCapabilities\":{}}";
  private final ContractServer fixture = new ContractServer();

  @AfterEach
  void stop() {
    fixture.server.close();
  }

  private static HttpRequest post(URI uri, String method, String body) {
    return HttpRequest.newBuilder(uri)
        .timeout(Duration.ofSeconds(20))
        .header("Content-Type", "application/json")
        .header("Accept", "application/json, text/event-stream")
        .header("MCP-Protocol-Version", "2026-07-28")
        .header("Mcp-Method", method)
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  @Test
  void h2cByUpgradeCarriesCallsAndStreams() throws Exception {
    try (UndertowMcpServer server = UndertowMcpServer.builder(fixture.server).http2(true).build().start()) {
      URI uri = URI.create(server.url());
      assertEquals("http", uri.getScheme());
      HttpClient h2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
      HttpResponse<String> list =
          h2.send(post(uri, "tools/list", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{" + META + "}}"),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(HttpClient.Version.HTTP_2, list.version(), "cleartext HTTP/2 after the Upgrade: h2c");
      assertEquals(200, list.statusCode());
      assertEquals(1, M.readTree(list.body()).get("id").asInt());
      assertTrue(M.readTree(list.body()).get("result").get("tools").size() > 0, list.body());

      fixture.server.addResource(org.mcpkit.server.ResourceSpec.of(
          org.mcpkit.protocol.Resource.of("test://h2c", "h2c"),
          (ctx, u, vars) -> new org.mcpkit.protocol.ReadResourceResult(
              java.util.List.of(new org.mcpkit.protocol.TextResourceContents(u, "text/plain", "x", null)), null)));
      HttpResponse<InputStream> listen = h2.send(
          post(uri, "subscriptions/listen",
              "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"subscriptions/listen\",\"params\":{\"notifications\":"
                  + "{\"resourceSubscriptions\":[\"test://h2c\"]}," + META + "}}"),
          HttpResponse.BodyHandlers.ofInputStream());
      assertEquals(HttpClient.Version.HTTP_2, listen.version());
      assertEquals("text/event-stream", listen.headers().firstValue("Content-Type").orElseThrow());
      try (SseReader sse = new SseReader(listen.body())) {
        assertEquals("notifications/subscriptions/acknowledged", M.readTree(sse.nextEvent(10)).get("method").asText());
        fixture.server.notifyResourceUpdated("test://h2c");
        com.fasterxml.jackson.databind.JsonNode updated = M.readTree(sse.nextEvent(10));
        assertEquals("notifications/resources/updated", updated.get("method").asText());
        assertEquals("test://h2c", updated.get("params").get("uri").asText());
      }
    }
  }

  @Test
  void withoutHttp2TheClientStaysOnHttp11() throws Exception {
    try (UndertowMcpServer server = UndertowMcpServer.builder(fixture.server).build().start()) {
      HttpResponse<String> r = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build().send(
          post(URI.create(server.url()), "tools/list", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{" + META + "}}"),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(HttpClient.Version.HTTP_1_1, r.version());
      assertEquals(200, r.statusCode());
    }
  }

  /** Sends one raw HTTP/1.1 request with an {@code X-Padding} header of {@code padding} bytes; returns the whole answer. */
  private static String raw(int port, int padding) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      String request = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\nX-Padding: "
          + "p".repeat(padding) + "\r\n\r\n";
      socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      socket.getInputStream().transferTo(answer); // ends when the server closes
      return answer.toString(StandardCharsets.US_ASCII);
    }
  }

  @Test
  void headerBlocksOverTheLimitAreRefusedWith400AndClosed() throws Exception {
    try (UndertowMcpServer server = UndertowMcpServer.builder(fixture.server).build().start()) {
      assertTrue(raw(server.port(), 15_000).startsWith("HTTP/1.1 200 OK\r\n"), "under the 16 KiB default");
      assertEquals("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", raw(server.port(), 17_000));
    }
    try (UndertowMcpServer server = UndertowMcpServer.builder(fixture.server).maxHeaderBytes(4096).build().start()) {
      assertTrue(raw(server.port(), 3_500).startsWith("HTTP/1.1 200 OK\r\n"), "under a configured 4 KiB");
      assertEquals("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", raw(server.port(), 4_200));
    }
    assertEquals("maxHeaderBytes must be at least 1024",
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
            () -> UndertowMcpServer.builder(fixture.server).maxHeaderBytes(100)).getMessage());
  }

  @Test
  void aHalfSentRequestHeadIsClosedAfterTheRequestHeadTimeout() throws Exception {
    try (UndertowMcpServer server = UndertowMcpServer.builder(fixture.server)
        .idleTimeout(Duration.ofMillis(500)).requestHeadTimeout(Duration.ofMillis(500)).build().start()) {
      try (Socket socket = new Socket("127.0.0.1", server.port())) {
        socket.setSoTimeout(10_000);
        socket.getOutputStream().write("POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        long start = System.nanoTime();
        assertEquals(-1, socket.getInputStream().read(), "closed by the server without an answer");
        long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(elapsed >= 400, "not before the timeout: " + elapsed + " ms");
      }
    }
    assertEquals("requestHeadTimeout must be positive",
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
            () -> UndertowMcpServer.builder(fixture.server).requestHeadTimeout(Duration.ZERO)).getMessage());
  }

  @Test
  void aTrickledRequestHeadIsClosedAfterTheRequestHeadTimeoutThoughNeverIdle() throws Exception {
    try (UndertowMcpServer server = UndertowMcpServer.builder(fixture.server)
        .idleTimeout(Duration.ofSeconds(5)).requestHeadTimeout(Duration.ofMillis(800)).build().start()) {
      try (Socket socket = new Socket("127.0.0.1", server.port())) {
        socket.setSoTimeout(200); // each read waits a little, then the client sends one more byte
        socket.getOutputStream().write("POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
        long start = System.nanoTime();
        boolean closed = false;
        while (!closed && TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 10_000) {
          try {
            closed = socket.getInputStream().read() < 0;
          } catch (java.net.SocketTimeoutException e) {
            try {
              socket.getOutputStream().write('a'); // never idle for more than 200 ms
            } catch (java.io.IOException gone) {
              closed = true;
            }
          } catch (java.io.IOException reset) {
            closed = true;
          }
        }
        long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(closed, "closed by the server");
        assertTrue(elapsed >= 700 && elapsed < 5_000, "at the head timeout, well before the idle timeout: " + elapsed + " ms");
      }
    }
  }

  @Test
  void anIdleConnectionIsClosedAfterTheIdleTimeout() throws Exception {
    try (UndertowMcpServer server =
        UndertowMcpServer.builder(fixture.server).idleTimeout(Duration.ofMillis(500)).build().start()) {
      try (Socket socket = new Socket("127.0.0.1", server.port())) {
        socket.setSoTimeout(10_000);
        long start = System.nanoTime();
        assertEquals(-1, socket.getInputStream().read(), "closed by the server without an answer");
        long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(elapsed >= 400, "not before the idle timeout: " + elapsed + " ms");
      }
    }
  }
}
