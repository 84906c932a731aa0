package org.mcpkit.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A real redis-server of the test's own, on a free loopback port with a temporary directory. */
final class RedisProcess implements AutoCloseable {
  private final Path dir;
  private final int port;
  private Process process;

  private RedisProcess(Path dir, int port) {
    this.dir = dir;
    this.port = port;
  }

  static RedisProcess start() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    RedisProcess r = new RedisProcess(Files.createTempDirectory("mcp-redis-test"), port);
    r.run();
    return r;
  }

  void run() throws Exception {
    try {
      process = new ProcessBuilder(List.of("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
          "--save", "", "--appendonly", "no", "--dir", dir.toString(), "--loglevel", "warning"))
          .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
    } catch (IOException e) {
      throw new IllegalStateException("the mcp-redis tests need redis-server on the PATH"
          + " (Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis): " + e.getMessage(), e);
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) { // polling deadline: the port answers once the server is up
      try (Socket s = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException e) {
        if (System.nanoTime() > deadline || !process.isAlive()) {
          throw new IllegalStateException("redis-server did not start: " + Files.readString(dir.resolve("redis.log")));
        }
        java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L); // polling deadline
      }
    }
  }

  /** Stops the server keeping its data on disk (SHUTDOWN SAVE), as a restart with persistence would. */
  void stopSaving() throws Exception {
    RedisClient client = RedisClient.create(uri());
    try (StatefulRedisConnection<String, String> c = client.connect()) {
      c.sync().shutdown(true);
    } catch (io.lettuce.core.RedisException expected) {
      // the connection drops as the server exits
    } finally {
      client.shutdown();
    }
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }

  /** Freezes (SIGSTOP) or thaws (SIGCONT) the server: connections stay open, nothing answers. */
  void signal(String name) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start();
    if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
      throw new IllegalStateException("kill -" + name + " failed");
    }
  }

  String uri() {
    return "redis://127.0.0.1:" + port;
  }

  @Override
  public void close() throws Exception {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
