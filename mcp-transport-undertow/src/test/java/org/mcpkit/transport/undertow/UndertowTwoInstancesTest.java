package org.mcpkit.transport.undertow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mcpkit.protocol.CallToolResult;
import org.mcpkit.protocol.ElicitRequest;
import org.mcpkit.protocol.ElicitResult;
import org.mcpkit.protocol.Implementation;
import org.mcpkit.protocol.Tool;
import org.mcpkit.server.McpServer;
import org.mcpkit.server.ToolSpec;
import org.mcpkit.server.http.EventStore;
import org.mcpkit.server.http.HttpEndpointOptions;
import org.mcpkit.server.http.SessionBus;
import org.mcpkit.server.http.SessionStore;
import org.mcpkit.testing.SseReader;

/**
 * Two Undertow servers on loopback sharing a session store, an event store and a session bus, as
 * two instances behind a load balancer without affinity: a 2025-era client that talks to both gets
 * its elicitation answered, its GET stream limited to one and its session ended everywhere.
 */
class UndertowTwoInstancesTest {
  private static final ObjectMapper M = new ObjectMapper();
  private final SessionStore store = SessionStore.inMemory();
  private final SessionBus bus = SessionBus.inMemory();
  private final HttpClient http = HttpClient.newHttpClient();
  private McpServer mcpA;
  private McpServer mcpB;
  private UndertowMcpServer a;
  private UndertowMcpServer b;

  private static McpServer server() {
    return McpServer.builder(Implementation.of("twins", "1"))
        .tool(ToolSpec.of(Tool.builder("ask", Map.of("type", "object")).description("ask").build(), (ctx, args) -> {
          ElicitResult answer = ctx.elicit("name", ElicitRequest.form("Name?",
              Map.of("type", "object", "properties", Map.of("name", Map.of("type", "string")))));
          return CallToolResult.text("Hi " + answer.content().get("name"));
        }))
        .build();
  }

  private void start() {
    HttpEndpointOptions options = HttpEndpointOptions.builder()
        .sessionStore(store).eventStore(EventStore.inMemory(1000, Duration.ofMinutes(10))).sessionBus(bus).build();
    mcpA = server();
    mcpB = server();
    a = UndertowMcpServer.builder(mcpA).host("127.0.0.1").port(0).options(options).shutdownHook(false).build().start();
    b = UndertowMcpServer.builder(mcpB).host("127.0.0.1").port(0).options(options).shutdownHook(false).build().start();
  }

  @AfterEach
  void stop() {
    a.close();
    b.close();
    mcpA.close();
    mcpB.close();
  }

  private static HttpRequest.Builder post(UndertowMcpServer to, String body, String session) {
    HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(to.url())).timeout(Duration.ofSeconds(20))
        .header("Content-Type", "application/json")
        .header("Accept", "application/json, text/event-stream")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (session != null) {
      r.header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-11-25");
    }
    return r;
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest get(UndertowMcpServer to, String session) {
    return HttpRequest.newBuilder(URI.create(to.url())).header("Accept", "text/event-stream")
        .header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-11-25").GET().build();
  }

  private String session() throws Exception {
    HttpResponse<String> init = send(post(a, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
        + "\"protocolVersion\":\"2025-11-25\",\"capabilities\":{\"elicitation\":{}},\"clientInfo\":{\"name\":\"c\",\"version\":\"1\"}}}", null));
    assertEquals(200, init.statusCode(), init.body());
    String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
    assertEquals(202, send(post(b, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", session)).statusCode());
    return session;
  }

  @Test
  void aClientSpreadOverTwoInstancesIsServedAsByOne() throws Exception {
    start();
    String session = session();
    HttpResponse<InputStream> call = http.send(
        post(a, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"ask\"}}", session).build(),
        HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(200, call.statusCode());
    try (SseReader events = new SseReader(call.body())) {
      JsonNode ask = M.readTree(events.nextEvent(10));
      assertEquals("elicitation/create", ask.get("method").asText());
      HttpResponse<String> answered = send(post(b, "{\"jsonrpc\":\"2.0\",\"id\":\"" + ask.get("id").asText()
          + "\",\"result\":{\"action\":\"accept\",\"content\":{\"name\":\"Ada\"}}}", session));
      assertEquals(202, answered.statusCode());
      assertEquals(M.readTree("{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"Hi Ada\"}]}}"),
          M.readTree(events.nextEvent(10)));
    }

    HttpResponse<InputStream> stream = http.send(get(a, session), HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(200, stream.statusCode());
    try (SseReader events = new SseReader(stream.body())) {
      assertEquals(":", events.next(5));
      HttpResponse<String> second = http.send(get(b, session), HttpResponse.BodyHandlers.ofString());
      assertEquals(409, second.statusCode());
      assertEquals(M.readTree("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32600,"
          + "\"message\":\"Conflict: this session already has an open GET stream\"}}"), M.readTree(second.body()));

      HttpResponse<String> deleted = http.send(HttpRequest.newBuilder(URI.create(b.url()))
          .header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-11-25").DELETE().build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, deleted.statusCode());
      assertEquals("retry:3000", events.nextEvent(5), "A ends the stream when B ends the session");
      assertEquals(SseReader.EOF, events.nextEvent(5));
    }
    HttpResponse<String> gone = send(post(a, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/list\"}", session));
    assertEquals(404, gone.statusCode());
    assertTrue(store.find(session).isEmpty());
  }
}
