package org.mcpkit.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mcpkit.server.http.McpHeaders;
import org.mcpkit.server.http.McpHttpEndpoint;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@code tools/call} answered as a Server-Sent Events stream, measured through {@link
 * McpHttpEndpoint#service} with an in-memory exchange; the tools are {@link BenchServer}'s
 * ({@code echo}, and {@code echo_progress}, which sends 3 progress notifications first), run
 * inline:
 *
 * <ul>
 *   <li>{@link #resultOnly}: a 2026-07-28 call of {@code echo} from a client whose Accept header
 *       prefers {@code text/event-stream}: one SSE event, the result.
 *   <li>{@link #threeProgress}: a 2026-07-28 call of {@code echo_progress}; the first progress
 *       notification switches the response to SSE: 3 progress events and the result, without
 *       event ids. The difference to {@code resultOnly}, divided by 3, is the cost of one
 *       notification event (encoding, SSE framing, the stream's single-writer queue, the write).
 *   <li>{@link #threeProgressWithIds}: the same call in a 2025-11-25 session: every event is
 *       stored in the event store for resumption and carries its event id, after a priming event.
 * </ul>
 */
@State(Scope.Benchmark)
public class SseResponseBenchmark extends EndpointBenchmark {
  private static final String META =
      "\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
          + "\"io.modelcontextprotocol/clientCapabilities\":{}";

  private String sessionId;

  /** Each benchmark thread's own reused exchanges. */
  @State(Scope.Thread)
  public static class Client {
    RepeatedRequest resultOnly;
    RepeatedRequest threeProgress;
    RepeatedRequest threeProgressWithIds;

    @Setup(Level.Trial)
    public void setUp(SseResponseBenchmark bench) {
      resultOnly =
          new RepeatedRequest(
              modern("echo", "text/event-stream, application/json"),
              body("echo", "\"_meta\":{" + META + "}"));
      threeProgress =
          new RepeatedRequest(
              modern("echo_progress", "application/json, text/event-stream"),
              body("echo_progress", "\"_meta\":{\"progressToken\":\"p\"," + META + "}"));
      Map<String, String> legacy = base("application/json, text/event-stream");
      legacy.put(McpHeaders.PROTOCOL_VERSION, "2025-11-25");
      legacy.put(McpHeaders.SESSION_ID, bench.sessionId);
      threeProgressWithIds =
          new RepeatedRequest(legacy, body("echo_progress", "\"_meta\":{\"progressToken\":\"p\"}"));
    }
  }

  private static Map<String, String> base(String accept) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Host", "127.0.0.1:8080");
    h.put("Content-Type", "application/json");
    h.put("Accept", accept);
    return h;
  }

  private static Map<String, String> modern(String tool, String accept) {
    Map<String, String> h = base(accept);
    h.put(McpHeaders.PROTOCOL_VERSION, "2026-07-28");
    h.put(McpHeaders.METHOD, "tools/call");
    h.put(McpHeaders.NAME, tool);
    return h;
  }

  private static byte[] body(String tool, String meta) {
    return ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
            + "\",\"arguments\":{\"text\":\"hello\"}," + meta + "}}")
        .getBytes(StandardCharsets.UTF_8);
  }

  @Setup(Level.Trial)
  public void setUp() {
    server = BenchServer.builder().executor(Runnable::run).build();
    endpoint = McpHttpEndpoint.create(server, BenchServer.options());
    RepeatedRequest initialize =
        new RepeatedRequest(
            base("application/json, text/event-stream"),
            ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                    + "\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"jmh\",\"version\":\"1\"}}}")
                .getBytes(StandardCharsets.UTF_8));
    initialize.check(endpoint, 200, "", "\"protocolVersion\":\"2025-11-25\"");
    List<String> id = initialize.responseHeaders().get(McpHeaders.SESSION_ID);
    if (id == null || id.isEmpty()) {
      throw new IllegalStateException("initialize gave no session id: " + initialize.responseHeaders());
    }
    sessionId = id.get(0);
    Map<String, String> headers = base("application/json, text/event-stream");
    headers.put(McpHeaders.PROTOCOL_VERSION, "2025-11-25");
    headers.put(McpHeaders.SESSION_ID, sessionId);
    new RepeatedRequest(
            headers,
            "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}".getBytes(StandardCharsets.UTF_8))
        .check(endpoint, 202, "");
    // Each input must produce the stream its figure claims.
    Client check = new Client();
    check.setUp(this);
    check.resultOnly.check(endpoint, 200, "text/event-stream", "event: message", "\"text\":\"hello\"");
    String progress =
        check.threeProgress.check(endpoint, 200, "text/event-stream", "\"text\":\"hello\"");
    String stored =
        check.threeProgressWithIds.check(endpoint, 200, "text/event-stream", "\"text\":\"hello\"", "id: ");
    if (count(progress, "notifications/progress") != 3 || count(stored, "notifications/progress") != 3
        || progress.contains("id: ")) {
      throw new IllegalStateException("unexpected streams:\n" + progress + "\n" + stored);
    }
  }

  private static int count(String haystack, String needle) {
    int n = 0;
    for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }

  /** A call answered by an SSE stream holding only the result. */
  @Benchmark
  public int resultOnly(Client client) {
    return client.resultOnly.serve(endpoint);
  }

  /** A call answered by an SSE stream of 3 progress notifications and the result. */
  @Benchmark
  public int threeProgress(Client client) {
    return client.threeProgress.serve(endpoint);
  }

  /** The same in a 2025-11-25 session: stored events with ids. */
  @Benchmark
  public int threeProgressWithIds(Client client) {
    return client.threeProgressWithIds.serve(endpoint);
  }
}
