package org.mcpkit.internal.http;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.mcpkit.jsonrpc.JsonRpcRequest;
import org.mcpkit.jsonrpc.RequestId;
import org.mcpkit.protocol.Tool;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * 2026-07-28 header validation ({@code Mcp-Method}, {@code Mcp-Name}, {@code Mcp-Param-*} against
 * the body). Lives in the core's package to reach the package-private check; the benchmarks run
 * from the class path, where the module boundary does not apply.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
public class HeaderChecksBenchmark {
  private final JsonRpcRequest plain =
      new JsonRpcRequest(
          RequestId.of(1), "tools/call", Map.of("name", "echo", "arguments", Map.of("text", "hello")));
  private final JsonRpcRequest withParam =
      new JsonRpcRequest(
          RequestId.of(1),
          "tools/call",
          Map.of("name", "weather", "arguments", Map.of("city", "Zürich", "days", 2)));
  private final Map<String, List<String>> plainHeaders =
      Map.of("mcp-method", List.of("tools/call"), "mcp-name", List.of("echo"));
  private final Map<String, List<String>> paramHeaders =
      Map.of(
          "mcp-method", List.of("tools/call"),
          "mcp-name", List.of("weather"),
          "mcp-param-city", List.of("=?base64?WsO8cmljaA==?="));
  private final Optional<Tool> echo =
      Optional.of(
          Tool.builder("echo", Map.of("type", "object", "properties", Map.of("text", Map.of("type", "string"))))
              .build());
  private final Optional<Tool> weather =
      Optional.of(
          Tool.builder(
                  "weather",
                  Map.of(
                      "type", "object",
                      "properties",
                          Map.of(
                              "city", Map.of("type", "string", "x-mcp-header", "City"),
                              "days", Map.of("type", "integer"))))
              .build());
  private final Function<String, List<String>> plainLookup = n -> plainHeaders.getOrDefault(n.toLowerCase(java.util.Locale.ROOT), List.of());
  private final Function<String, List<String>> paramLookup = n -> paramHeaders.getOrDefault(n.toLowerCase(java.util.Locale.ROOT), List.of());

  /** Both inputs must pass the check, or the figures would measure the error path. */
  @Setup(Level.Trial)
  public void verify() {
    if (methodAndName().isPresent() || base64Param().isPresent()) {
      throw new IllegalStateException("header check failed: " + methodAndName() + " " + base64Param());
    }
  }

  /** Method and name headers of a plain call. */
  @Benchmark
  public Optional<String> methodAndName() {
    return HeaderChecks.check(plain, plainLookup, n -> echo);
  }

  /** A call with a base64-encoded {@code Mcp-Param-City} header. */
  @Benchmark
  public Optional<String> base64Param() {
    return HeaderChecks.check(withParam, paramLookup, n -> weather);
  }
}
