package org.mcpkit.benchmarks;

import org.mcpkit.protocol.CallToolResult;
import org.mcpkit.protocol.Implementation;
import org.mcpkit.server.McpServer;
import org.mcpkit.server.http.McpHttpEndpoint;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@link ToolsCallBenchmark}'s call with observers attached ({@link Observers}): {@code none} is
 * the engine's path with nothing attached, the others what metrics, tracing and log context cost
 * per call.
 */
@State(Scope.Benchmark)
public class ObservedToolsCallBenchmark extends EndpointBenchmark {
  /** Which observers are attached. */
  @Param({"none", "metrics", "tracing", "tracing-ratio", "tracing-noop", "observed", "observed-ratio", "observed+mdc"})
  public String observers;

  @Setup(Level.Trial)
  public void setUp() {
    McpServer.Builder b = McpServer.builder(Implementation.of("mcpkit-bench", "1"))
        .executor(Runnable::run)
        .tool("echo", "Echoes the text", BenchServer.EchoArgs.class, (ctx, a) -> CallToolResult.text(a.text()));
    server = Observers.attach(b, observers).build();
    endpoint = McpHttpEndpoint.create(server);
    new RepeatedRequest(ToolsCallBenchmark.HEADERS, ToolsCallBenchmark.BODY)
        .check(endpoint, 200, "application/json", "\"text\":\"hello\"");
  }

  /** One request in, one JSON response out, observed. */
  @Benchmark
  public int toolsCall(ToolsCallBenchmark.Client client) {
    return client.call.serve(endpoint);
  }
}
