package org.mcpkit.examples.war;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * A standalone servlet container (an unpacked Tomcat or Jetty distribution) running the example
 * WAR in a separate JVM on a loopback port, with its own base directory. {@link #close()} stops it
 * with SIGTERM (the container's own shutdown hook undeploys the application), then kills it if it
 * has not exited in time; a JVM shutdown hook does the same if the test JVM ends first.
 */
final class StandaloneContainer implements AutoCloseable {
  /** The context path the WAR is deployed at (it is copied as {@code mcpkit.war}). */
  static final String CONTEXT = "/mcpkit";

  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
  private static final int ATTEMPTS = 3;

  private final String name;
  private final Process process;
  private final Path log;
  private final int port;
  private final Thread reaper;
  private int exitCode = Integer.MIN_VALUE;

  private StandaloneContainer(String name, Process process, Path log, int port) {
    this.name = name;
    this.process = process;
    this.log = log;
    this.port = port;
    this.reaper = new Thread(this::kill, "stop-" + name);
    Runtime.getRuntime().addShutdownHook(reaper);
  }

  /** Apache Tomcat from {@code tomcat.home}, in a fresh CATALINA_BASE under {@code dir}. */
  static StandaloneContainer tomcat(Path dir) throws IOException {
    Path home = Path.of(System.getProperty("tomcat.home"));
    return start("tomcat", dir, port -> {
      Path base = Files.createTempDirectory(dir, "tomcat-base");
      copyTree(home.resolve("conf"), base.resolve("conf"));
      for (String d : new String[] {"logs", "temp", "work", "webapps"}) {
        Files.createDirectories(base.resolve(d));
      }
      // no shutdown port; one connector on loopback; error pages without report or version
      Files.writeString(base.resolve("conf/server.xml"), """
          <Server port="-1" shutdown="SHUTDOWN">
            <Service name="Catalina">
              <Connector port="%d" address="127.0.0.1" protocol="HTTP/1.1" connectionTimeout="20000"/>
              <Engine name="Catalina" defaultHost="localhost">
                <Host name="localhost" appBase="webapps" unpackWARs="true" autoDeploy="false">
                  <Valve className="org.apache.catalina.valves.ErrorReportValve"
                         showReport="false" showServerInfo="false"/>
                </Host>
              </Engine>
            </Service>
          </Server>
          """.formatted(port));
      copyWar(base.resolve("webapps"));
      List<String> cmd = new ArrayList<>(List.of(java(), "-XX:TieredStopAtLevel=1",
          // what catalina.sh adds on Java 17, so that Tomcat's leak detection runs on undeploy
          "--add-opens=java.base/java.lang=ALL-UNNAMED",
          "--add-opens=java.base/java.io=ALL-UNNAMED",
          "--add-opens=java.base/java.util=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
          "--add-opens=java.rmi/sun.rmi.transport=ALL-UNNAMED",
          "-Dcatalina.home=" + home, "-Dcatalina.base=" + base,
          "-Djava.io.tmpdir=" + base.resolve("temp"),
          "-Djava.util.logging.manager=org.apache.juli.ClassLoaderLogManager",
          "-Djava.util.logging.config.file=" + base.resolve("conf/logging.properties"),
          "-cp", home.resolve("bin/bootstrap.jar") + java.io.File.pathSeparator + home.resolve("bin/tomcat-juli.jar"),
          "org.apache.catalina.startup.Bootstrap", "start"));
      return new ProcessBuilder(cmd).directory(base.toFile());
    });
  }

  /** Eclipse Jetty from {@code jetty.home} with the ee10 deployer and annotations, in a fresh JETTY_BASE. */
  static StandaloneContainer jetty(Path dir) throws IOException {
    Path home = Path.of(System.getProperty("jetty.home"));
    return start("jetty", dir, port -> {
      Path base = Files.createTempDirectory(dir, "jetty-base");
      Files.createDirectories(base.resolve("webapps"));
      Files.createDirectories(base.resolve("environments"));
      Files.createDirectories(base.resolve("tmp"));
      copyWar(base.resolve("webapps"));
      // The http properties come right after their module: a property given after an ee10 module
      // belongs to the ee10 environment and would not reach the connector.
      List<String> cmd = List.of(java(), "-XX:TieredStopAtLevel=1",
          "-Djetty.home=" + home, "-Djetty.base=" + base, "-Djava.io.tmpdir=" + base.resolve("tmp"),
          "-jar", home.resolve("start.jar").toString(),
          "--module=http", "jetty.http.host=127.0.0.1", "jetty.http.port=" + port,
          "jetty.httpConfig.sendServerVersion=false",
          "--module=ee10-deploy,ee10-annotations");
      return new ProcessBuilder(cmd).directory(base.toFile());
    });
  }

  /** Writes a container's configuration for a port and returns the command that starts it. */
  private interface Launch {
    ProcessBuilder prepare(int port) throws IOException;
  }

  /**
   * Starts the container on a free loopback port and waits until the MCP servlet answers. The port
   * is found free, then handed to the container; if another process took it in between, the
   * container fails to bind and the next attempt uses another port.
   */
  private static StandaloneContainer start(String name, Path dir, Launch launch) throws IOException {
    String failure = "";
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      int port = freePort();
      ProcessBuilder pb = launch.prepare(port);
      Path log = Files.createTempFile(dir, name + "-", ".log");
      pb.redirectErrorStream(true).redirectOutput(log.toFile());
      pb.environment().keySet().removeIf(k -> k.startsWith("CATALINA_") || k.startsWith("JETTY_")
          || k.equals("JAVA_TOOL_OPTIONS") || k.equals("JDK_JAVA_OPTIONS"));
      StandaloneContainer c = new StandaloneContainer(name, pb.start(), log, port);
      if (c.awaitReady()) {
        return c;
      }
      failure = c.logText();
      c.close();
      if (!failure.contains("BindException") && !failure.contains("Address already in use")) {
        break;
      }
    }
    throw new AssertionError(name + " did not start; its log:\n" + failure);
  }

  /** Polls until the MCP servlet answers a GET with 405 (no 2025 session stream without a session id). */
  private boolean awaitReady() {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline && process.isAlive()) {
      try {
        HttpResponse<Void> r = http.send(
            HttpRequest.newBuilder(mcpUri()).timeout(Duration.ofSeconds(5)).GET().build(),
            HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 405) {
          return true;
        }
      } catch (ConnectException notYet) {
        // not listening yet
      } catch (IOException e) {
        // connection reset while starting
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
    }
    return false;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static void copyWar(Path webapps) throws IOException {
    Files.copy(Path.of(System.getProperty("war.file")), webapps.resolve(CONTEXT.substring(1) + ".war"));
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  /** The container's name ({@code tomcat} or {@code jetty}). */
  String name() {
    return name;
  }

  /** The loopback port the container listens on. */
  int port() {
    return port;
  }

  /** {@code http://127.0.0.1:port}. */
  String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  /** The MCP endpoint of the deployed WAR. */
  URI mcpUri() {
    return URI.create(baseUrl() + CONTEXT + McpInitializer.PATH);
  }

  /** Everything the container wrote to stdout and stderr so far. */
  String logText() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The exit code after {@link #close()}. */
  int exitCode() {
    return exitCode;
  }

  /** Stops the container (SIGTERM, then SIGKILL if it has not exited after 30 seconds); idempotent. */
  @Override
  public void close() {
    kill();
    try {
      Runtime.getRuntime().removeShutdownHook(reaper);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running already
    }
  }

  private synchronized void kill() {
    if (exitCode != Integer.MIN_VALUE) {
      return;
    }
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    children.forEach(ProcessHandle::destroy);
    try {
      if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    children.forEach(ProcessHandle::destroyForcibly);
    exitCode = process.isAlive() ? -1 : process.exitValue();
  }
}
