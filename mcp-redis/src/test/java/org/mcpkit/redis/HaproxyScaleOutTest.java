package org.mcpkit.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mcpkit.testing.SseReader;

/**
 * A real load balancer in front of two server JVMs: HAProxy (the Debian package) in round-robin
 * mode without stickiness, two {@link RedisInstanceMain} processes and one redis-server, all on
 * loopback. A 2025-11-25 session is served by whichever instance the balancer picks, a GET stream
 * hears what the other instance causes, and after {@code kill -9} of one instance every later
 * request of the session succeeds on the survivor.
 */
class HaproxyScaleOutTest {
  private static final ObjectMapper M = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private RedisProcess redis;
  private Process a;
  private Process b;
  private Process haproxy;
  private Path dir;
  private String url;

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** Starts one instance JVM and reads its port off its first line. */
  private static Process instance(String redisUri, String name, int[] port, Path log) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-Xmx256m", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
        "-cp", System.getProperty("java.class.path"), RedisInstanceMain.class.getName(), redisUri, name)
        .redirectError(log.toFile()).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> {
      try {
        return out.readLine();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    String line = ready.get(60, TimeUnit.SECONDS);
    assertTrue(line != null && line.startsWith("READY "), () -> "instance " + name + " said " + line + ": " + read(log));
    port[0] = Integer.parseInt(line.substring(6).trim());
    return p;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "(no " + file + ")";
    }
  }

  @BeforeEach
  void start() throws Exception {
    redis = RedisProcess.start();
    int[] pa = new int[1];
    int[] pb = new int[1];
    dir = Files.createTempDirectory("mcp-haproxy-test");
    a = instance(redis.uri(), "a", pa, dir.resolve("a.log"));
    b = instance(redis.uri(), "b", pb, dir.resolve("b.log"));
    int front = freePort();
    Path cfg = dir.resolve("haproxy.cfg");
    Files.writeString(cfg, String.join("\n",
        "global",
        "  maxconn 2000",
        "defaults",
        "  mode http",
        "  timeout connect 1s",
        "  timeout client 60s",
        "  timeout server 60s",
        "  timeout tunnel 1h",
        "  retries 3",
        "  option redispatch 1",
        "frontend mcp",
        "  bind 127.0.0.1:" + front,
        "  default_backend fleet",
        "backend fleet",
        "  balance roundrobin",
        "  option httpchk GET /readyz",
        "  http-check expect status 200",
        "  default-server inter 200ms fall 1 rise 1",
        "  server a 127.0.0.1:" + pa[0] + " check",
        "  server b 127.0.0.1:" + pb[0] + " check",
        ""));
    try {
      haproxy = new ProcessBuilder("haproxy", "-db", "-f", cfg.toString())
          .redirectErrorStream(true).redirectOutput(dir.resolve("haproxy.log").toFile()).start();
    } catch (IOException e) {
      throw new IllegalStateException("this test needs haproxy on the PATH (Debian/Ubuntu: apt-get install haproxy): "
          + e.getMessage(), e);
    }
    url = "http://127.0.0.1:" + front + "/mcp";
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (true) { // polling deadline: the front end answers once HAProxy is up
      try (Socket s = new Socket("127.0.0.1", front)) {
        break;
      } catch (IOException e) {
        if (System.nanoTime() > deadline || !haproxy.isAlive()) {
          throw new IllegalStateException("haproxy did not start: " + Files.readString(dir.resolve("haproxy.log")));
        }
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
      }
    }
  }

  @AfterEach
  void stop() throws Exception {
    for (Process p : new Process[] {haproxy, a, b}) {
      if (p != null && p.isAlive()) {
        p.destroy();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
          p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      }
    }
    if (redis != null) {
      redis.close();
    }
    if (dir != null) {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private HttpRequest.Builder post(String body, String session) {
    HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
        .header("Content-Type", "application/json")
        .header("Accept", "application/json, text/event-stream")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (session != null) {
      r.header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-11-25");
    }
    return r;
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private String session() throws Exception {
    HttpResponse<String> init = send(post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
        + "\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"c\",\"version\":\"1\"}}}", null));
    assertEquals(200, init.statusCode(), () -> init.body() + read(dir.resolve("haproxy.log")));
    String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
    assertEquals(202, send(post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", session)).statusCode());
    return session;
  }

  private static String call(int id, String tool, int n) {
    return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
        + "\",\"arguments\":{\"n\":" + n + "}}}";
  }

  private static String text(int id, String text) {
    return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"" + text + "\"}]}}";
  }

  private void assertEcho(String session, int id) throws Exception {
    HttpResponse<String> r = send(post(call(id, "echo", id), session));
    assertEquals(200, r.statusCode(), r.body());
    assertEquals(M.readTree(text(id, "echo " + id)), M.readTree(r.body()));
  }

  /** Which instances answer {@code whoami} over {@code calls} calls of the session. */
  private Set<String> whoAnswers(String session, int calls) throws Exception {
    Set<String> names = new TreeSet<>();
    for (int i = 0; i < calls; i++) {
      HttpResponse<String> r = send(post(call(900 + i, "whoami", 0), session));
      assertEquals(200, r.statusCode(), r.body());
      names.add(M.readTree(r.body()).at("/result/content/0/text").asText());
    }
    return names;
  }

  @Test
  void aSessionIsServedByBothInstancesFor200CallsAndByTheSurvivorAfterKill9() throws Exception {
    String session = session();
    assertEquals(Set.of("a", "b"), whoAnswers(session, 6), "round robin without affinity: both serve the session");
    for (int i = 0; i < 200; i++) {
      assertEcho(session, 10 + i);
    }
    a.destroyForcibly(); // SIGKILL: no drain, no goodbye to Redis
    assertTrue(a.waitFor(10, TimeUnit.SECONDS));
    for (int i = 0; i < 50; i++) {
      assertEcho(session, 300 + i); // the balancer retries a refused connect on the survivor
    }
    assertEquals(Set.of("b"), whoAnswers(session, 4));
  }

  @Test
  void aGetStreamHearsWhatEitherInstanceCauses() throws Exception {
    String session = session();
    assertEquals(200, send(post("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"resources/subscribe\",\"params\":{\"uri\":\"test://hot\"}}",
        session)).statusCode());
    HttpResponse<InputStream> stream = http.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream")
        .header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-11-25").GET().build(),
        HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(200, stream.statusCode());
    try (SseReader events = new SseReader(stream.body())) {
      assertEquals(":", events.next(5));
      // two calls in a row: round robin sends one to each instance
      Set<String> touchedBy = new TreeSet<>();
      for (int i = 0; i < 2; i++) {
        HttpResponse<String> r = send(post(call(20 + i, "touch", 0), session));
        assertEquals(200, r.statusCode(), r.body());
        touchedBy.add(M.readTree(r.body()).at("/result/content/0/text").asText());
      }
      assertEquals(Set.of("touched by a", "touched by b"), touchedBy);
      String updated = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/resources/updated\",\"params\":{\"uri\":\"test://hot\"}}";
      for (int i = 0; i < 2; i++) {
        assertEquals(M.readTree(updated), M.readTree(events.nextEvent(5)), "update " + (i + 1) + " of 2");
      }
    }
  }
}
