package org.mcpkit.transport.servlet;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A loopback TCP proxy that, like a load balancer, cuts a connection once no byte has crossed it
 * in either direction for the idle timeout.
 */
final class IdleTimeoutProxy implements AutoCloseable {
  private final ServerSocket server;
  private final int upstreamPort;
  private final long idleMillis;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor();
  private final AtomicInteger cuts = new AtomicInteger();

  IdleTimeoutProxy(int upstreamPort, long idleMillis) throws IOException {
    this.upstreamPort = upstreamPort;
    this.idleMillis = idleMillis;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return server.getLocalPort();
  }

  /** How many connections this proxy has cut for idleness. */
  int cuts() {
    return cuts.get();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
        sockets.add(client);
        sockets.add(upstream);
        AtomicLong last = new AtomicLong(System.nanoTime());
        pump(client, upstream, last);
        pump(upstream, client, last);
        AtomicReference<ScheduledFuture<?>> check = new AtomicReference<>();
        AtomicBoolean over = new AtomicBoolean();
        check.set(
            watchdog.scheduleAtFixedRate(
                () -> {
                  if (over.get()) {
                    return;
                  }
                  if (client.isClosed()) {
                    over.set(true);
                  } else if (System.nanoTime() - last.get() > TimeUnit.MILLISECONDS.toNanos(idleMillis)) {
                    over.set(true);
                    cuts.incrementAndGet();
                    closeQuietly(client);
                    closeQuietly(upstream);
                  }
                  ScheduledFuture<?> self = check.get();
                  if (over.get() && self != null) {
                    self.cancel(false);
                  }
                },
                50,
                50,
                TimeUnit.MILLISECONDS));
      } catch (IOException e) {
        return;
      }
    }
  }

  private static void pump(Socket from, Socket to, AtomicLong last) {
    Thread t =
        new Thread(
            () -> {
              byte[] buf = new byte[8192];
              try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buf)) != -1) {
                  last.set(System.nanoTime());
                  out.write(buf, 0, n);
                  out.flush();
                }
              } catch (IOException e) {
                // connection cut
              } finally {
                closeQuietly(from);
                closeQuietly(to);
              }
            },
            "proxy-pump");
    t.setDaemon(true);
    t.start();
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // already closed
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    watchdog.shutdownNow();
    for (Socket s : sockets) {
      closeQuietly(s);
    }
  }
}
