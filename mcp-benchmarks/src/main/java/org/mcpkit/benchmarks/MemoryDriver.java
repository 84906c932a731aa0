package org.mcpkit.benchmarks;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drivers of the memory scenarios (run in their own JVM by {@code run.sh}):
 *
 * <pre>
 * MemoryDriver streams  MCP_PORT STATS_PORT COUNT [MCP_PORT STATS_PORT ...]
 *                       # COUNT open subscriptions/listen streams, spread evenly over the instances
 *                       # named (sharing a notification bus); the notification goes to the first
 * MemoryDriver sessions MCP_PORT STATS_PORT COUNT   # COUNT idle 2025-era sessions
 * </pre>
 *
 * Prints one {@code MEMRESULT ...} line, or exits non-zero naming what failed. Every loop is
 * bounded by a count and a deadline; the server is only ever reached on 127.0.0.1.
 */
public final class MemoryDriver {
  private static final Pattern HEAP = Pattern.compile("\"heapAfterGc\":(\\d+)");
  private static final Pattern THREADS = Pattern.compile("\"threads\":(\\d+)");
  private static final String ACK = "notifications/subscriptions/acknowledged";
  private static final String UPDATED = "notifications/resources/updated";
  private static final HttpClient STATS = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private MemoryDriver() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 4 || args.length % 2 != 0 || (args.length > 4 && !args[0].equals("streams"))) {
      System.err.println("usage: MemoryDriver streams|sessions MCP_PORT STATS_PORT COUNT [MCP_PORT STATS_PORT ...]");
      System.exit(2);
    }
    int port = Integer.parseInt(args[1]);
    int statsPort = Integer.parseInt(args[2]);
    int count = Integer.parseInt(args[3]);
    int[] ports = new int[(args.length - 2) / 2];
    int[] statsPorts = new int[ports.length];
    ports[0] = port;
    statsPorts[0] = statsPort;
    for (int i = 1; i < ports.length; i++) {
      ports[i] = Integer.parseInt(args[2 + 2 * i]);
      statsPorts[i] = Integer.parseInt(args[3 + 2 * i]);
    }
    switch (args[0]) {
      case "streams" -> streams(ports, statsPorts, count);
      case "sessions" -> sessions(port, statsPort, count);
      default -> throw new IllegalArgumentException(args[0]);
    }
  }

  private record Stats(long heap, int threads) {}

  /** The instances' stats added up. */
  private static Stats stats(int[] statsPorts) throws IOException, InterruptedException {
    long heap = 0;
    int threads = 0;
    for (int p : statsPorts) {
      Stats s = stats(p);
      heap += s.heap();
      threads += s.threads();
    }
    return new Stats(heap, threads);
  }

  private static Stats stats(int statsPort) throws IOException, InterruptedException {
    HttpResponse<String> r =
        STATS.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + statsPort + "/stats"))
                .timeout(Duration.ofSeconds(60))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    Matcher h = HEAP.matcher(r.body());
    Matcher t = THREADS.matcher(r.body());
    if (r.statusCode() != 200 || !h.find() || !t.find()) {
      throw new IllegalStateException("bad stats answer: " + r.statusCode() + " " + r.body());
    }
    return new Stats(Long.parseLong(h.group(1)), Integer.parseInt(t.group(1)));
  }

  private static void fail(String why) {
    System.err.println("FAILED: " + why);
    System.exit(1);
  }

  // ---- scenario 5: open listen streams ---------------------------------------------------

  /** One client connection carrying one listen stream. */
  private static final class Conn {
    final SocketChannel channel;
    ByteBuffer out;
    String tail = "";
    boolean acked;
    boolean updated;
    boolean closed;

    Conn(SocketChannel channel, ByteBuffer out) {
      this.channel = channel;
      this.out = out;
    }
  }

  private static void streams(int[] ports, int[] statsPorts, int count) throws Exception {
    String body =
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"subscriptions/listen\",\"params\":{\"notifications\":"
            + "{\"resourceSubscriptions\":[\"" + BenchServer.HOT_URI + "\"]},\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":"
            + "\"2026-07-28\",\"io.modelcontextprotocol/clientCapabilities\":{}}}}";
    byte[] bodyBytes = body.getBytes(StandardCharsets.UTF_8);
    byte[][] requests = new byte[ports.length][];
    for (int i = 0; i < ports.length; i++) {
      requests[i] =
          ("POST /mcp HTTP/1.1\r\nHost: 127.0.0.1:" + ports[i] + "\r\nContent-Type: application/json\r\n"
                  + "Accept: application/json, text/event-stream\r\nMCP-Protocol-Version: 2026-07-28\r\n"
                  + "Mcp-Method: subscriptions/listen\r\nContent-Length: " + bodyBytes.length + "\r\n\r\n" + body)
              .getBytes(StandardCharsets.UTF_8);
    }

    Stats base = stats(statsPorts);
    List<Conn> conns = new ArrayList<>(count);
    ByteBuffer in = ByteBuffer.allocateDirect(64 * 1024);
    int acked = 0;
    int updated = 0;
    int closed = 0;
    int maxPending = 256;
    long openDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120 + count / 100);
    long notifyStart = 0;
    long fanoutNanos = -1;
    Stats open = null;
    CompletableFuture<Void> notifyCall = null;
    try (Selector selector = Selector.open()) {
      while (true) {
        if (System.nanoTime() > openDeadline) {
          fail("streams: deadline passed with " + conns.size() + " opened, " + acked + " acknowledged, "
              + updated + " updated, " + closed + " closed by the server");
        }
        // open new connections, keeping a bounded number in flight
        while (conns.size() < count && conns.size() - acked - closed < maxPending) {
          int instance = conns.size() % ports.length;
          SocketChannel ch = SocketChannel.open();
          ch.configureBlocking(false);
          Conn c = new Conn(ch, ByteBuffer.wrap(requests[instance]));
          conns.add(c);
          if (ch.connect(new InetSocketAddress("127.0.0.1", ports[instance]))) {
            ch.register(selector, SelectionKey.OP_WRITE, c);
          } else {
            ch.register(selector, SelectionKey.OP_CONNECT, c);
          }
        }
        if (acked == count && open == null) {
          open = stats(statsPorts);
          notifyStart = System.nanoTime();
          notifyCall =
              STATS.sendAsync(
                      HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + statsPorts[0] + "/notify"))
                          .POST(HttpRequest.BodyPublishers.noBody())
                          .timeout(Duration.ofSeconds(60))
                          .build(),
                      HttpResponse.BodyHandlers.discarding())
                  .thenAccept(r -> {
                    if (r.statusCode() != 200) {
                      throw new IllegalStateException("notify answered " + r.statusCode());
                    }
                  });
        }
        if (updated == count) {
          fanoutNanos = System.nanoTime() - notifyStart;
          break;
        }
        if (closed > 0) {
          fail("streams: the server closed " + closed + " streams (" + acked + " acknowledged)");
        }
        selector.select(1000);
        for (SelectionKey key : selector.selectedKeys()) {
          Conn c = (Conn) key.attachment();
          try {
            if (key.isConnectable()) {
              c.channel.finishConnect();
              key.interestOps(SelectionKey.OP_WRITE);
            } else if (key.isWritable()) {
              c.channel.write(c.out);
              if (!c.out.hasRemaining()) {
                c.out = null;
                key.interestOps(SelectionKey.OP_READ);
              }
            } else if (key.isReadable()) {
              in.clear();
              int n = c.channel.read(in);
              if (n < 0) {
                c.closed = true;
                closed++;
                key.cancel();
                continue;
              }
              in.flip();
              String text = c.tail + StandardCharsets.ISO_8859_1.decode(in);
              if (c.tail.isEmpty() && !text.startsWith("HTTP/1.1 200")) {
                fail("streams: listen answered " + text.lines().findFirst().orElse(""));
              }
              if (!c.acked && text.contains(ACK)) {
                c.acked = true;
                acked++;
              }
              if (c.acked && !c.updated && text.contains(UPDATED)) {
                c.updated = true;
                updated++;
              }
              c.tail = text.length() > 64 ? text.substring(text.length() - 64) : text;
            }
          } catch (IOException e) {
            fail("streams: connection failed: " + e);
          }
        }
        selector.selectedKeys().clear();
      }
      if (notifyCall != null) {
        notifyCall.get(60, TimeUnit.SECONDS);
      }
    } finally {
      for (Conn c : conns) {
        try {
          c.channel.close();
        } catch (IOException ignored) {
          // closing anyway
        }
      }
    }
    long perStream = (open.heap() - base.heap()) / count;
    System.out.printf(
        "MEMRESULT scenario=streams count=%d instances=%d heap_base=%d heap_open=%d bytes_per_item=%d threads_base=%d"
            + " threads_open=%d fanout_ms=%.1f%n",
        count, ports.length, base.heap(), open.heap(), perStream, base.threads(), open.threads(), fanoutNanos / 1e6);
  }

  // ---- scenario 6: idle legacy sessions --------------------------------------------------

  private static void sessions(int port, int statsPort, int count) throws Exception {
    URI uri = URI.create("http://127.0.0.1:" + port + "/mcp");
    HttpClient client =
        HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    String init =
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\","
            + "\"capabilities\":{},\"clientInfo\":{\"name\":\"bench\",\"version\":\"1\"}}}";
    String initialized = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}";
    Stats base = stats(statsPort);
    Semaphore inFlight = new Semaphore(32);
    AtomicInteger ok = new AtomicInteger();
    AtomicReference<String> error = new AtomicReference<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120 + count / 100);
    for (int i = 0; i < count && error.get() == null; i++) {
      if (!inFlight.tryAcquire(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
        fail("sessions: deadline passed after " + ok.get() + " sessions");
      }
      HttpRequest req =
          HttpRequest.newBuilder(uri)
              .timeout(Duration.ofSeconds(30))
              .header("Content-Type", "application/json")
              .header("Accept", "application/json, text/event-stream")
              .POST(HttpRequest.BodyPublishers.ofString(init))
              .build();
      client
          .sendAsync(req, HttpResponse.BodyHandlers.ofString())
          .thenCompose(
              r -> {
                String sid = r.headers().firstValue("Mcp-Session-Id").orElse(null);
                if (r.statusCode() != 200 || sid == null || !r.body().contains("\"protocolVersion\":\"2025-11-25\"")) {
                  throw new IllegalStateException("initialize answered " + r.statusCode() + " " + r.body());
                }
                return client.sendAsync(
                    HttpRequest.newBuilder(uri)
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .header("Accept", "application/json, text/event-stream")
                        .header("MCP-Protocol-Version", "2025-11-25")
                        .header("Mcp-Session-Id", sid)
                        .POST(HttpRequest.BodyPublishers.ofString(initialized))
                        .build(),
                    HttpResponse.BodyHandlers.ofString());
              })
          .whenComplete(
              (r, t) -> {
                if (t != null) {
                  error.compareAndSet(null, String.valueOf(t));
                } else if (r.statusCode() != 202) {
                  error.compareAndSet(null, "notifications/initialized answered " + r.statusCode());
                } else {
                  ok.incrementAndGet();
                }
                inFlight.release();
              });
    }
    if (!inFlight.tryAcquire(32, Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
      fail("sessions: deadline passed after " + ok.get() + " sessions");
    }
    if (error.get() != null || ok.get() != count) {
      fail("sessions: " + ok.get() + " of " + count + " opened; " + error.get());
    }
    Stats open = stats(statsPort);
    long perSession = (open.heap() - base.heap()) / count;
    System.out.printf(
        "MEMRESULT scenario=sessions count=%d instances=1 heap_base=%d heap_open=%d bytes_per_item=%d threads_base=%d threads_open=%d fanout_ms=-1%n",
        count, base.heap(), open.heap(), perSession, base.threads(), open.threads());
  }
}
