package org.mcpkit.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.mcpkit.protocol.CallToolResult;
import org.mcpkit.protocol.Implementation;
import org.mcpkit.server.McpServer;
import org.mcpkit.server.http.McpHttpEndpoint;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The whole hot path of a 2026-07-28 {@code tools/call} inside the core, without a network: Origin,
 * Host and header checks, decoding the body, dispatching to a trivial tool (run inline), encoding
 * the result and writing it to an in-memory exchange (the mcp-core test-jar's {@code
 * FakeHttpExchange}, reused across calls by {@link RepeatedRequest}).
 */
@State(Scope.Benchmark)
public class ToolsCallBenchmark extends EndpointBenchmark {
  static final Map<String, String> HEADERS =
      Map.of(
          "Host", "127.0.0.1:8080",
          "Content-Type", "application/json",
          "Accept", "application/json, text/event-stream",
          "MCP-Protocol-Version", "2026-07-28",
          "Mcp-Method", "tools/call",
          "Mcp-Name", "echo");
  static final byte[] BODY =
      ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"arguments\":{\"text\":\"hello\"},"
              + "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\",\"io.modelcontextprotocol/clientCapabilities\":{}}}}")
          .getBytes(StandardCharsets.UTF_8);


  /** Each benchmark thread's own reused exchange. */
  @State(Scope.Thread)
  public static class Client {
    final RepeatedRequest call = new RepeatedRequest(HEADERS, BODY);
  }

  @Setup(Level.Trial)
  public void setUp() {
    server =
        McpServer.builder(Implementation.of("mcpkit-bench", "1"))
            .executor(Runnable::run)
            .tool("echo", "Echoes the text", BenchServer.EchoArgs.class, (ctx, a) -> CallToolResult.text(a.text()))
            .build();
    endpoint = McpHttpEndpoint.create(server);
    new RepeatedRequest(HEADERS, BODY).check(endpoint, 200, "application/json", "\"text\":\"hello\"");
  }

  /** One request in, one JSON response out. */
  @Benchmark
  public int toolsCall(Client client) {
    return client.call.serve(endpoint);
  }
}
