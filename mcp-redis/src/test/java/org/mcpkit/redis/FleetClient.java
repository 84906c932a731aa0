package org.mcpkit.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Raw HTTP to a {@link HaproxyFleet} through HAProxy: 2025-11-25 session requests, 2026-07-28
 * stateless requests, SSE streams, and {@link #nextIs} to line round robin up so that the next
 * request goes to a given instance (probing {@code /healthz} through the balancer, whose answers
 * name the instance that served them).
 */
final class FleetClient {
  static final ObjectMapper M = new ObjectMapper();
  private static final String META_2026 = "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
      + "\"io.modelcontextprotocol/clientCapabilities\":{\"elicitation\":{}}}";
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final HaproxyFleet fleet;

  FleetClient(HaproxyFleet fleet) {
    this.fleet = fleet;
  }

  /** The instance HAProxy says served {@code response}. */
  static String servedBy(HttpResponse<?> response) {
    return response.headers().firstValue(HaproxyFleet.SERVED_BY).orElse("(none)");
  }

  /** A POST through the balancer; with a session, its id and the 2025-11-25 version header. */
  HttpRequest.Builder post(String body, String session) {
    HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(fleet.url())).timeout(Duration.ofSeconds(20))
        .header("Content-Type", "application/json")
        .header("Accept", "application/json, text/event-stream")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (session != null) {
      r.header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-11-25");
    }
    return r;
  }

  /** A 2026-07-28 request through the balancer: {@code params} (JSON members, may be empty) plus the meta. */
  HttpRequest.Builder modern(int id, String method, String name, String params) {
    String body = "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":{"
        + (params.isEmpty() ? "" : params + ",") + META_2026 + "}}";
    HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(fleet.url())).timeout(Duration.ofSeconds(20))
        .header("Content-Type", "application/json")
        .header("Accept", "application/json, text/event-stream")
        .header("MCP-Protocol-Version", "2026-07-28").header("Mcp-Method", method)
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (name != null) {
      r.header("Mcp-Name", name);
    }
    return r;
  }

  /** A 2026-07-28 {@code tools/call} of {@code tool} with {@code arguments} (a JSON object). */
  HttpRequest.Builder modernCall(int id, String tool, String arguments) {
    return modern(id, "tools/call", tool, "\"name\":\"" + tool + "\",\"arguments\":" + arguments);
  }

  /** The session's GET stream request (or a resumption, with {@code lastEventId}). */
  HttpRequest.Builder get(String session, String lastEventId) {
    HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(fleet.url())).header("Accept", "text/event-stream")
        .header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-11-25").GET();
    if (lastEventId != null) {
      r.header("Last-Event-ID", lastEventId);
    }
    return r;
  }

  /** DELETE of the session. */
  HttpRequest.Builder delete(String session) {
    return HttpRequest.newBuilder(URI.create(fleet.url())).timeout(Duration.ofSeconds(20))
        .header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-11-25").DELETE();
  }

  HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<InputStream> stream(HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
  }

  /** GET {@code url} (a probe), answering the status, or -1 when nothing answered. */
  int probe(String url) {
    try {
      return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build(),
          HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (Exception e) {
      return -1;
    }
  }

  /**
   * Lines round robin up so that the next request through the balancer goes to {@code instance}:
   * with two instances served in turn, the request after one served by the other goes to it.
   */
  void nextIs(String instance) throws Exception {
    for (int i = 0; i < 3; i++) {
      HttpResponse<Void> probe = http.send(HttpRequest.newBuilder(URI.create(fleet.url().replace("/mcp", "/healthz")))
          .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.discarding());
      assertEquals(200, probe.statusCode());
      if (!servedBy(probe).equals(instance)) {
        return;
      }
    }
    throw new AssertionError("round robin never left " + instance);
  }

  /** A 2025-11-25 session initialized through the balancer; answers its id and who initialized it. */
  String[] session(String capabilities) throws Exception {
    HttpResponse<String> init = send(post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
        + "\"protocolVersion\":\"2025-11-25\",\"capabilities\":" + capabilities
        + ",\"clientInfo\":{\"name\":\"c\",\"version\":\"1\"}}}", null));
    assertEquals(200, init.statusCode(), () -> init.body() + fleet.log("haproxy"));
    String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
    HttpResponse<String> initialized = send(post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", session));
    assertEquals(202, initialized.statusCode(), initialized.body());
    return new String[] {session, servedBy(init)};
  }

  /** A 2025-11-25 {@code tools/call} body. */
  static String call(int id, String tool, String arguments) {
    return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
        + "\",\"arguments\":" + arguments + "}}";
  }

  /** The JSON of a 2025-11-25 text result. */
  static JsonNode textResult(int id, String text) throws Exception {
    return M.readTree("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":{\"content\":[{\"type\":\"text\",\"text\":\""
        + text + "\"}]}}");
  }

  /** The JSON of a 2026-07-28 complete text result from the fleet's server. */
  static JsonNode modernTextResult(int id, String text) throws Exception {
    return M.readTree("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"" + text
        + "\"}],\"resultType\":\"complete\",\"_meta\":{\"io.modelcontextprotocol/serverInfo\":{\"name\":\"redis-fleet\",\"version\":\"1\"}}}}");
  }
}
