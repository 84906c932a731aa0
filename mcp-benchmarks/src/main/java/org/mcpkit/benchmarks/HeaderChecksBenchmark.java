package org.mcpkit.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.mcpkit.protocol.CallToolResult;
import org.mcpkit.protocol.Implementation;
import org.mcpkit.protocol.Tool;
import org.mcpkit.server.McpServer;
import org.mcpkit.server.ToolSpec;
import org.mcpkit.server.http.McpHttpEndpoint;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * 2026-07-28 request-metadata headers ({@code Mcp-Method}, {@code Mcp-Name}, {@code Mcp-Param-*})
 * checked against the body, measured through {@link McpHttpEndpoint#service} with an in-memory
 * exchange. Every request is a {@code tools/call} of {@code weather}, whose {@code city} argument
 * is mirrored into {@code Mcp-Param-City}:
 *
 * <ul>
 *   <li>{@link #plainParam}: the header carries the ASCII value as is; the call is served.
 *   <li>{@link #base64Param}: the argument is not ASCII, so the header is base64-encoded
 *       ({@code =?base64?...?=}); the call is served. The difference to {@code plainParam} is the
 *       base64 and strict UTF-8 decoding.
 *   <li>{@link #base64ParamMismatch}: the same header, but the body names another city; every
 *       check runs and the request is refused with 400 before any dispatch, so the figure is the
 *       transport checks, body decoding, the header checks and the error answer.
 * </ul>
 */
@State(Scope.Benchmark)
public class HeaderChecksBenchmark extends EndpointBenchmark {
  private static final String BASE64_ZURICH = "=?base64?WsO8cmljaA==?=";


  /** Each benchmark thread's own reused exchanges. */
  @State(Scope.Thread)
  public static class Client {
    final RepeatedRequest plain = new RepeatedRequest(headers("Zurich"), body("Zurich"));
    final RepeatedRequest base64 = new RepeatedRequest(headers(BASE64_ZURICH), body("Zürich"));
    final RepeatedRequest mismatch = new RepeatedRequest(headers(BASE64_ZURICH), body("Bern"));
  }

  static Map<String, String> headers(String cityHeader) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Host", "127.0.0.1:8080");
    h.put("Content-Type", "application/json");
    h.put("Accept", "application/json, text/event-stream");
    h.put("MCP-Protocol-Version", "2026-07-28");
    h.put("Mcp-Method", "tools/call");
    h.put("Mcp-Name", "weather");
    h.put("Mcp-Param-City", cityHeader);
    return h;
  }

  static byte[] body(String city) {
    return ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"weather\","
            + "\"arguments\":{\"city\":\"" + city + "\",\"days\":2},\"_meta\":{"
            + "\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
            + "\"io.modelcontextprotocol/clientCapabilities\":{}}}}")
        .getBytes(StandardCharsets.UTF_8);
  }

  @Setup(Level.Trial)
  public void setUp() {
    Tool weather =
        Tool.builder(
                "weather",
                Map.of(
                    "type", "object",
                    "properties",
                        Map.of(
                            "city", Map.of("type", "string", "x-mcp-header", "City"),
                            "days", Map.of("type", "integer"))))
            .build();
    server =
        McpServer.builder(Implementation.of("mcpkit-bench", "1"))
            .executor(Runnable::run)
            .tool(ToolSpec.of(weather, (ctx, r) -> CallToolResult.text("sunny")))
            .build();
    endpoint = McpHttpEndpoint.create(server);
    // Each input must take the path its figure claims, or the figures would measure another one.
    Client check = new Client();
    check.plain.check(endpoint, 200, "application/json", "\"text\":\"sunny\"");
    check.base64.check(endpoint, 200, "application/json", "\"text\":\"sunny\"");
    check.mismatch.check(
        endpoint, 400, "application/json", "Mcp-Param-City does not match the arguments");
  }

  /** A served call whose {@code Mcp-Param-City} is plain ASCII. */
  @Benchmark
  public int plainParam(Client client) {
    return client.plain.serve(endpoint);
  }

  /** A served call whose {@code Mcp-Param-City} is base64-encoded UTF-8. */
  @Benchmark
  public int base64Param(Client client) {
    return client.base64.serve(endpoint);
  }

  /** A call refused with 400 because the base64 {@code Mcp-Param-City} disagrees with the body. */
  @Benchmark
  public int base64ParamMismatch(Client client) {
    return client.mismatch.serve(endpoint);
  }
}
