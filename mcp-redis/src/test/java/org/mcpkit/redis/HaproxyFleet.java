package org.mcpkit.redis;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * A fleet on loopback: one redis-server ({@link RedisProcess}), two instance JVMs ({@code a} and
 * {@code b}, each the given main class running {@link FleetServer}) and HAProxy (the Debian package)
 * in front of them, round robin without stickiness, health-checking {@code /healthz} every 200 ms
 * (three failures in a row mark an instance down, one success up again; a check may take up to 2 s,
 * so a busy machine does not flap both instances down; a request to a dead instance is retried on
 * the other) and naming the instance that served each response in the
 * {@code X-Served-By} header. {@link #close()} stops every process it started, also after a
 * failed start.
 */
final class HaproxyFleet implements AutoCloseable {
  /** The response header HAProxy sets to the name of the instance that served the request. */
  static final String SERVED_BY = "X-Served-By";
  /** The sealing key ring both instances get (a 32-byte secret, base64). */
  private static final String KEY_RING =
      "{\"current\":{\"id\":\"fleet1\",\"secret\":\"c2NhbGUtb3V0LWZsZWV0LXRlc3Qtc2VhbGluZy1rZXkhIQ==\"}}";

  private final Path dir;
  private final Map<String, Process> instances = new LinkedHashMap<>();
  private final Map<String, Integer> ports = new LinkedHashMap<>();
  private RedisProcess redis;
  private Process haproxy;
  private int front;

  private HaproxyFleet(Path dir) {
    this.dir = dir;
  }

  /** Starts Redis, instances {@code a} and {@code b} of {@code main} (in parallel), then HAProxy. */
  static HaproxyFleet start(Class<?> main) throws Exception {
    HaproxyFleet fleet = new HaproxyFleet(Files.createTempDirectory("mcp-fleet"));
    try {
      fleet.redis = RedisProcess.start();
      Map<String, CompletableFuture<Integer>> ready = new LinkedHashMap<>();
      for (String name : List.of("a", "b")) {
        ready.put(name, fleet.instance(main, name));
      }
      for (Map.Entry<String, CompletableFuture<Integer>> e : ready.entrySet()) {
        fleet.ports.put(e.getKey(), fleet.awaitReady(e.getKey(), e.getValue()));
      }
      fleet.startHaproxy();
      return fleet;
    } catch (Exception | Error e) {
      fleet.close();
      throw e;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** Starts one instance JVM; the future completes with the port on its {@code READY} line. */
  private CompletableFuture<Integer> instance(Class<?> main, String name) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-Xmx192m", "-XX:TieredStopAtLevel=1",
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
        "-cp", System.getProperty("java.class.path"), main.getName(), redis.uri(), name)
        .redirectError(dir.resolve(name + ".log").toFile());
    pb.environment().put(FleetServer.SEALING_KEYS, KEY_RING);
    Process p = pb.start();
    instances.put(name, p);
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    return CompletableFuture.supplyAsync(() -> {
      try {
        String line = out.readLine();
        if (line == null || !line.startsWith("READY ")) {
          throw new IllegalStateException("instance " + name + " said " + line + ": " + log(name));
        }
        return Integer.parseInt(line.substring(6).trim());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  private int awaitReady(String name, CompletableFuture<Integer> port) throws Exception {
    try {
      return port.get(60, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("instance " + name + " did not start within 60 s: " + log(name), e);
    }
  }

  private void startHaproxy() throws Exception {
    front = freePort();
    Path cfg = dir.resolve("haproxy.cfg");
    Files.writeString(cfg, String.join("\n",
        "global",
        "  maxconn 2000",
        "  stats socket " + dir.resolve("haproxy.sock") + " mode 600 level admin",
        "defaults",
        "  mode http",
        "  timeout connect 1s",
        "  timeout client 60s",
        "  timeout server 60s",
        "  retries 3",
        "  option redispatch 1",
        "frontend mcp",
        "  bind 127.0.0.1:" + front,
        "  default_backend fleet",
        "backend fleet",
        "  balance roundrobin",
        "  option httpchk GET /healthz",
        "  http-check expect status 200",
        "  http-response set-header " + SERVED_BY + " %[srv_name]",
        "  timeout check 2s",
        "  default-server inter 200ms fall 3 rise 1",
        "  server a 127.0.0.1:" + ports.get("a") + " check",
        "  server b 127.0.0.1:" + ports.get("b") + " check",
        ""));
    try {
      haproxy = new ProcessBuilder("haproxy", "-db", "-f", cfg.toString())
          .redirectErrorStream(true).redirectOutput(dir.resolve("haproxy.log").toFile()).start();
    } catch (IOException e) {
      throw new IllegalStateException("these tests need haproxy on the PATH (Debian/Ubuntu: apt-get install haproxy): "
          + e.getMessage(), e);
    }
    await(() -> {
      try (Socket s = new Socket("127.0.0.1", front)) {
        return true;
      } catch (IOException e) {
        if (!haproxy.isAlive()) {
          throw new IllegalStateException("haproxy exited: " + log("haproxy"));
        }
        return false;
      }
    }, 15, "haproxy listening");
    await(() -> "UP".equals(status("a")) && "UP".equals(status("b")), 15, "haproxy sees both instances up");
  }

  /** The MCP endpoint behind HAProxy. */
  String url() {
    return "http://127.0.0.1:" + front + "/mcp";
  }

  /** A path of the instance {@code name} itself, past the balancer (probes only). */
  String direct(String name, String path) {
    return "http://127.0.0.1:" + ports.get(name) + path;
  }

  /** The Redis the instances share. */
  RedisProcess redis() {
    return redis;
  }

  /** SIGKILL: the instance gets no chance to drain or to say goodbye to Redis. */
  void kill9(String name) throws InterruptedException {
    Process p = instances.get(name);
    p.destroyForcibly();
    if (!p.waitFor(10, TimeUnit.SECONDS)) {
      throw new IllegalStateException("instance " + name + " survived SIGKILL");
    }
  }

  /** HAProxy's view of instance {@code name}: {@code UP}, {@code DOWN}, ... (its stats socket). */
  String status(String name) {
    for (String line : admin("show stat").split("\n")) {
      String[] f = line.split(",", -1);
      if (f.length > 17 && f[0].equals("fleet") && f[1].equals(name)) {
        return f[17];
      }
    }
    return "unknown";
  }

  private String admin(String command) {
    try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      ch.connect(UnixDomainSocketAddress.of(dir.resolve("haproxy.sock")));
      ch.write(ByteBuffer.wrap((command + "\n").getBytes(StandardCharsets.US_ASCII)));
      ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
      StringBuilder out = new StringBuilder();
      while (ch.read(buf) >= 0) {
        buf.flip();
        out.append(StandardCharsets.US_ASCII.decode(buf));
        buf.clear();
      }
      return out.toString();
    } catch (IOException e) {
      return "";
    }
  }

  /** Waits (polling, with a deadline) until {@code condition} holds. */
  static void await(BooleanSupplier condition, int seconds, String what) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + seconds + " s: " + what);
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20)); // polling deadline
    }
  }

  /** The log of {@code name} ({@code a}, {@code b} or {@code haproxy}), for failure messages. */
  String log(String name) {
    try {
      return Files.readString(dir.resolve(name + ".log"));
    } catch (IOException e) {
      return "(no log of " + name + ")";
    }
  }

  /** Stops HAProxy, the instances (closing their input, then SIGTERM, then SIGKILL) and Redis. */
  @Override
  public void close() throws Exception {
    for (Process p : instances.values()) { // closing its input is an instance's graceful stop
      try {
        p.getOutputStream().close();
      } catch (IOException ignored) {
        // already gone
      }
    }
    List<Process> all = new ArrayList<>(instances.values());
    if (haproxy != null) {
      all.add(haproxy);
    }
    if (haproxy != null) {
      haproxy.destroy();
    }
    for (Process p : all) {
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroy();
        if (!p.waitFor(5, TimeUnit.SECONDS)) {
          p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      }
    }
    if (redis != null) {
      redis.close();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }
}
