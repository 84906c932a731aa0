package org.mcpkit.internal.http;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.mcpkit.transport.spi.ResponseChannel;
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
 * SSE event encoding: framing one JSON-RPC message as a {@code message} event (with and without an
 * event id) and handing it to a channel whose writes complete at once (the single-writer queue
 * included). In the core's package to reach the package-private stream.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
public class SseEncodeBenchmark {
  private static final byte[] PROGRESS =
      "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{\"progressToken\":\"p\",\"progress\":1.0,\"total\":3.0}}"
          .getBytes(StandardCharsets.UTF_8);

  private EventStream stream;
  long written;

  @Setup(Level.Iteration)
  public void setUp() {
    stream =
        new EventStream(
            new ResponseChannel() {
              @Override
              public void write(byte[] chunk, WriteCallback callback) {
                written += chunk.length;
                callback.done();
              }

              @Override
              public void end() {}

              @Override
              public void onClose(Runnable listener) {}
            },
            1000,
            () -> {});
  }

  /** A progress notification as an event without id (2026-07-28 responses). */
  @Benchmark
  public boolean event() {
    return stream.event(PROGRESS);
  }

  /** The same with an event id (resumable 2025-era streams). */
  @Benchmark
  public boolean eventWithId() {
    return stream.event("s1-42", PROGRESS);
  }
}
