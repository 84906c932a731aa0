package org.mcpkit.examples.shutdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mcpkit.testing.SseReader;

/**
 * SIGTERM on the examples, as ECS sends it when it stops a task: the example runs as its own JVM,
 * holds open listen streams, a 2025-era GET stream and slow calls; after {@link Process#destroy()}
 * (SIGTERM on Linux) readiness is 503 within 100 ms, every stream gets {@code retry:} and ends,
 * every call returns its result, and the JVM exits 0 within the drain timeout.
 */
class GracefulShutdownTest {
  private static final ObjectMapper M = new ObjectMapper();
  private static final int LISTENS = 3;
  private static final int CALLS = 3;
  private static final int DRAIN_SECONDS = 4;
  private static final String META =
      "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\",\"io.modelcontextprotocol/clientCapabilities\":{}}";

  @ParameterizedTest
  @ValueSource(strings = {"undertow", "tomcat"})
  void sigtermDrainsThenExitsZero(String transport) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        DrainProbeMain.class.getName(), transport).redirectErrorStream(true);
    pb.environment().put("MCP_PORT", "0");
    pb.environment().put("MCP_HOST", "127.0.0.1");
    pb.environment().put("MCP_DRAIN_TIMEOUT", Integer.toString(DRAIN_SECONDS));
    Process process = pb.start();
    BlockingQueue<String> out = new LinkedBlockingQueue<>();
    StringBuilder log = new StringBuilder();
    Thread pump = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          synchronized (log) {
            log.append(line).append('\n');
          }
          out.add(line);
        }
      } catch (java.io.IOException e) {
        // the process ended
      }
    }, "probe-output");
    pump.setDaemon(true);
    pump.start();
    try {
      String url = awaitLine(out, "listening ", 30).substring("listening ".length());
      URI uri = URI.create(url);
      URI readyz = uri.resolve("/readyz");
      HttpClient client = HttpClient.newHttpClient();
      assertEquals(200, client.send(HttpRequest.newBuilder(readyz).build(), HttpResponse.BodyHandlers.ofString()).statusCode());

      List<SseReader> streams = new ArrayList<>();
      for (int i = 0; i < LISTENS; i++) {
        HttpResponse<InputStream> r = client.send(listen(uri, 100 + i), HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, r.statusCode());
        SseReader sse = new SseReader(r.body());
        assertEquals("notifications/subscriptions/acknowledged", M.readTree(sse.nextEvent(10)).get("method").asText());
        streams.add(sse);
      }
      SseReader get = legacyGetStream(client, uri);
      List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
      for (int i = 1; i <= CALLS; i++) {
        calls.add(client.sendAsync(slow(uri, i), HttpResponse.BodyHandlers.ofString()));
      }
      for (int i = 0; i < CALLS; i++) {
        awaitLine(out, "started ", 10);
      }

      long sigterm = System.nanoTime();
      process.destroy(); // SIGTERM
      int status = 200;
      long deadline = sigterm + TimeUnit.SECONDS.toNanos(2);
      while (System.nanoTime() < deadline) {
        status = client.send(HttpRequest.newBuilder(readyz).timeout(Duration.ofSeconds(1)).build(),
            HttpResponse.BodyHandlers.ofString()).statusCode();
        if (status == 503) {
          break;
        }
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2)); // polling deadline
      }
      long readyMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sigterm);
      assertEquals(503, status, "readiness after SIGTERM");
      assertTrue(readyMillis <= 100, "readiness 503 within 100 ms of SIGTERM, took " + readyMillis + " ms");

      for (SseReader sse : streams) {
        assertEquals(List.of("retry:3000", SseReader.EOF), framesToEnd(sse), "listen stream: the retry hint, then the end");
      }
      List<String> getFrames = framesToEnd(get);
      assertEquals(List.of("retry:3000", SseReader.EOF), getFrames.subList(getFrames.size() - 2, getFrames.size()),
          "GET stream: the retry hint, then the end: " + getFrames);

      for (int i = 1; i <= CALLS; i++) {
        HttpResponse<String> done = calls.get(i - 1).get(DRAIN_SECONDS, TimeUnit.SECONDS);
        assertEquals(200, done.statusCode(), done.body());
        assertEquals("done " + i, answer(done).get("result").get("content").get(0).get("text").asText(), done.body());
      }
      assertTrue(process.waitFor(DRAIN_SECONDS + 2, TimeUnit.SECONDS), "exited within the drain timeout");
      long exitMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sigterm);
      assertEquals(0, process.exitValue(), () -> "exit status; output:\n" + log);
      System.err.println(transport + ": readiness 503 after " + readyMillis + " ms, exit 0 after " + exitMillis + " ms");
    } finally {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /**
   * The JSON-RPC answer of a call: the JSON body, or the last {@code data:} line when the call ran
   * past {@code streamAfter} (500 ms; a loaded machine gets there) and was answered as a stream.
   */
  private static com.fasterxml.jackson.databind.JsonNode answer(HttpResponse<String> r) throws Exception {
    if (!r.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream")) {
      return M.readTree(r.body());
    }
    String data = null;
    for (String line : r.body().split("\n")) {
      if (line.startsWith("data:")) {
        data = line.substring(5).trim();
      }
    }
    return M.readTree(data == null ? "null" : data);
  }

  private static List<String> framesToEnd(SseReader sse) throws Exception {
    List<String> frames = new ArrayList<>();
    String frame;
    do {
      frame = sse.next(DRAIN_SECONDS + 2);
      if (!frame.equals(":")) {
        frames.add(frame);
      }
    } while (!frame.equals(SseReader.EOF));
    sse.close();
    return frames;
  }

  private static String awaitLine(BlockingQueue<String> out, String prefix, int seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (true) {
      String line = out.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (line == null) {
        throw new AssertionError("no line starting with '" + prefix + "' within " + seconds + " s");
      }
      if (line.startsWith(prefix)) {
        return line;
      }
    }
  }

  private static HttpRequest listen(URI uri, int id) {
    return post(uri, "subscriptions/listen", null, "{\"jsonrpc\":\"2.0\",\"id\":" + id
        + ",\"method\":\"subscriptions/listen\",\"params\":{\"notifications\":{\"toolsListChanged\":true}," + META + "}}");
  }

  private static HttpRequest slow(URI uri, int n) {
    return post(uri, "tools/call", "slow", "{\"jsonrpc\":\"2.0\",\"id\":" + n
        + ",\"method\":\"tools/call\",\"params\":{\"name\":\"slow\",\"arguments\":{\"n\":" + n + "}," + META + "}}");
  }

  private static HttpRequest post(URI uri, String method, String name, String body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri)
        .header("Content-Type", "application/json")
        .header("Accept", "application/json, text/event-stream")
        .header("MCP-Protocol-Version", "2026-07-28")
        .header("Mcp-Method", method);
    if (name != null) {
      b.header("Mcp-Name", name);
    }
    return b.POST(HttpRequest.BodyPublishers.ofString(body)).build();
  }

  /** A 2025-11-25 session and its standalone GET stream. */
  private static SseReader legacyGetStream(HttpClient client, URI uri) throws Exception {
    HttpResponse<String> init = client.send(HttpRequest.newBuilder(uri)
        .header("Content-Type", "application/json")
        .header("Accept", "application/json, text/event-stream")
        .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
            + "\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, init.statusCode(), init.body());
    String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
    HttpResponse<String> initialized = client.send(HttpRequest.newBuilder(uri)
        .header("Content-Type", "application/json")
        .header("Accept", "application/json, text/event-stream")
        .header("MCP-Protocol-Version", "2025-11-25")
        .header("Mcp-Session-Id", session)
        .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(202, initialized.statusCode(), initialized.body());
    HttpResponse<InputStream> get = client.send(HttpRequest.newBuilder(uri)
        .header("Accept", "text/event-stream")
        .header("MCP-Protocol-Version", "2025-11-25")
        .header("Mcp-Session-Id", session)
        .GET().build(), HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(200, get.statusCode());
    assertEquals("text/event-stream", get.headers().firstValue("Content-Type").orElseThrow());
    return new SseReader(get.body());
  }
}
