package org.mcpkit.spring.boot.test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A small real-HTTP client for the tests: JSON-RPC posts of both eras, plain GETs. */
final class McpHttp {
  static final ObjectMapper MAPPER = new ObjectMapper();
  static final String META =
      "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
          + "\"io.modelcontextprotocol/clientCapabilities\":{}}";

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI base;

  McpHttp(int port) {
    this.base = URI.create("http://127.0.0.1:" + port);
  }

  URI uri(String path) {
    return base.resolve(path);
  }

  /** A 2026-07-28 (stateless) request. */
  HttpResponse<String> modern(String method, String name, String body) throws IOException, InterruptedException {
    HttpRequest.Builder b = post(body).header("MCP-Protocol-Version", "2026-07-28").header("Mcp-Method", method);
    if (name != null) {
      b.header("Mcp-Name", name);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A 2025-era request, in a session when {@code sessionId} is not null. */
  HttpResponse<String> legacy(String sessionId, String body) throws IOException, InterruptedException {
    HttpRequest.Builder b = post(body);
    if (sessionId != null) {
      b.header("Mcp-Session-Id", sessionId).header("MCP-Protocol-Version", "2025-11-25");
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpRequest.Builder post(String body) {
    return HttpRequest.newBuilder(uri("/mcp"))
        .timeout(Duration.ofSeconds(20))
        .header("Content-Type", "application/json")
        .header("Accept", "application/json, text/event-stream")
        .POST(HttpRequest.BodyPublishers.ofString(body));
  }

  static String call(int id, String tool, String arguments) {
    return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
        + "\",\"arguments\":" + arguments + "," + META + "}}";
  }

  static JsonNode json(String text) throws IOException {
    return MAPPER.readTree(text);
  }
}
