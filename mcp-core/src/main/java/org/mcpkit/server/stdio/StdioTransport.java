package org.mcpkit.server.stdio;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.mcpkit.internal.dispatch.Dispatchers;
import org.mcpkit.internal.stdio.StdioLoop;
import org.mcpkit.server.McpServer;

/**
 * Serves an {@link McpServer} over newline-delimited JSON-RPC: one message per line on the input,
 * responses and notifications one per line on the output, nothing else on the output. Requests are
 * handled concurrently; {@code notifications/cancelled} stops a request. {@link #run()} returns
 * when the input ends, after cancelling what is still running.
 *
 * <p>Logging must go to stderr (configure your SLF4J binding accordingly): stdout carries protocol
 * messages only. One thread reads, one thread writes; handlers run on the server's executor.
 * Thread-safe.
 */
public final class StdioTransport implements AutoCloseable {
  private final StdioLoop loop;

  private StdioTransport(McpServer server, InputStream in, OutputStream out) {
    this.loop =
        new StdioLoop(
            Dispatchers.of(Objects.requireNonNull(server, "server")),
            Objects.requireNonNull(in, "in"),
            Objects.requireNonNull(out, "out"),
            1024);
  }

  /** Serves on this process's standard input and output. */
  public static StdioTransport create(McpServer server) {
    return new StdioTransport(server, System.in, System.out);
  }

  /** Serves on the given streams (tests, sockets, pipes). */
  public static StdioTransport create(McpServer server, InputStream in, OutputStream out) {
    return new StdioTransport(server, in, out);
  }

  /** Reads and serves until the input ends or {@link #close()} is called. Blocks the caller. */
  public void run() {
    loop.run();
  }

  /**
   * How long requests already read may still run once the input has ended (default 10 s); then
   * they are cancelled. Call before {@link #run()}.
   */
  public StdioTransport drainTimeout(Duration timeout) {
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must not be negative");
    }
    loop.drainTimeout(timeout);
    return this;
  }

  /**
   * Sends {@code ping} to a 2025-era client (one that sent {@code initialize}), to check that it is
   * still there; the answer arrives on the input. Nothing blocks.
   *
   * @param timeout how long to wait for the answer
   * @return completes when the client answers; fails with {@link org.mcpkit.server.McpException}
   *     before {@code initialize}, after the input ended, when the client answers with an error, or
   *     when it does not answer within {@code timeout}
   */
  public CompletableFuture<Void> ping(Duration timeout) {
    return loop.ping(Objects.requireNonNull(timeout, "timeout"));
  }

  /** Stops reading; {@link #run()} returns soon after. */
  @Override
  public void close() {
    loop.close();
  }
}
