package org.mcpkit.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The client side of a connection flood, run as its own JVM by {@link ConnectionFlood} so that the
 * server under test and the flood each have a whole process's file-descriptor limit. Opens {@code
 * idle} connections that send nothing and {@code heads} connections that send the start of a
 * request head and then nothing, then counts the connections the server closes (end of stream or
 * reset; bytes it sends first, such as a 408, are read and dropped) and how long each lived, until
 * all are closed or the deadline passes. Loopback only; every loop is bounded by the counts and the
 * deadline.
 *
 * <p>Arguments: {@code host port idle heads deadlineMillis}. It prints {@code READY} and floods
 * once a line arrives on its standard input. Output lines: {@code OPEN idle=N heads=N failed=N
 * millis=N heldAtOnce=N} (connections still open once all were opened), {@code CLOSED idle=N
 * heads=N} about every second, and {@code DONE idle=N heads=N lastCloseMillis=N idleLife=MIN-MAX
 * headLife=MIN-MAX} (last close counted from the first connection; lives in milliseconds, from a
 * connection's connect to its close).
 */
public final class FloodClient {
  /** What a half-sent request head carries: a request line and headers, never the blank line. */
  static final byte[] HALF_HEAD = ("POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
      + "Accept: application/json, text/event-stream\r\nX-Slow: ").getBytes(StandardCharsets.US_ASCII);

  /** One flood connection. */
  private record Conn(SocketChannel channel, boolean idle, long openedAt) {}

  private final long start;
  private final int[] closed = new int[2];
  private final long[] minLife = {Long.MAX_VALUE, Long.MAX_VALUE};
  private final long[] maxLife = {0, 0};
  private long lastClose;

  private FloodClient(long start) {
    this.start = start;
  }

  /** Runs the flood; see the class comment. */
  public static void main(String[] args) throws IOException {
    String host = args[0];
    int port = Integer.parseInt(args[1]);
    int idle = Integer.parseInt(args[2]);
    int heads = Integer.parseInt(args[3]);
    long deadlineMillis = Long.parseLong(args[4]);
    if (!host.equals("127.0.0.1") && !host.equals("localhost")) {
      throw new IllegalArgumentException("loopback only");
    }
    InetSocketAddress address = new InetSocketAddress(host, port);
    System.out.println("READY");
    System.out.flush();
    if (new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII)).readLine() == null) {
      return; // the test went away before saying go
    }
    long start = System.nanoTime();
    long deadline = start + deadlineMillis * 1_000_000L;
    new FloodClient(start).run(address, idle, heads, deadline);
  }

  private void run(InetSocketAddress address, int idle, int heads, long deadline) throws IOException {
    List<Conn> conns = new ArrayList<>(idle + heads);
    int failed = 0;
    for (int i = 0; i < idle + heads && System.nanoTime() < deadline; i++) {
      try {
        SocketChannel ch = SocketChannel.open();
        ch.setOption(StandardSocketOptions.SO_LINGER, 0);
        ch.connect(address);
        long openedAt = System.nanoTime();
        if (i >= idle) {
          ch.write(ByteBuffer.wrap(HALF_HEAD));
        }
        conns.add(new Conn(ch, i < idle, openedAt));
      } catch (IOException e) {
        failed++;
      }
    }
    long openMillis = (System.nanoTime() - start) / 1_000_000;
    Selector selector = Selector.open();
    int idleOpened = 0;
    for (Conn c : conns) {
      c.channel().configureBlocking(false);
      c.channel().register(selector, SelectionKey.OP_READ, c);
      idleOpened += c.idle() ? 1 : 0;
    }
    int open = conns.size();
    for (int n = -1; n != 0; ) { // closed while the rest were opening (one select returns at most 1024)
      n = closeReady(selector, selector.selectNow());
      open -= n;
    }
    System.out.println("OPEN idle=" + idleOpened + " heads=" + (conns.size() - idleOpened) + " failed=" + failed
        + " millis=" + openMillis + " heldAtOnce=" + open);
    System.out.flush();
    long lastReport = System.nanoTime();
    while (open > 0 && System.nanoTime() < deadline) {
      open -= closeReady(selector, selector.select(100));
      if (System.nanoTime() - lastReport > 1_000_000_000L) {
        lastReport = System.nanoTime();
        System.out.println("CLOSED idle=" + closed[0] + " heads=" + closed[1]);
        System.out.flush();
      }
    }
    System.out.println("DONE idle=" + closed[0] + " heads=" + closed[1] + " lastCloseMillis=" + lastClose / 1_000_000
        + " idleLife=" + life(0) + " headLife=" + life(1));
    System.out.flush();
    for (SelectionKey key : selector.keys()) {
      key.channel().close();
    }
    selector.close();
  }

  private String life(int kind) {
    return closed[kind] == 0 ? "0-0" : minLife[kind] / 1_000_000 + "-" + maxLife[kind] / 1_000_000;
  }

  /** Reads what is ready; counts and closes the connections the server closed. */
  private int closeReady(Selector selector, int ready) throws IOException {
    if (ready == 0) {
      return 0;
    }
    int n = 0;
    ByteBuffer sink = ByteBuffer.allocate(4096);
    Iterator<SelectionKey> it = selector.selectedKeys().iterator();
    while (it.hasNext()) {
      SelectionKey key = it.next();
      it.remove();
      Conn c = (Conn) key.attachment();
      boolean gone;
      try {
        sink.clear();
        gone = c.channel().read(sink) < 0;
      } catch (IOException e) {
        gone = true; // reset by the server
      }
      if (gone) {
        long now = System.nanoTime();
        key.cancel();
        c.channel().close();
        n++;
        int kind = c.idle() ? 0 : 1;
        closed[kind]++;
        minLife[kind] = Math.min(minLife[kind], now - c.openedAt());
        maxLife[kind] = Math.max(maxLife[kind], now - c.openedAt());
        lastClose = now - start;
      }
    }
    return n;
  }
}
