package org.mcpkit.transport.undertow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.mcpkit.protocol.CallToolResult;
import org.mcpkit.protocol.Implementation;
import org.mcpkit.protocol.Tool;
import org.mcpkit.server.McpServer;
import org.mcpkit.server.ToolSpec;
import org.mcpkit.testing.SseReader;

/**
 * Graceful drain with several open streams and several in-flight calls: readiness turns 503 first,
 * new streams and calls are refused, every stream gets {@code retry:} and ends, every call
 * finishes, then the listener stops.
 */
class UndertowDrainTest {
  private static final int STREAMS = 4;
  private static final int CALLS = 5;
  private static final ObjectMapper M = new ObjectMapper();
  private static final String META =
      "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\",\"io.modelcontextprotocol/clientCapabilities\":{}}";
  private static final String SHUTTING_DOWN =
      "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32603,\"message\":\"Server is shutting down\"}}";

  private static HttpRequest listen(URI uri, int id) {
    return HttpRequest.newBuilder(uri)
        .header("Content-Type", "application/json")
        .header("Accept", "application/json, text/event-stream")
        .header("MCP-Protocol-Version", "2026-07-28")
        .header("Mcp-Method", "subscriptions/listen")
        .POST(HttpRequest.BodyPublishers.ofString(
            "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"subscriptions/listen\",\"params\":{\"notifications\":"
                + "{\"toolsListChanged\":true}," + META + "}}"))
        .build();
  }

  private static HttpRequest work(URI uri, int id) {
    return HttpRequest.newBuilder(uri)
        .header("Content-Type", "application/json")
        .header("Accept", "application/json, text/event-stream")
        .header("MCP-Protocol-Version", "2026-07-28")
        .header("Mcp-Method", "tools/call")
        .header("Mcp-Name", "work")
        .POST(HttpRequest.BodyPublishers.ofString(
            "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"work\","
                + "\"arguments\":{\"n\":" + id + "}," + META + "}}"))
        .build();
  }

  @Test
  void drainFinishesEveryCallAndEndsEveryStream() throws Exception {
    CountDownLatch started = new CountDownLatch(CALLS);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger runs = new AtomicInteger();
    McpServer mcp =
        McpServer.builder(Implementation.of("drain", "1"))
            .tool(
                ToolSpec.of(
                    Tool.builder("work", Map.of("type", "object")).description("work").build(),
                    (ctx, args) -> {
                      runs.incrementAndGet();
                      started.countDown();
                      release.await();
                      return CallToolResult.text("done " + args.get("n"));
                    }))
            .build();
    UndertowMcpServer server = UndertowMcpServer.builder(mcp).build().start();
    CompletableFuture<Void> closing = null;
    try {
      URI uri = URI.create(server.url());
      URI ready = URI.create("http://127.0.0.1:" + server.port() + "/readyz");
      HttpClient client = HttpClient.newHttpClient();
      List<SseReader> streams = new ArrayList<>();
      for (int i = 0; i < STREAMS; i++) {
        HttpResponse<InputStream> r = client.send(listen(uri, 100 + i), HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, r.statusCode());
        SseReader sse = new SseReader(r.body());
        streams.add(sse);
        assertEquals("notifications/subscriptions/acknowledged", M.readTree(sse.nextEvent(10)).get("method").asText());
      }
      List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
      for (int i = 1; i <= CALLS; i++) {
        calls.add(client.sendAsync(work(uri, i), HttpResponse.BodyHandlers.ofString()));
      }
      assertTrue(started.await(10, TimeUnit.SECONDS), "calls running: " + (CALLS - started.getCount()));
      HttpResponse<String> before = client.send(HttpRequest.newBuilder(ready).GET().build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, before.statusCode());
      assertEquals("ready", before.body());

      closing = CompletableFuture.runAsync(server::close);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (server.isReady() && System.nanoTime() < deadline) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5)); // polling deadline
      }
      assertFalse(server.isReady(), "readiness turns 503 at once");
      HttpResponse<String> notReady = client.send(HttpRequest.newBuilder(ready).GET().build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(503, notReady.statusCode());
      assertEquals("not ready", notReady.body());

      for (SseReader sse : streams) {
        List<String> frames = new ArrayList<>();
        String frame;
        do {
          frame = sse.next(10);
          if (!frame.equals(":")) {
            frames.add(frame);
          }
        } while (!frame.equals(SseReader.EOF));
        assertEquals(List.of("retry:3000", SseReader.EOF), frames, "the retry hint, then the end of the stream");
        sse.close();
      }

      // Still draining (the calls hold it open): new streams and calls are refused, handlers do not run.
      for (HttpRequest refused : List.of(listen(uri, 200), work(uri, 201))) {
        HttpResponse<String> r = client.send(refused, HttpResponse.BodyHandlers.ofString());
        assertEquals(503, r.statusCode(), r.body());
        assertEquals("application/json", r.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(M.readTree(SHUTTING_DOWN), M.readTree(r.body()));
      }
      assertEquals(CALLS, runs.get(), "no handler ran for a refused request");
      assertFalse(closing.isDone(), "close() waits for the in-flight calls");
      assertEquals(CALLS, calls.stream().filter(c -> !c.isDone()).count(), "every call is still in flight");

      release.countDown();
      for (int i = 1; i <= CALLS; i++) {
        HttpResponse<String> done = calls.get(i - 1).get(20, TimeUnit.SECONDS);
        assertEquals(200, done.statusCode());
        assertEquals("done " + i, M.readTree(done.body()).get("result").get("content").get(0).get("text").asText(), done.body());
      }
      closing.get(30, TimeUnit.SECONDS);
    } finally {
      release.countDown();
      server.close();
      if (closing != null) {
        closing.get(30, TimeUnit.SECONDS);
      }
      mcp.close();
    }
  }

  @Test
  void streamsEndAtTheirMaximumAgeWithJitter() throws Exception {
    int streams = 10;
    long ageMillis = 2000;
    McpServer mcp = McpServer.builder(Implementation.of("age", "1"))
        .tool(ToolSpec.of(Tool.builder("noop", Map.of("type", "object")).description("noop").build(),
            (ctx, args) -> CallToolResult.text("ok")))
        .build();
    try (UndertowMcpServer server = UndertowMcpServer.builder(mcp)
        .options(org.mcpkit.server.http.HttpEndpointOptions.builder()
            .maxStreamAge(java.time.Duration.ofMillis(ageMillis))
            .keepAlive(java.time.Duration.ofSeconds(30))
            .build())
        .build().start()) {
      URI uri = URI.create(server.url());
      HttpClient client = HttpClient.newHttpClient();
      long[] acked = new long[streams];
      long[] ended = new long[streams];
      List<List<String>> lines = new ArrayList<>();
      CountDownLatch done = new CountDownLatch(streams);
      List<CompletableFuture<HttpResponse<Void>>> responses = new ArrayList<>();
      for (int i = 0; i < streams; i++) {
        int n = i;
        List<String> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        lines.add(seen);
        responses.add(client.sendAsync(listen(uri, 300 + i), HttpResponse.BodyHandlers.fromLineSubscriber(
            new java.util.concurrent.Flow.Subscriber<String>() {
              @Override
              public void onSubscribe(java.util.concurrent.Flow.Subscription s) {
                s.request(Long.MAX_VALUE);
              }

              @Override
              public void onNext(String line) {
                long now = System.nanoTime();
                if (line.contains("notifications/subscriptions/acknowledged")) {
                  acked[n] = now;
                } else if (line.startsWith("retry:")) {
                  ended[n] = now;
                }
                if (!line.isEmpty() && !line.startsWith(":")) {
                  seen.add(line.startsWith("data:") ? "data" : line);
                }
              }

              @Override
              public void onError(Throwable t) {
                done.countDown();
              }

              @Override
              public void onComplete() {
                done.countDown();
              }
            })));
      }
      assertTrue(done.await(30, TimeUnit.SECONDS), "streams ended: " + (streams - done.getCount()));
      List<Long> ages = new ArrayList<>();
      for (int i = 0; i < streams; i++) {
        assertEquals(200, responses.get(i).get(10, TimeUnit.SECONDS).statusCode());
        assertEquals(List.of("event: message", "data", "retry: 3000"), lines.get(i), "the ack, then the retry hint, then the end");
        ages.add(TimeUnit.NANOSECONDS.toMillis(ended[i] - acked[i]));
      }
      System.err.println("stream ages (ms): " + ages);
      for (long age : ages) {
        assertTrue(age >= ageMillis - 100, "not before the maximum age: " + ages);
        assertTrue(age <= ageMillis + ageMillis / 10 + 1000, "within the age plus 10% jitter (and 1 s of scheduling slack): " + ages);
      }
      long spread = java.util.Collections.max(ages) - java.util.Collections.min(ages);
      assertTrue(spread >= 20, "jitter spreads the ends (uniform up to 200 ms): " + ages);
    } finally {
      mcp.close();
    }
  }
}
