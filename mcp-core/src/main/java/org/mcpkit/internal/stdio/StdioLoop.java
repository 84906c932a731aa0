package org.mcpkit.internal.stdio;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.mcpkit.internal.dispatch.Call;
import org.mcpkit.internal.dispatch.Dispatcher;
import org.mcpkit.internal.dispatch.Inbound;
import org.mcpkit.internal.dispatch.ResponseSink;
import org.mcpkit.internal.dispatch.ServerRequests;
import org.mcpkit.internal.dispatch.TransportContext;
import org.mcpkit.internal.json.JsonRpcCodec;
import org.mcpkit.jsonrpc.JsonRpcErrorCodes;
import org.mcpkit.jsonrpc.JsonRpcNotification;
import org.mcpkit.jsonrpc.JsonRpcRequest;
import org.mcpkit.jsonrpc.JsonRpcResponse;
import org.mcpkit.protocol.McpMethods;
import org.mcpkit.server.observe.Rejection;
import org.mcpkit.server.observe.ServerObserver;
import org.mcpkit.server.observe.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Newline-delimited JSON-RPC over a pair of streams: the calling thread reads and splits lines
 * (each at most the codec's message limit), a writer thread drains a bounded queue to the output.
 * Every decoded line takes the shared {@link Inbound} path. Thread-safe.
 */
public final class StdioLoop implements Inbound.Peer {
  private static final Logger LOG = LoggerFactory.getLogger(StdioLoop.class);
  private static final byte[] POISON = new byte[0];

  private final Dispatcher dispatcher;
  private final ServerObserver observer;
  private final JsonRpcCodec codec;
  private final InputStream in;
  private final OutputStream out;
  private final BlockingQueue<byte[]> outbound;
  private final TransportContext context = TransportContext.anonymous();
  private final Set<Call> running = ConcurrentHashMap.newKeySet();
  private final Object drainSignal = new Object();
  private volatile boolean closed;
  private volatile Duration drainTimeout = Duration.ofSeconds(10);

  /** A loop over the given streams with an output queue of {@code queueCapacity} messages. */
  public StdioLoop(Dispatcher dispatcher, InputStream in, OutputStream out, int queueCapacity) {
    this.dispatcher = dispatcher;
    this.observer = dispatcher.observer();
    this.codec = dispatcher.codec();
    this.in = in;
    this.out = out;
    this.outbound = new ArrayBlockingQueue<>(queueCapacity);
    Consumer<org.mcpkit.jsonrpc.JsonRpcMessage> sessionWide = message -> enqueue(codec.encode(message));
    this.context.connection().outbound(sessionWide);
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

  /** How long requests already read may still run once the input has ended. */
  public void drainTimeout(Duration timeout) {
    this.drainTimeout = timeout;
  }

  /** Sends {@code ping} to the client's 2025-era session; the answer arrives on the input. */
  public CompletableFuture<Void> ping(Duration timeout) {
    return ServerRequests.send(context, McpMethods.PING, Map.of(), timeout).thenApply(result -> null);
  }

  /** Stops reading; {@link #run()} returns soon after. */
  public void close() {
    closed = true;
    try {
      in.close();
    } catch (IOException e) {
      LOG.debug("closing stdio input failed", e);
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
            rejected("payload_too_large", JsonRpcErrorCodes.INVALID_REQUEST);
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
            line = Arrays.copyOf(line, Math.min(max, len * 2));
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
      batch(decoded);
    } else if (!decoded.ok()) {
      rejected("malformed_message", decoded.error().error().code());
      enqueue(codec.encode(decoded.error()));
    } else {
      Inbound.message(dispatcher, context, decoded.message(), this);
    }
  }

  /** 2025-03-26: answers a batch with one array holding every response, in request order. */
  private void batch(JsonRpcCodec.Decoded decoded) {
    java.util.Optional<Inbound.BatchRefusal> refused = Inbound.batchRefusal(context.session(), decoded.batch());
    if (refused.isPresent()) {
      rejected(refused.get() == Inbound.BatchRefusal.EMPTY ? "empty_batch" : "batch_not_supported", JsonRpcErrorCodes.INVALID_REQUEST);
      writeError(JsonRpcErrorCodes.INVALID_REQUEST, refused.get().message());
      return;
    }
    Inbound.batch(dispatcher, context, decoded.batch(), this, (request, answer) -> {
          TrackingSink sink = new TrackingSink(answer);
          sink.attach(dispatcher.dispatch(request, context, sink));
        })
        .ifPresent(array -> array.thenAccept(this::enqueue));
  }

  @Override
  public void request(JsonRpcRequest request) {
    TrackingSink sink = new TrackingSink(null);
    sink.attach(dispatcher.dispatch(request, context, sink));
  }

  @Override
  public void unmatched(JsonRpcResponse response) {
    LOG.debug("Ignoring a response from the client: no request of this server is pending");
  }

  /** Writes a call's output and keeps the set of running calls exact. */
  private final class TrackingSink implements ResponseSink {
    /** Where a batch item's response goes (null: straight to the output). */
    private final Consumer<JsonRpcResponse> batchSlot;
    private Call call;
    private boolean done;

    TrackingSink(Consumer<JsonRpcResponse> batchSlot) {
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
        batchSlot.accept(response);
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

    @Override
    public void cancelled() {
      if (batchSlot != null) {
        batchSlot.accept(null); // no answer in the array; the rest still go out
      }
    }

    synchronized void attach(Call call) {
      if (!done) {
        this.call = call;
        running.add(call);
      }
    }
  }

  /** Tells the observer, if any, that a line was refused (names as in the HTTP failure table). */
  private void rejected(String reason, int code) {
    if (observer != ServerObserver.none()) {
      observer.rejected(new Rejection(Transport.STDIO, reason, java.util.OptionalInt.empty(), code));
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
