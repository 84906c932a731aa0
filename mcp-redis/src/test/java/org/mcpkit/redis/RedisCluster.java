package org.mcpkit.redis;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * A real Redis Cluster of the test's own: three master nodes (redis-server with cluster mode on),
 * each on a free loopback port with its own temporary directory, joined and given all 16,384
 * slots by {@code redis-cli --cluster create}.
 */
final class RedisCluster implements AutoCloseable {
  private final Path dir;
  private final List<Integer> ports = new ArrayList<>();
  private final List<Process> nodes = new ArrayList<>();

  private RedisCluster(Path dir) {
    this.dir = dir;
  }

  static RedisCluster start(int masters) throws Exception {
    RedisCluster c = new RedisCluster(Files.createTempDirectory("mcp-redis-cluster"));
    try {
      c.run(masters);
    } catch (Exception | Error e) {
      c.close();
      throw e;
    }
    return c;
  }

  private static int freePort() throws IOException {
    // A cluster node also listens on its port + 10000 (the cluster bus): pick ports where both are free.
    for (int i = 0; i < 50; i++) {
      int port;
      try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        port = s.getLocalPort();
      }
      if (port + 10000 < 65536) {
        try (ServerSocket bus = new ServerSocket(port + 10000, 1, InetAddress.getLoopbackAddress())) {
          return port;
        } catch (IOException taken) {
          // try another
        }
      }
    }
    throw new IllegalStateException("no free port pair for a cluster node");
  }

  private void run(int masters) throws Exception {
    for (int i = 0; i < masters; i++) {
      int port = freePort();
      Path nodeDir = Files.createDirectories(dir.resolve("node-" + port));
      try {
        nodes.add(new ProcessBuilder(List.of("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
            "--cluster-enabled", "yes", "--cluster-config-file", nodeDir.resolve("nodes.conf").toString(),
            "--cluster-node-timeout", "5000", "--save", "", "--appendonly", "no", "--dir", nodeDir.toString(),
            "--loglevel", "warning"))
            .redirectErrorStream(true).redirectOutput(nodeDir.resolve("redis.log").toFile()).start());
      } catch (IOException e) {
        throw new IllegalStateException("the mcp-redis tests need redis-server on the PATH"
            + " (Debian/Ubuntu: apt-get install redis-server): " + e.getMessage(), e);
      }
      ports.add(port);
      awaitPort(port);
    }
    List<String> create = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
    for (int port : ports) {
      create.add("127.0.0.1:" + port);
    }
    create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
    String out = exec(create);
    if (!out.contains("All 16384 slots covered")) {
      throw new IllegalStateException("redis-cli --cluster create failed: " + out);
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    for (int port : ports) { // polling deadline: every node sees the cluster up
      while (!exec(List.of("redis-cli", "-p", Integer.toString(port), "cluster", "info")).contains("cluster_state:ok")) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the cluster did not reach state ok on " + port);
        }
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
      }
    }
  }

  private static void awaitPort(int port) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) { // polling deadline: the port answers once the node is up
      try (Socket s = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException e) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("redis-server (cluster node) did not start on " + port);
        }
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
      }
    }
  }

  /** Runs a redis-cli command line; returns what it printed (bounded by a 30 s deadline). */
  static String exec(List<String> command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("timed out: " + command);
    }
    return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }

  /** The node ports. */
  List<Integer> ports() {
    return List.copyOf(ports);
  }

  /** A seed URI (any node; the client discovers the others). */
  String uri() {
    return "redis://127.0.0.1:" + ports.get(0);
  }

  @Override
  public void close() throws Exception {
    for (Process p : nodes) {
      p.destroy();
    }
    for (Process p : nodes) {
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }
}
