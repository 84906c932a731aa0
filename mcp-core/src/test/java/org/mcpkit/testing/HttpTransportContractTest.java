package org.mcpkit.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mcpkit.protocol.CallToolResult;
import org.mcpkit.protocol.Implementation;
import org.mcpkit.protocol.ProtocolVersion;
import org.mcpkit.protocol.Resource;
import org.mcpkit.protocol.ReadResourceResult;
import org.mcpkit.protocol.TextResourceContents;
import org.mcpkit.protocol.Tool;
import org.mcpkit.server.McpServer;
import org.mcpkit.server.ResourceSpec;
import org.mcpkit.server.ToolSpec;
import org.mcpkit.server.http.HostPolicy;
import org.mcpkit.server.http.HttpEndpointOptions;
import org.mcpkit.server.http.McpHttpEndpoint;
import org.mcpkit.server.http.OriginPolicy;

/**
 * The transport contract: every HTTP transport must produce exactly these statuses, headers and
 * bodies. Subclasses start a real server on 127.0.0.1, port 0, serving the endpoint at the
 * returned URI.
 */
public abstract class HttpTransportContractTest {
  protected static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String META =
      "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
          + "\"io.modelcontextprotocol/clientCapabilities\":{}}";
  private static final String SERVER_INFO =
      "\"_meta\":{\"io.modelcontextprotocol/serverInfo\":{\"name\":\"contract\",\"version\":\"1.0.0\"}}";

  protected ContractServer fixture;
  protected McpHttpEndpoint endpoint;
  /** The server being served: the fixture's, or the one a test {@link #restart restarted} with. */
  protected McpServer served;
  protected URI uri;
  protected HttpClient http;

  /** Starts a server for the endpoint; returns the URI of the MCP path. */
  protected abstract URI start(McpHttpEndpoint endpoint) throws Exception;

  /**
   * Starts a server for this MCP server and these options. The default serves {@code endpoint}
   * (built from both); a transport that builds its own endpoint overrides this.
   */
  protected URI start(McpServer server, HttpEndpointOptions options, McpHttpEndpoint endpoint)
      throws Exception {
    return start(endpoint);
  }

  /** Stops the server. */
  protected abstract void stop() throws Exception;

  /** The client the tests talk through: a real one by default. */
  protected HttpClient client(McpHttpEndpoint endpoint) {
    return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  protected HttpEndpointOptions options() {
    return HttpEndpointOptions.builder().keepAlive(Duration.ofMillis(300)).maxBodyBytes(64 * 1024).build();
  }

  @BeforeEach
  void startServer() throws Exception {
    fixture = new ContractServer();
    fixture.server.addResource(
        ResourceSpec.of(
            Resource.of("test://r", "r"),
            (ctx, u, vars) -> new ReadResourceResult(List.of(new TextResourceContents(u, "text/plain", "r", null)), null)));
    served = fixture.server;
    endpoint = McpHttpEndpoint.create(fixture.server, options());
    uri = start(fixture.server, options(), endpoint);
    http = client(endpoint);
  }

  @AfterEach
  void stopServer() throws Exception {
    stop();
    endpoint.close();
    fixture.server.close();
    if (served != fixture.server) {
      served.close();
    }
  }

  /** Serves another server and options for the rest of the test (the old one is stopped). */
  protected void restart(McpServer server, HttpEndpointOptions options) throws Exception {
    stop();
    endpoint.close();
    if (served != fixture.server) {
      served.close();
    }
    served = server;
    endpoint = McpHttpEndpoint.create(server, options);
    uri = start(server, options, endpoint);
    http = client(endpoint);
  }

  // ------------------------------------------------------------------ helpers

  protected HttpRequest.Builder post(String method, String body) {
    return HttpRequest.newBuilder(uri)
        .timeout(Duration.ofSeconds(20))
        .header("Content-Type", "application/json")
        .header("Accept", "application/json, text/event-stream")
        .header("MCP-Protocol-Version", "2026-07-28")
        .header("Mcp-Method", method)
        .POST(HttpRequest.BodyPublishers.ofString(body));
  }

  protected static String request(int id, String method, String params) {
    return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":{"
        + params + (params.isEmpty() ? "" : ",") + META + "}}";
  }

  protected HttpResponse<String> send(HttpRequest.Builder r) throws Exception {
    return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
  }

  protected static JsonNode json(String s) throws Exception {
    return MAPPER.readTree(s);
  }

  protected static void assertJsonError(HttpResponse<String> r, int status, String body) throws Exception {
    assertEquals(status, r.statusCode(), r::body);
    assertEquals(Optional.of("application/json"), r.headers().firstValue("Content-Type").map(v -> v.split(";")[0]));
    assertEquals(json(body), json(r.body()));
  }

  // ------------------------------------------------------------------ modern: success paths

  @Test
  void requestAnsweredWithJson() throws Exception {
    HttpResponse<String> r = send(post("tools/call", request(1, "tools/call", "\"name\":\"echo\",\"arguments\":{\"text\":\"hi\"}")).header("Mcp-Name", "echo"));
    assertEquals(200, r.statusCode());
    assertEquals(Optional.of("application/json"), r.headers().firstValue("Content-Type"));
    assertEquals(
        json("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"hi\"}],"
            + "\"resultType\":\"complete\"," + SERVER_INFO + "}}"),
        json(r.body()));
    assertFalse(r.headers().firstValue("Mcp-Session-Id").isPresent());
  }

  @Test
  void notificationAccepted() throws Exception {
    HttpResponse<String> r =
        send(post("notifications/cancelled", "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":9}}"));
    assertEquals(202, r.statusCode());
    assertEquals("", r.body());
  }

  @Test
  void progressSwitchesTheResponseToSse() throws Exception {
    HttpResponse<InputStream> r =
        http.send(
            post(
                    "tools/call",
                    "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"progress\","
                        + "\"_meta\":{\"progressToken\":\"p\",\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
                        + "\"io.modelcontextprotocol/clientCapabilities\":{}}}}")
                .header("Mcp-Name", "progress")
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(200, r.statusCode());
    assertEquals(Optional.of("text/event-stream"), r.headers().firstValue("Content-Type"));
    assertEquals(Optional.of("no-cache, no-transform"), r.headers().firstValue("Cache-Control"));
    assertEquals(Optional.of("no"), r.headers().firstValue("X-Accel-Buffering"));
    try (SseReader sse = new SseReader(r.body())) {
      assertEquals(
          json("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{\"progressToken\":\"p\",\"progress\":1.0,\"total\":2.0,\"message\":\"half\"}}"),
          json(sse.nextEvent(10)));
      assertEquals("done", json(sse.nextEvent(10)).get("params").get("message").asText());
      assertEquals("progressed", json(sse.nextEvent(10)).get("result").get("content").get(0).get("text").asText());
      assertEquals(SseReader.EOF, sse.nextEvent(10));
    }
  }

  @Test
  void listenStreamSendsFirstByteAckNotificationsAndKeepAlives() throws Exception {
    HttpResponse<InputStream> r =
        http.send(
            post("subscriptions/listen", request(5, "subscriptions/listen", "\"notifications\":{\"resourceSubscriptions\":[\"test://r\"]}")).build(),
            HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(200, r.statusCode());
    assertEquals(Optional.of("text/event-stream"), r.headers().firstValue("Content-Type"));
    try (SseReader sse = new SseReader(r.body())) {
      assertEquals(":", sse.next(5));
      assertEquals(
          json("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/subscriptions/acknowledged\",\"params\":"
              + "{\"notifications\":{\"resourceSubscriptions\":[\"test://r\"]},\"_meta\":{\"io.modelcontextprotocol/subscriptionId\":5}}}"),
          json(sse.nextEvent(5)));
      fixture.server.notifyResourceUpdated("test://r");
      assertEquals(
          json("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/resources/updated\",\"params\":"
              + "{\"uri\":\"test://r\",\"_meta\":{\"io.modelcontextprotocol/subscriptionId\":5}}}"),
          json(sse.nextEvent(5)));
      assertEquals(":", sse.next(3), "keep-alive comment within the interval");
    }
  }

  @Test
  void tenListenStreamsEachGetExactlyTheirNotifications() throws Exception {
    List<SseReader> readers = new ArrayList<>();
    try {
      for (int i = 0; i < 10; i++) {
        HttpResponse<InputStream> r =
            http.send(
                post("subscriptions/listen", request(100 + i, "subscriptions/listen", "\"notifications\":{\"resourceSubscriptions\":[\"test://r/" + i + "\"]}")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        SseReader sse = new SseReader(r.body());
        readers.add(sse);
        assertEquals("notifications/subscriptions/acknowledged", json(sse.nextEvent(5)).get("method").asText());
      }
      for (int i = 0; i < 10; i++) {
        fixture.server.notifyResourceUpdated("test://r/" + i);
      }
      for (int i = 0; i < 10; i++) {
        JsonNode n = json(readers.get(i).nextEvent(5));
        assertEquals("test://r/" + i, n.get("params").get("uri").asText());
        assertEquals(100 + i, n.get("params").get("_meta").get("io.modelcontextprotocol/subscriptionId").asInt());
      }
    } finally {
      for (SseReader r : readers) {
        r.close();
      }
    }
  }

  @Test
  void closingTheStreamCancelsTheCall() throws Exception {
    HttpResponse<InputStream> r =
        http.send(
            post("tools/call", request(7, "tools/call", "\"name\":\"hold\""))
                .header("Mcp-Name", "hold")
                .setHeader("Accept", "application/json, text/event-stream").build(),
            HttpResponse.BodyHandlers.ofInputStream());
    assertTrue(fixture.holdStarted.await(10, TimeUnit.SECONDS));
    // the response is still open; closing it (client gone) must interrupt the handler
    r.body().close();
    assertTrue(fixture.holdInterrupted.await(20, TimeUnit.SECONDS), "handler interrupted after disconnect");
  }

  // ------------------------------------------------------------------ modern: status table

  @Test
  void missingProtocolVersionHeader() throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
            .header("Accept", "application/json, text/event-stream").header("Mcp-Method", "tools/list")
            .POST(HttpRequest.BodyPublishers.ofString(request(3, "tools/list", "")));
    assertJsonError(send(b), 400,
        "{\"jsonrpc\":\"2.0\",\"id\":3,\"error\":{\"code\":-32020,\"message\":\"Header mismatch: MCP-Protocol-Version header is required\"}}");
  }

  @Test
  void protocolVersionHeaderMustMatchMeta() throws Exception {
    String body = request(4, "server/discover", "").replace("\"2026-07-28\"", "\"v999.0.0\"");
    assertJsonError(send(post("server/discover", body)), 400,
        "{\"jsonrpc\":\"2.0\",\"id\":4,\"error\":{\"code\":-32020,\"message\":\"Header mismatch: MCP-Protocol-Version does not match _meta\"}}");
  }

  @Test
  void unsupportedVersion() throws Exception {
    String body = request(4, "server/discover", "").replace("\"2026-07-28\"", "\"v999.0.0\"");
    HttpResponse<String> r = send(post("server/discover", body).setHeader("MCP-Protocol-Version", "v999.0.0"));
    assertJsonError(r, 400,
        "{\"jsonrpc\":\"2.0\",\"id\":4,\"error\":{\"code\":-32022,\"message\":\"Unsupported protocol version\","
            + "\"data\":{\"supported\":[\"2026-07-28\",\"2025-11-25\",\"2025-06-18\",\"2025-03-26\",\"2024-11-05\"],\"requested\":\"v999.0.0\"}}}");
  }

  @Test
  void methodHeaderIsRequiredAndCaseSensitive() throws Exception {
    assertJsonError(send(post("TOOLS/LIST", request(6, "tools/list", ""))), 400,
        "{\"jsonrpc\":\"2.0\",\"id\":6,\"error\":{\"code\":-32020,\"message\":\"Header mismatch: Mcp-Method does not match the request method\"}}");
    HttpRequest.Builder noMethod =
        HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
            .header("Accept", "application/json, text/event-stream").header("MCP-Protocol-Version", "2026-07-28")
            .POST(HttpRequest.BodyPublishers.ofString(request(6, "tools/list", "")));
    assertJsonError(send(noMethod), 400,
        "{\"jsonrpc\":\"2.0\",\"id\":6,\"error\":{\"code\":-32020,\"message\":\"Header mismatch: Mcp-Method header is required\"}}");
    HttpResponse<String> ok = send(post("  tools/list ", request(6, "tools/list", "")));
    assertEquals(200, ok.statusCode());
  }

  @Test
  void nameHeaderMustMatchAndMayBeBase64() throws Exception {
    String body = request(8, "tools/call", "\"name\":\"echo\",\"arguments\":{\"text\":\"x\"}");
    assertJsonError(send(post("tools/call", body).header("Mcp-Name", "other")), 400,
        "{\"jsonrpc\":\"2.0\",\"id\":8,\"error\":{\"code\":-32020,\"message\":\"Header mismatch: Mcp-Name does not match the request\"}}");
    assertJsonError(send(post("tools/call", body)), 400,
        "{\"jsonrpc\":\"2.0\",\"id\":8,\"error\":{\"code\":-32020,\"message\":\"Header mismatch: Mcp-Name header is required\"}}");
    assertEquals(200, send(post("tools/call", body).header("Mcp-Name", "=?base64?ZWNobw==?=")).statusCode());
  }

  @Test
  void paramHeadersMirrorMarkedArguments() throws Exception {
    String body = request(9, "tools/call", "\"name\":\"echo\",\"arguments\":{\"text\":\"x\",\"region\":\"Hello\"}");
    assertEquals(200, send(post("tools/call", body).header("Mcp-Name", "echo").header("Mcp-Param-Region", "=?base64?SGVsbG8=?=")).statusCode());
    assertEquals(200, send(post("tools/call", body).header("Mcp-Name", "echo").header("Mcp-Param-Region", "Hello")).statusCode());
    String badlyEncoded = "{\"jsonrpc\":\"2.0\",\"id\":9,\"error\":{\"code\":-32020,"
        + "\"message\":\"Header mismatch: Mcp-Param-Region is not validly encoded\"}}";
    String mismatched = "{\"jsonrpc\":\"2.0\",\"id\":9,\"error\":{\"code\":-32020,"
        + "\"message\":\"Header mismatch: Mcp-Param-Region does not match the arguments\"}}";
    // unpadded and non-alphabet Base64 are refused; a value that decodes to something else, a
    // different literal and upper-case markers (taken literally) do not match
    for (String bad : List.of("=?base64?SGVsbG8?=", "=?base64?SGVs!!!bG8=?=")) {
      assertJsonError(send(post("tools/call", body).header("Mcp-Name", "echo").header("Mcp-Param-Region", bad)), 400, badlyEncoded);
    }
    for (String bad : List.of("=?base64?QnllIQ==?=", "Bye", "hello", "=?BASE64?SGVsbG8=?=")) {
      assertJsonError(send(post("tools/call", body).header("Mcp-Name", "echo").header("Mcp-Param-Region", bad)), 400, mismatched);
    }
    assertEquals(200, send(post("tools/call", body).header("Mcp-Name", "echo").header("Mcp-Param-Region", "  Hello ")).statusCode(),
        "surrounding whitespace is trimmed");
    assertJsonError(send(post("tools/call", body).header("Mcp-Name", "echo")), 400,
        "{\"jsonrpc\":\"2.0\",\"id\":9,\"error\":{\"code\":-32020,\"message\":\"Header mismatch: Mcp-Param-Region header is required\"}}");
  }

  @Test
  void missingMetaIsInvalidParams() throws Exception {
    assertJsonError(send(post("server/discover", "{\"jsonrpc\":\"2.0\",\"id\":10,\"method\":\"server/discover\",\"params\":{}}")), 400,
        "{\"jsonrpc\":\"2.0\",\"id\":10,\"error\":{\"code\":-32602,\"message\":\"Invalid params: missing required _meta\"}}");
  }

  @Test
  void unknownMethodIs404() throws Exception {
    assertJsonError(send(post("unknown/method", request(11, "unknown/method", ""))), 404,
        "{\"jsonrpc\":\"2.0\",\"id\":11,\"error\":{\"code\":-32601,\"message\":\"Method not found: unknown/method\"}}");
  }

  @Test
  void missingClientCapabilityIs400() throws Exception {
    assertJsonError(send(post("tools/call", request(12, "tools/call", "\"name\":\"needs_sampling\"")).header("Mcp-Name", "needs_sampling")), 400,
        "{\"jsonrpc\":\"2.0\",\"id\":12,\"error\":{\"code\":-32021,\"message\":\"Missing required client capability\","
            + "\"data\":{\"requiredCapabilities\":{\"sampling\":{}}}}}");
  }

  @Test
  void getAndDeleteWithoutSessionAre405() throws Exception {
    HttpResponse<String> get = send(HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").GET());
    assertEquals(405, get.statusCode());
    assertEquals(Optional.of("GET, POST, DELETE"), get.headers().firstValue("Allow"));
    assertEquals(json("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32600,\"message\":\"Method not allowed\"}}"), json(get.body()));
    HttpResponse<String> delete = send(HttpRequest.newBuilder(uri).DELETE());
    assertJsonError(delete, 405, "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32600,\"message\":\"Method not allowed\"}}");
    assertEquals(Optional.of("GET, POST, DELETE"), delete.headers().firstValue("Allow"));
  }

  @Test
  void wrongAcceptOrContentType() throws Exception {
    assertJsonError(send(post("tools/list", request(13, "tools/list", "")).setHeader("Accept", "application/json")), 406,
        "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32600,\"message\":\"Not acceptable: Accept must include application/json and text/event-stream\"}}");
    assertJsonError(send(post("tools/list", request(13, "tools/list", "")).setHeader("Content-Type", "text/plain")), 415,
        "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32600,\"message\":\"Unsupported media type: Content-Type must be application/json\"}}");
    assertEquals(200, send(post("tools/list", request(13, "tools/list", "")).setHeader("Accept", "*/*").setHeader("Content-Type", "application/json; charset=utf-8")).statusCode());
  }

  @Test
  void oversizedBodyIs413() throws Exception {
    String big = request(14, "tools/call", "\"name\":\"echo\",\"arguments\":{\"text\":\"" + "x".repeat(70 * 1024) + "\"}");
    String error = "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32600,\"message\":\"Payload too large: the limit is 65536 bytes\"}}";
    // Answered early while the client is still sending: the answer must not be lost to a reset
    // when the server closes the connection, so try it often enough to catch that race.
    for (int i = 0; i < 20; i++) {
      assertJsonError(send(post("tools/call", big).header("Mcp-Name", "echo")), 413, error);
      HttpRequest.Builder chunked = post("tools/call", "").header("Mcp-Name", "echo")
          .POST(HttpRequest.BodyPublishers.ofInputStream(
              () -> new java.io.ByteArrayInputStream(big.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
      assertJsonError(send(chunked), 413, error);
    }
  }

  @Test
  void malformedJsonAndBatches() throws Exception {
    assertJsonError(send(post("tools/list", "{\"jsonrpc\":")), 400,
        "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32700,\"message\":\"Parse error: invalid JSON\"}}");
    assertJsonError(send(post("tools/list", "[" + request(15, "tools/list", "") + "]")), 400,
        "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32600,\"message\":\"Invalid request: batches are not supported\"}}");
  }

  @Test
  void foreignOriginAndHostAre403() throws Exception {
    assertJsonError(send(post("tools/list", request(16, "tools/list", "")).header("Origin", "http://evil.example.com")), 403,
        "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32600,\"message\":\"Forbidden: Origin not allowed\"}}");
    assertJsonError(send(post("tools/list", request(16, "tools/list", "")).header("Host", "evil.example.com")), 403,
        "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32600,\"message\":\"Forbidden: Host not allowed\"}}");
    String own = uri.getHost() + ":" + uri.getPort();
    assertEquals(200, send(post("tools/list", request(16, "tools/list", "")).header("Origin", "http://" + own).header("Host", own)).statusCode());
    assertEquals(200, send(post("tools/list", request(16, "tools/list", "")).header("Host", "localhost:" + uri.getPort())).statusCode());
  }

  @Test
  void loopbackHostsAndOriginsAreAcceptedByDefault() throws Exception {
    int port = uri.getPort();
    for (String host : List.of("localhost:" + port, "127.0.0.1:" + port, "[::1]:" + port, "LOCALHOST:" + port)) {
      HttpResponse<String> r = send(post("tools/list", request(17, "tools/list", "")).header("Host", host));
      assertEquals(200, r.statusCode(), host);
      assertEquals(17, json(r.body()).get("id").asInt(), host);
    }
    for (String origin : List.of("http://localhost:" + port, "https://127.0.0.1:" + port, "http://[::1]:" + port)) {
      assertEquals(200, send(post("tools/list", request(17, "tools/list", "")).header("Origin", origin)).statusCode(), origin);
    }
    for (String host : List.of("localhost.evil.example.com:" + port, "127.0.0.1.nip.io:" + port, "[::2]:" + port)) {
      assertJsonError(send(post("tools/list", request(17, "tools/list", "")).header("Host", host)), 403,
          "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32600,\"message\":\"Forbidden: Host not allowed\"}}");
    }
  }

  @Test
  void originAndHostAllowListsReplaceTheLoopbackDefaults() throws Exception {
    restart(fixture.server, options().toBuilder()
        .originPolicy(OriginPolicy.allowList("https://app.example.com"))
        .hostPolicy(HostPolicy.allowList("mcp.example.com", "mcp.example.com:443"))
        .build());
    String forbiddenOrigin = "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32600,\"message\":\"Forbidden: Origin not allowed\"}}";
    String forbiddenHost = "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32600,\"message\":\"Forbidden: Host not allowed\"}}";
    for (String host : List.of("mcp.example.com", "MCP.Example.com:443")) {
      assertEquals(200, send(post("tools/list", request(18, "tools/list", ""))
          .header("Host", host).header("Origin", "https://APP.example.com")).statusCode(), host);
    }
    assertEquals(200, send(post("tools/list", request(18, "tools/list", "")).header("Host", "mcp.example.com")).statusCode(),
        "no Origin: not a browser, allowed");
    assertJsonError(send(post("tools/list", request(18, "tools/list", ""))
        .header("Host", "mcp.example.com").header("Origin", "http://localhost:" + uri.getPort())), 403, forbiddenOrigin);
    assertJsonError(send(post("tools/list", request(18, "tools/list", ""))
        .header("Host", "mcp.example.com").header("Origin", "https://app.example.com:8443")), 403, forbiddenOrigin);
    assertJsonError(send(post("tools/list", request(18, "tools/list", "")).header("Host", "localhost:" + uri.getPort())), 403, forbiddenHost);
    assertJsonError(send(post("tools/list", request(18, "tools/list", "")).header("Host", "mcp.example.com:8080")), 403, forbiddenHost);
  }

  @Test
  void originPredicateSeesTheHeaderAndDecides() throws Exception {
    List<String> seen = new CopyOnWriteArrayList<>();
    restart(fixture.server, options().toBuilder()
        .originPolicy(OriginPolicy.predicate(origin -> seen.add(origin) && origin.endsWith(".trusted.example")))
        .build());
    assertEquals(200, send(post("tools/list", request(19, "tools/list", "")).header("Origin", "https://a.trusted.example")).statusCode());
    assertJsonError(send(post("tools/list", request(19, "tools/list", "")).header("Origin", "https://trusted.example.evil.com")), 403,
        "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32600,\"message\":\"Forbidden: Origin not allowed\"}}");
    assertEquals(200, send(post("tools/list", request(19, "tools/list", ""))).statusCode());
    assertEquals(List.of("https://a.trusted.example", "https://trusted.example.evil.com"), seen,
        "asked once per Origin header; not asked without one");
  }

  @Test
  void alwaysSseAnswersEveryRequestAsAStream() throws Exception {
    restart(fixture.server, options().toBuilder().responseMode(HttpEndpointOptions.ResponseMode.ALWAYS_SSE).build());
    HttpResponse<InputStream> r =
        http.send(post("tools/call", request(20, "tools/call", "\"name\":\"echo\",\"arguments\":{\"text\":\"hi\"}"))
                .header("Mcp-Name", "echo").build(),
            HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(200, r.statusCode());
    assertEquals(Optional.of("text/event-stream"), r.headers().firstValue("Content-Type"));
    assertEquals(Optional.of("no-cache, no-transform"), r.headers().firstValue("Cache-Control"));
    try (SseReader sse = new SseReader(r.body())) {
      assertEquals(
          json("{\"jsonrpc\":\"2.0\",\"id\":20,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"hi\"}],"
              + "\"resultType\":\"complete\"," + SERVER_INFO + "}}"),
          json(sse.nextEvent(10)));
      assertEquals(SseReader.EOF, sse.nextEvent(10));
    }
    HttpResponse<String> note =
        send(post("notifications/cancelled", "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":9}}"));
    assertEquals(202, note.statusCode(), "a notification still gets 202 and no stream");
    assertEquals("", note.body());
  }

  @Test
  void alwaysJsonAnswersWithJsonAndDropsEarlierNotifications() throws Exception {
    restart(fixture.server, options().toBuilder().responseMode(HttpEndpointOptions.ResponseMode.ALWAYS_JSON).build());
    HttpResponse<String> r = send(post("tools/call",
            "{\"jsonrpc\":\"2.0\",\"id\":21,\"method\":\"tools/call\",\"params\":{\"name\":\"progress\","
                + "\"_meta\":{\"progressToken\":\"p\",\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
                + "\"io.modelcontextprotocol/clientCapabilities\":{}}}}")
        .header("Mcp-Name", "progress"));
    assertEquals(200, r.statusCode());
    assertEquals(Optional.of("application/json"), r.headers().firstValue("Content-Type"));
    assertEquals(
        json("{\"jsonrpc\":\"2.0\",\"id\":21,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"progressed\"}],"
            + "\"resultType\":\"complete\"," + SERVER_INFO + "}}"),
        json(r.body()));
  }

  @Test
  void serverWideCallCapIsAnsweredWithAClearError() throws Exception {
    CountDownLatch holding = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    McpServer capped = McpServer.builder(Implementation.of("contract", "1.0.0"))
        .maxConcurrentRequests(1)
        .tool(ToolSpec.of(Tool.builder("hold", Map.of("type", "object")).description("hold").build(),
            (ctx, args) -> {
              holding.countDown();
              release.await();
              return CallToolResult.text("released");
            }))
        .build();
    restart(capped, options());
    String hold = request(22, "tools/call", "\"name\":\"hold\"");
    CompletableFuture<HttpResponse<String>> first =
        http.sendAsync(post("tools/call", hold).header("Mcp-Name", "hold").build(), HttpResponse.BodyHandlers.ofString());
    try {
      assertTrue(holding.await(10, TimeUnit.SECONDS));
      HttpResponse<String> busy = send(post("tools/call", request(23, "tools/call", "\"name\":\"hold\"")).header("Mcp-Name", "hold"));
      assertEquals(200, busy.statusCode(), busy::body);
      assertEquals(Optional.of("application/json"), busy.headers().firstValue("Content-Type"));
      assertEquals(json("{\"jsonrpc\":\"2.0\",\"id\":23,\"error\":{\"code\":-32603,\"message\":\"Server busy, retry later\"}}"),
          json(busy.body()));
    } finally {
      release.countDown();
    }
    HttpResponse<String> done = first.get(20, TimeUnit.SECONDS);
    assertEquals(200, done.statusCode());
    assertEquals("released", json(lastJson(done)).get("result").get("content").get(0).get("text").asText());
    assertEquals("released", json(lastJson(send(post("tools/call", hold).header("Mcp-Name", "hold"))))
        .get("result").get("content").get(0).get("text").asText(), "the slot is free again");
  }

  /** The JSON of a response body that may be SSE (the last data line) or plain JSON. */
  private static String lastJson(HttpResponse<String> r) {
    if (r.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream")) {
      String last = null;
      for (String line : r.body().split("\n")) {
        if (line.startsWith("data:")) {
          last = line.substring(5).trim();
        }
      }
      return last;
    }
    return r.body();
  }

  @Test
  void unadvertisedCapabilityIs404() throws Exception {
    // the fixture registers tools and resources, no prompts and no completion
    assertJsonError(send(post("prompts/list", request(24, "prompts/list", ""))), 404,
        "{\"jsonrpc\":\"2.0\",\"id\":24,\"error\":{\"code\":-32601,\"message\":\"Method not found: prompts/list\"}}");
    assertJsonError(send(post("prompts/get", request(25, "prompts/get", "\"name\":\"p\"")).header("Mcp-Name", "p")), 404,
        "{\"jsonrpc\":\"2.0\",\"id\":25,\"error\":{\"code\":-32601,\"message\":\"Method not found: prompts/get\"}}");
    assertJsonError(send(post("completion/complete", request(26, "completion/complete",
            "\"ref\":{\"type\":\"ref/prompt\",\"name\":\"p\"},\"argument\":{\"name\":\"a\",\"value\":\"\"}"))), 404,
        "{\"jsonrpc\":\"2.0\",\"id\":26,\"error\":{\"code\":-32601,\"message\":\"Method not found: completion/complete\"}}");
  }

  @Test
  void modernOnlyServerAnswersGetAndDeleteWith405() throws Exception {
    restart(McpServer.builder(Implementation.of("contract", "1.0.0")).protocolVersions(ProtocolVersion.V2026_07_28)
        .tool(ToolSpec.of(Tool.builder("echo", Map.of("type", "object")).description("echo").build(),
            (ctx, args) -> CallToolResult.text("ok")))
        .build(), options());
    String notAllowed = "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32600,\"message\":\"Method not allowed\"}}";
    List<HttpRequest.Builder> requests = List.of(
        HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").GET(),
        HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").header("Mcp-Session-Id", "s-1").GET(),
        HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").header("Mcp-Session-Id", "s-1")
            .header("Last-Event-ID", "s-1~1.1").GET(),
        HttpRequest.newBuilder(uri).DELETE(),
        HttpRequest.newBuilder(uri).header("Mcp-Session-Id", "s-1").DELETE());
    for (HttpRequest.Builder b : requests) {
      HttpResponse<String> r = send(b);
      assertJsonError(r, 405, notAllowed);
      assertEquals(Optional.of("POST"), r.headers().firstValue("Allow"), "only POST is served");
    }
    // a 2025-era client's initialize (no MCP-Protocol-Version header, no _meta) is told what is served
    HttpRequest.Builder initialize = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
        .header("Accept", "application/json, text/event-stream")
        .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"c\",\"version\":\"1\"}}}"));
    HttpResponse<String> refused = send(initialize);
    assertJsonError(refused, 400,
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32022,\"message\":\"Unsupported protocol version\","
            + "\"data\":{\"supported\":[\"2026-07-28\"],\"requested\":\"2025-11-25\"}}}");
    assertFalse(refused.headers().firstValue("Mcp-Session-Id").isPresent(), "no session is minted");
    HttpResponse<String> ok = send(post("tools/list", request(27, "tools/list", "")).header("Mcp-Session-Id", "s-1"));
    assertEquals(200, ok.statusCode(), "a stray session id is ignored");
    assertFalse(ok.headers().firstValue("Mcp-Session-Id").isPresent());
  }

  // ------------------------------------------------------------------ legacy era on the same endpoint

  private HttpRequest.Builder legacyPost(String body, String session) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20))
        .header("Content-Type", "application/json")
        .header("Accept", "application/json, text/event-stream")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (session != null) {
      b.header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-11-25");
    }
    return b;
  }

  private String initializeLegacy(String capabilities) throws Exception {
    HttpResponse<String> init = send(legacyPost(
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\","
            + "\"capabilities\":" + capabilities + ",\"clientInfo\":{\"name\":\"c\",\"version\":\"1\"}}}", null));
    assertEquals(200, init.statusCode());
    String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
    assertEquals(202, send(legacyPost("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", session)).statusCode());
    return session;
  }

  @Test
  void legacyElicitationTravelsAsARealRequestOnThePostStream() throws Exception {
    String session = initializeLegacy("{\"elicitation\":{}}");
    HttpResponse<InputStream> call =
        http.send(
            legacyPost("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"ask\"}}", session).build(),
            HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(200, call.statusCode());
    assertEquals(Optional.of("text/event-stream"), call.headers().firstValue("Content-Type"));
    try (SseReader sse = new SseReader(call.body())) {
      JsonNode ask = json(sse.nextEvent(10));
      assertEquals("elicitation/create", ask.get("method").asText());
      assertEquals("Name?", ask.get("params").get("message").asText());
      HttpResponse<String> answer =
          send(legacyPost(
              "{\"jsonrpc\":\"2.0\",\"id\":" + ask.get("id") + ",\"result\":{\"action\":\"accept\",\"content\":{\"name\":\"Bo\"}}}",
              session));
      assertEquals(202, answer.statusCode());
      assertEquals(
          json("{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"Hi Bo\"}]}}"),
          json(sse.nextEvent(10)));
    }
  }

  @Test
  void legacyGetStreamCarriesSessionNotificationsAndIsExclusive() throws Exception {
    String session = initializeLegacy("{}");
    HttpResponse<InputStream> get =
        http.send(
            HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").header("Mcp-Session-Id", session).GET().build(),
            HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(200, get.statusCode());
    assertEquals(Optional.of("text/event-stream"), get.headers().firstValue("Content-Type"));
    try (SseReader sse = new SseReader(get.body())) {
      assertEquals(":", sse.next(5));
      assertJsonError(
          send(HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").header("Mcp-Session-Id", session).GET()),
          409,
          "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32600,\"message\":\"Conflict: this session already has an open GET stream\"}}");
      fixture.server.removeTool("touch");
      assertEquals(
          json("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/tools/list_changed\"}"),
          json(sse.nextEvent(5)));
      assertEquals(200, send(HttpRequest.newBuilder(uri).header("Mcp-Session-Id", session).DELETE()).statusCode());
      assertEquals("retry:3000", sse.nextEvent(5), "DELETE tells the client when to come back");
      assertEquals(SseReader.EOF, sse.nextEvent(5), "and ends the session's GET stream");
    }
  }

  @Test
  void legacyStreamResumesAfterAKilledConnectionExactlyOnce() throws Exception {
    String session = initializeLegacy("{}");
    HttpResponse<InputStream> call =
        http.send(
            legacyPost("{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/call\",\"params\":{\"name\":\"stepper\","
                    + "\"_meta\":{\"progressToken\":\"s\"}}}", session).build(),
            HttpResponse.BodyHandlers.ofInputStream());
    String resumeFrom;
    try (SseReader sse = new SseReader(call.body())) {
      assertTrue(sse.next(10).startsWith("id:"), "2025-11-25 streams start with a priming event");
      assertEquals("first", json(sse.nextEvent(10)).get("params").get("message").asText());
      resumeFrom = sse.lastEventId();
    } // the connection dies here; the call goes on (legacy: a disconnect is not a cancellation)
    fixture.stepperGo.countDown();
    // wait for the call to finish server-side: its answer lands in the event store
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (endpoint.activeRequests() > 0 && System.nanoTime() < deadline) {
      java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10)); // polling deadline
    }
    HttpResponse<InputStream> resumed =
        http.send(
            HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").header("Mcp-Session-Id", session)
                .header("Last-Event-ID", resumeFrom).GET().build(),
            HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(200, resumed.statusCode());
    try (SseReader sse = new SseReader(resumed.body())) {
      assertEquals("second", json(sse.nextEvent(10)).get("params").get("message").asText());
      assertEquals(
          json("{\"jsonrpc\":\"2.0\",\"id\":9,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"stepped\"}]}}"),
          json(sse.nextEvent(10)));
      assertEquals(SseReader.EOF, sse.nextEvent(10));
    }
    assertJsonError(
        send(HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").header("Mcp-Session-Id", session)
            .header("Last-Event-ID", "someone-else~1.1").GET()),
        400,
        "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32600,\"message\":\"Bad request: unknown Last-Event-ID\"}}");
  }

  @Test
  void legacySsePollingServerClosesWithRetryAndTheClientResumes() throws Exception {
    String session = initializeLegacy("{}");
    HttpResponse<InputStream> call =
        http.send(
            legacyPost("{\"jsonrpc\":\"2.0\",\"id\":11,\"method\":\"tools/call\",\"params\":{\"name\":\"reconnect\"}}", session)
                .setHeader("Accept", "text/event-stream, application/json").build(),
            HttpResponse.BodyHandlers.ofInputStream());
    String priming;
    try (SseReader sse = new SseReader(call.body())) {
      String first = sse.next(10);
      assertTrue(first.startsWith("id:"), first);
      priming = first.substring(3);
      assertEquals("retry:3000", sse.nextEvent(10));
      assertEquals(SseReader.EOF, sse.nextEvent(10));
    }
    HttpResponse<InputStream> resumed =
        http.send(
            HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").header("Mcp-Session-Id", session)
                .header("Last-Event-ID", priming).GET().build(),
            HttpResponse.BodyHandlers.ofInputStream());
    try (SseReader sse = new SseReader(resumed.body())) {
      assertEquals(
          json("{\"jsonrpc\":\"2.0\",\"id\":11,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"after reconnect\"}]}}"),
          json(sse.nextEvent(10)));
      assertEquals(SseReader.EOF, sse.nextEvent(10));
    }
  }

  @Test
  void legacySessionLifecycle() throws Exception {
    HttpResponse<String> init = send(legacyPost(
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\","
            + "\"capabilities\":{},\"clientInfo\":{\"name\":\"c\",\"version\":\"1\"}}}", null));
    assertEquals(200, init.statusCode());
    String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
    assertTrue(session.chars().allMatch(c -> c >= 0x21 && c <= 0x7e));
    assertEquals("2025-11-25", json(init.body()).get("result").get("protocolVersion").asText());
    assertEquals(202, send(legacyPost("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", session)).statusCode());
    HttpResponse<String> list = send(legacyPost("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}", session));
    assertEquals(200, list.statusCode());
    assertFalse(json(list.body()).get("result").has("resultType"));
    assertJsonError(send(legacyPost("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/list\"}", "no-such-session")), 404,
        "{\"jsonrpc\":\"2.0\",\"id\":3,\"error\":{\"code\":-32600,\"message\":\"Session not found\"}}");
    assertJsonError(send(legacyPost("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/list\"}", null)), 400,
        "{\"jsonrpc\":\"2.0\",\"id\":4,\"error\":{\"code\":-32600,\"message\":\"Bad request: Mcp-Session-Id header is required\"}}");
    assertEquals(200, send(HttpRequest.newBuilder(uri).header("Mcp-Session-Id", session).DELETE()).statusCode());
    assertEquals(404, send(legacyPost("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/list\"}", session)).statusCode());
  }
}
