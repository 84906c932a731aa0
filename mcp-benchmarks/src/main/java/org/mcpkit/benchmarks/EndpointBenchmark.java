package org.mcpkit.benchmarks;

import org.mcpkit.server.McpServer;
import org.mcpkit.server.http.McpHttpEndpoint;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What every in-memory endpoint benchmark holds and how it is measured: the server its setup
 * builds and the endpoint serving it, both closed after the trial; average time per call in
 * nanoseconds, one fork, 3 warm-up and 5 measured iterations of 2 s.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
abstract class EndpointBenchmark {
  McpServer server;
  McpHttpEndpoint endpoint;

  @TearDown(Level.Trial)
  public void tearDown() {
    endpoint.close();
    server.close();
  }
}
