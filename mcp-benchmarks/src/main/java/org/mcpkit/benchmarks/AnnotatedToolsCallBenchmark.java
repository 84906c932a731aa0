package org.mcpkit.benchmarks;

import org.mcpkit.protocol.CallToolResult;
import org.mcpkit.protocol.Implementation;
import org.mcpkit.server.McpServer;
import org.mcpkit.server.annotation.McpArg;
import org.mcpkit.server.annotation.McpTool;
import org.mcpkit.server.http.McpHttpEndpoint;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@link ToolsCallBenchmark}'s {@code echo} call, the same tool registered two ways: {@code lambda} a
 * typed tool ({@code ToolSpec.typed} with a record and a lambda, as in {@link ToolsCallBenchmark}),
 * {@code annotated} an {@link McpTool} method registered with {@code McpServer.Builder.annotated}.
 * The answers are the same bytes.
 */
@State(Scope.Benchmark)
public class AnnotatedToolsCallBenchmark extends EndpointBenchmark {
  /** How the echo tool is registered. */
  @Param({"lambda", "annotated"})
  public String registration;

  /** The annotated form of the echo tool. */
  public static final class EchoTool {
    /** Echoes the text. */
    @McpTool(name = "echo", description = "Echoes the text")
    public String echo(@McpArg(description = "The text") String text) {
      return text;
    }
  }

  @Setup(Level.Trial)
  public void setUp() {
    McpServer.Builder b = McpServer.builder(Implementation.of("mcpkit-bench", "1")).executor(Runnable::run);
    switch (registration) {
      case "lambda" -> b.tool("echo", "Echoes the text", BenchServer.EchoArgs.class, (ctx, a) -> CallToolResult.text(a.text()));
      case "annotated" -> b.annotated(new EchoTool());
      default -> throw new IllegalArgumentException("unknown registration: " + registration);
    }
    server = b.build();
    endpoint = McpHttpEndpoint.create(server);
    new RepeatedRequest(ToolsCallBenchmark.HEADERS, ToolsCallBenchmark.BODY)
        .check(endpoint, 200, "application/json", "\"text\":\"hello\"");
  }

  /** One request in, one JSON response out. */
  @Benchmark
  public int toolsCall(ToolsCallBenchmark.Client client) {
    return client.call.serve(endpoint);
  }
}
