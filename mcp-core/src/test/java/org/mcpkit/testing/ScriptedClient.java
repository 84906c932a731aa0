package org.mcpkit.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A plain HTTP client for scripted runs against a real server (or an endpoint in memory): {@code
 * tools/call} as a 2026-07-28 client (headers and {@code _meta}) or inside a 2025-era session, with
 * JSON answers read as trees (an SSE answer's last message). Not thread-safe.
 */
public final class ScriptedClient {
  private static final ObjectMapper M = new ObjectMapper();
  private final HttpClient http;
  private final URI mcp;
  private final AtomicLong ids = new AtomicLong();

  /** A client of the endpoint at {@code mcp} over the JDK's HTTP client. */
  public ScriptedClient(URI mcp) {
    this(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build(), mcp);
  }

  /** A client sending through {@code http} (e.g. an {@link InMemoryHttpClient}). */
  public ScriptedClient(HttpClient http, URI mcp) {
    this.http = http;
    this.mcp = mcp;
  }

  private HttpRequest.Builder post(String body) {
    return HttpRequest.newBuilder(mcp).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json")
        .header("Accept", "application/json, text/event-stream")
        .POST(HttpRequest.BodyPublishers.ofString(body));
  }

  private static String json(Object value) {
    try {
      return M.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sends one POST and returns its JSON-RPC answer (the last message of an SSE answer); null for 202. */
  public JsonNode send(HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() == 202) {
      return null;
    }
    String body = r.body();
    if (r.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream")) {
      String last = null;
      for (String line : body.split("\n")) {
        if (line.startsWith("data: ") && line.length() > 6) {
          last = line.substring(6);
        }
      }
      body = last;
    }
    return M.readTree(body);
  }

  /** A 2026-07-28 {@code tools/call} of {@code tool}; {@code extraMeta} joins its {@code _meta}. */
  public JsonNode modernCall(String tool, Map<String, Object> arguments, Map<String, Object> extraMeta)
      throws IOException, InterruptedException {
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("io.modelcontextprotocol/protocolVersion", "2026-07-28");
    meta.put("io.modelcontextprotocol/clientCapabilities", Map.of());
    meta.putAll(extraMeta);
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("name", tool);
    params.put("arguments", arguments);
    params.put("_meta", meta);
    String body = json(Map.of("jsonrpc", "2.0", "id", ids.incrementAndGet(), "method", "tools/call", "params", params));
    return send(post(body).header("MCP-Protocol-Version", "2026-07-28")
        .header("Mcp-Method", "tools/call").header("Mcp-Name", tool).build());
  }

  /** A 2026-07-28 {@code tools/call} without arguments or extra {@code _meta}. */
  public JsonNode modernCall(String tool) throws IOException, InterruptedException {
    return modernCall(tool, Map.of(), Map.of());
  }

  /** Opens a 2025-era session ({@code initialize}, then {@code notifications/initialized}); returns its id. */
  public String initialize(String version) throws IOException, InterruptedException {
    String init = json(Map.of("jsonrpc", "2.0", "id", ids.incrementAndGet(), "method", "initialize", "params",
        Map.of("protocolVersion", version, "capabilities", Map.of(), "clientInfo", Map.of("name", "scripted", "version", "1"))));
    HttpResponse<String> r = http.send(post(init).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IOException("initialize answered " + r.statusCode() + ": " + r.body());
    }
    String session = r.headers().firstValue("Mcp-Session-Id").orElseThrow();
    send(post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}")
        .header("Mcp-Session-Id", session).header("MCP-Protocol-Version", version).build());
    return session;
  }

  /** A {@code tools/call} of {@code tool} in a 2025-era session; {@code meta} is its {@code _meta} (may be empty). */
  public JsonNode sessionCall(String session, String version, String tool, Map<String, Object> meta)
      throws IOException, InterruptedException {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("name", tool);
    params.put("arguments", Map.of());
    if (!meta.isEmpty()) {
      params.put("_meta", meta);
    }
    String body = json(Map.of("jsonrpc", "2.0", "id", ids.incrementAndGet(), "method", "tools/call", "params", params));
    return send(post(body).header("Mcp-Session-Id", session).header("MCP-Protocol-Version", version).build());
  }

  /** Ends a 2025-era session; returns the status. */
  public int delete(String session) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(mcp).timeout(Duration.ofSeconds(30)).header("Mcp-Session-Id", session)
        .DELETE().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
