package org.mcpkit.server.stdio;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.mcpkit.internal.dispatch.Call;
import org.mcpkit.internal.dispatch.Dispatcher;
import org.mcpkit.internal.dispatch.Dispatchers;
import org.mcpkit.internal.dispatch.LegacySession;
import org.mcpkit.internal.dispatch.ResponseSink;
import org.mcpkit.internal.dispatch.TransportContext;
import org.mcpkit.internal.json.JsonRpcCodec;
import org.mcpkit.jsonrpc.JsonRpcErrorCodes;
import org.mcpkit.jsonrpc.JsonRpcMessage;
import org.mcpkit.jsonrpc.JsonRpcNotification;
import org.mcpkit.jsonrpc.JsonRpcRequest;
import org.mcpkit.jsonrpc.JsonRpcResponse;
import org.mcpkit.server.McpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves an {@link McpServer} over newline-delimited JSON-RPC: one message per line on the input,
 * responses and notifications one per line on the output, nothing else on the output. Requests are
 * handled concurrently; {@code notifications/cancelled} stops a request. {@link #run()} returns
 * when the input ends, after cancelling what is still running.
 *
 * <p>Logging must go to stderr (configure your SLF4J binding accordingly): stdout carries protocol
 * messages only. One thread reads, one thread writes; handlers run on the server's executor.
 */
public final class StdioTransport implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StdioTransport.class);
  private static final byte[] POISON = new byte[0];

  private final Dispatcher dispatcher;
  private final JsonRpcCodec codec;
  private final InputStream in;
  private final OutputStream out;
  private final BlockingQueue<byte[]> outbound;
  private final TransportContext context = TransportContext.anonymous();
  private final Set<Call> running = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;
  private final Object drainSignal = new Object();
  private volatile java.time.Duration drainTimeout = java.time.Duration.ofSeconds(10);

  private StdioTransport(McpServer server, InputStream in, OutputStream out, int queueCapacity) {
    this.dispatcher = Dispatchers.of(Objects.requireNonNull(server, "server"));
    this.codec = dispatcher.codec();
    this.in = Objects.requireNonNull(in, "in");
    this.out = Objects.requireNonNull(out, "out");
    this.outbound = new ArrayBlockingQueue<>(queueCapacity);
    this.context.connection().outbound(message -> enqueue(codec.encode(message)));
  }

  /** Serves on this process's standard input and output. */
  public static StdioTransport create(McpServer server) {
    return new StdioTransport(server, System.in, System.out, 1024);
  }

  /** Serves on the given streams (tests, sockets, pipes). */
  public static StdioTransport create(McpServer server, InputStream in, OutputStream out) {
    return new StdioTransport(server, in, out, 1024);
  }

  /** Reads and serves until the input ends or {@link #close()} is called. Blocks the caller. */
  public void run() {
    Thread writer = new Thread(this::writeLoop, "mcp-stdio-writer");
    writer.setDaemon(true);
    writer.start();
    try {
      readLoop();
    } catch (IOException e) {
      if (!closed) {
        LOG.warn("stdio input failed", e);
      }
    } finally {
      drain();
      dispatcher.endSession(context);
      enqueue(POISON);
      try {
        writer.join(TimeUnit.SECONDS.toMillis(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * After the input ends: subscriptions end at once; requests already read get up to the drain
   * timeout to answer; whatever still runs then is cancelled.
   */
  private void drain() {
    for (Call call : running) {
      if (call.isSubscription()) {
        call.cancel();
        running.remove(call);
      }
    }
    long deadline = System.nanoTime() + drainTimeout.toNanos();
    while (true) {
      running.removeIf(Call::isDone);
      long left = deadline - System.nanoTime();
      if (running.isEmpty() || left <= 0) {
        break;
      }
      synchronized (drainSignal) {
        try {
          // Woken by every response; the slice also notices calls cancelled by the client.
          TimeUnit.NANOSECONDS.timedWait(drainSignal, Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    for (Call call : running) {
      call.cancel();
    }
    running.clear();
  }

  /**
   * How long requests already read may still run once the input has ended (default 10 s); then
   * they are cancelled. Call before {@link #run()}.
   */
  public StdioTransport drainTimeout(java.time.Duration timeout) {
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must not be negative");
    }
    this.drainTimeout = timeout;
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
  public java.util.concurrent.CompletableFuture<Void> ping(java.time.Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    return org.mcpkit.internal.dispatch.ServerRequests.send(
            context, org.mcpkit.protocol.McpMethods.PING, java.util.Map.of(), timeout)
        .thenApply(result -> null);
  }

  /** Stops reading; {@link #run()} returns soon after. */
  @Override
  public void close() {
    closed = true;
    try {
      in.close();
    } catch (IOException e) {
      LOG.debug("closing stdio input failed", e);
    }
  }

  private void readLoop() throws IOException {
    int max = codec.maxMessageBytes();
    byte[] buf = new byte[8192];
    byte[] line = new byte[Math.min(max, 64 * 1024)];
    int len = 0;
    boolean overflow = false;
    int n;
    while (!closed && (n = in.read(buf)) != -1) {
      for (int i = 0; i < n; i++) {
        byte b = buf[i];
        if (b == '\n') {
          if (overflow) {
            writeError(JsonRpcErrorCodes.INVALID_REQUEST, JsonRpcCodec.tooLargeMessage(max));
          } else {
            handleLine(line, len);
          }
          len = 0;
          overflow = false;
        } else if (!overflow) {
          if (len == line.length) {
            if (len >= max) {
              overflow = true;
              continue;
            }
            line = java.util.Arrays.copyOf(line, Math.min(max, len * 2));
          }
          line[len++] = b;
        }
      }
    }
    if (len > 0 && !overflow) {
      handleLine(line, len);
    }
  }

  private void handleLine(byte[] line, int len) {
    int end = len;
    if (end > 0 && line[end - 1] == '\r') {
      end--;
    }
    boolean blank = true;
    for (int i = 0; i < end && blank; i++) {
      blank = Character.isWhitespace(line[i]);
    }
    if (blank) {
      return;
    }
    JsonRpcCodec.Decoded decoded = codec.decode(line, 0, end);
    if (decoded.isBatch()) {
      LegacySession session = context.session();
      if (session != null && session.version().acceptsBatches() && !decoded.batch().isEmpty()) {
        handleBatch(decoded.batch());
      } else {
        writeError(JsonRpcErrorCodes.INVALID_REQUEST, "Invalid request: batches are not supported");
      }
      return;
    }
    if (!decoded.ok()) {
      enqueue(codec.encode(decoded.error()));
      return;
    }
    JsonRpcMessage message = decoded.message();
    if (message instanceof JsonRpcRequest request) {
      TrackingSink sink = new TrackingSink();
      sink.attach(dispatcher.dispatch(request, context, sink));
    } else if (message instanceof JsonRpcNotification notification) {
      dispatcher.notification(notification, context);
    } else if (!dispatcher.clientResponse((JsonRpcResponse) message, context)) {
      LOG.debug("Ignoring a response from the client: no request of this server is pending");
    }
  }

  /** 2025-03-26: answers a batch with one array holding every response, in request order. */
  private void handleBatch(java.util.List<com.fasterxml.jackson.databind.JsonNode> items) {
    java.util.List<java.util.concurrent.CompletableFuture<JsonRpcResponse>> answers =
        new java.util.ArrayList<>();
    for (com.fasterxml.jackson.databind.JsonNode item : items) {
      JsonRpcCodec.Decoded d = codec.decodeTree(item);
      if (!d.ok()) {
        answers.add(java.util.concurrent.CompletableFuture.completedFuture(d.error()));
      } else if (d.message() instanceof JsonRpcRequest request) {
        java.util.Optional<JsonRpcResponse> refused = org.mcpkit.internal.dispatch.BatchRules.refusal(request);
        if (refused.isPresent()) {
          answers.add(java.util.concurrent.CompletableFuture.completedFuture(refused.get()));
          continue;
        }
        java.util.concurrent.CompletableFuture<JsonRpcResponse> f =
            new java.util.concurrent.CompletableFuture<>();
        answers.add(f);
        TrackingSink sink = new TrackingSink(f);
        sink.attach(dispatcher.dispatch(request, context, sink));
      } else if (d.message() instanceof JsonRpcNotification n) {
        dispatcher.notification(n, context);
      } else {
        dispatcher.clientResponse((JsonRpcResponse) d.message(), context);
      }
    }
    if (answers.isEmpty()) {
      return;
    }
    java.util.concurrent.CompletableFuture.allOf(answers.toArray(new java.util.concurrent.CompletableFuture<?>[0]))
        .whenComplete(
            (ignored, error) -> {
              StringBuilder array = new StringBuilder("[");
              for (java.util.concurrent.CompletableFuture<JsonRpcResponse> a : answers) {
                JsonRpcResponse r = a.getNow(null);
                if (r != null) {
                  if (array.length() > 1) {
                    array.append(',');
                  }
                  array.append(new String(codec.encode(r), java.nio.charset.StandardCharsets.UTF_8));
                }
              }
              enqueue(array.append(']').toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            });
  }

  /** Writes a call's output and keeps the set of running calls exact. */
  private final class TrackingSink implements ResponseSink {
    private final java.util.concurrent.CompletableFuture<JsonRpcResponse> batchSlot;
    private Call call;
    private boolean done;

    TrackingSink() {
      this(null);
    }

    TrackingSink(java.util.concurrent.CompletableFuture<JsonRpcResponse> batchSlot) {
      this.batchSlot = batchSlot;
    }

    @Override
    public void notification(JsonRpcNotification notification) {
      enqueue(codec.encode(notification));
    }

    @Override
    public boolean request(JsonRpcRequest request) {
      enqueue(codec.encode(request));
      return true;
    }

    @Override
    public void response(JsonRpcResponse response) {
      if (batchSlot != null) {
        batchSlot.complete(response);
      } else {
        enqueue(codec.encode(response));
      }
      synchronized (this) {
        done = true;
        if (call != null) {
          running.remove(call);
        }
      }
      synchronized (drainSignal) {
        drainSignal.notifyAll();
      }
    }

    synchronized void attach(Call call) {
      if (!done) {
        this.call = call;
        running.add(call);
      }
    }
  }

  private void writeError(int code, String message) {
    enqueue(codec.encode(JsonRpcCodec.failure(null, code, message)));
  }

  private void enqueue(byte[] bytes) {
    try {
      outbound.put(bytes);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void writeLoop() {
    try {
      while (true) {
        byte[] bytes = outbound.take();
        if (bytes == POISON) {
          out.flush();
          return;
        }
        out.write(bytes);
        out.write('\n');
        if (outbound.isEmpty()) {
          out.flush();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      LOG.warn("stdio output failed; closing", e);
      close();
    }
  }
}
