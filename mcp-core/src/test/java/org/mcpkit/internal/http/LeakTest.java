package org.mcpkit.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.mcpkit.internal.dispatch.Dispatchers;
import org.mcpkit.internal.dispatch.ServerImpl;
import org.mcpkit.protocol.CallToolResult;
import org.mcpkit.protocol.ClientCapabilities;
import org.mcpkit.protocol.ElicitRequest;
import org.mcpkit.protocol.ElicitationCapability;
import org.mcpkit.protocol.Implementation;
import org.mcpkit.protocol.Tool;
import org.mcpkit.server.McpServer;
import org.mcpkit.server.ToolSpec;
import org.mcpkit.server.http.HttpEndpointOptions;
import org.mcpkit.testing.FakeHttpExchange;
import org.mcpkit.testing.ManualTime;

/**
 * Nothing the engine holds is left behind: after 20,000 calls of both eras, 2,000 streams abandoned
 * mid-response, 2,000 clients that vanish without closing, 500 server requests never answered and
 * 1,000 sessions that are never deleted and expire, every count of the engine is back at its
 * baseline, and no thread it started is alive. Time is injected: nothing waits for a timeout.
 */
class LeakTest {
  private static final String META =
      "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\",\"io.modelcontextprotocol/clientCapabilities\":{}}";
  private final ManualTime time = new ManualTime();
  private final AtomicInteger handlerThreads = new AtomicInteger();
  private final ExecutorService handlers =
      Executors.newCachedThreadPool(r -> new Thread(r, "leak-handler-" + handlerThreads.incrementAndGet()));

  private McpServer server() {
    Map<String, Object> object = Map.of("type", "object");
    return McpServer.builder(Implementation.of("leaks", "1"))
        .executor(handlers)
        .maxConcurrentRequests(10_000)
        .tool(ToolSpec.of(Tool.builder("echo", object).build(), (ctx, args) -> CallToolResult.text("echo")))
        .tool(ToolSpec.of(Tool.builder("hold", object).build(), (ctx, args) -> {
          ctx.progress(1, 2.0, "started"); // the answer becomes a stream
          new CountDownLatch(1).await(); // until cancelled
          return CallToolResult.text("never");
        }))
        .tool(ToolSpec.of(Tool.builder("ask", object).build(), (ctx, args) -> {
          ctx.elicit("name", ElicitRequest.form("Name?", Map.of("type", "object", "properties", Map.of())));
          return CallToolResult.text("never");
        }).requiring(new ClientCapabilities(null, null, null, new ElicitationCapability(null, null), null)))
        .build();
  }

  private static Map<String, List<String>> headers(String session, String... extra) {
    Map<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    h.put("Host", List.of("127.0.0.1:8080"));
    h.put("Content-Type", List.of("application/json"));
    h.put("Accept", List.of("application/json, text/event-stream"));
    if (session != null) {
      h.put("Mcp-Session-Id", List.of(session));
    }
    for (int i = 0; i + 1 < extra.length; i += 2) {
      h.put(extra[i], List.of(extra[i + 1]));
    }
    return h;
  }

  private static FakeHttpExchange send(StreamableHttp http, String method, String body, Map<String, List<String>> headers)
      throws Exception {
    FakeHttpExchange ex = new FakeHttpExchange(method, "/mcp", headers, body.getBytes(StandardCharsets.UTF_8));
    http.service(ex);
    ex.head.get(10, TimeUnit.SECONDS);
    return ex;
  }

  private static String modernCall(int id, String tool) {
    return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
        + "\",\"arguments\":{}," + META.replace("{\"io.", "{\"progressToken\":\"p\",\"io.") + "}}";
  }

  private static String legacyCall(int id, String tool) {
    return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
        + "\",\"arguments\":{},\"_meta\":{\"progressToken\":\"p\"}}}";
  }

  private static String session(StreamableHttp http, String capabilities) throws Exception {
    FakeHttpExchange init = send(http, "POST", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
        + "\"protocolVersion\":\"2025-11-25\",\"capabilities\":" + capabilities
        + ",\"clientInfo\":{\"name\":\"c\",\"version\":\"1\"}}}", headers(null));
    assertEquals(200, init.head.get().status());
    String id = init.head.get().headers().get("mcp-session-id").get(0);
    FakeHttpExchange done = send(http, "POST", "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", headers(id));
    assertEquals(202, done.head.get().status());
    return id;
  }

  /** Reads a whole answer (a JSON body, or an SSE stream that ends). */
  private static String read(FakeHttpExchange ex) throws Exception {
    return LegacyHttp.body(ex);
  }

  /** A client that reads until the first bytes arrive, then goes away. */
  private static void abandon(FakeHttpExchange ex) {
    CountDownLatch first = new CountDownLatch(1);
    ex.subscribe(new Flow.Subscriber<List<ByteBuffer>>() {
      private Flow.Subscription s;

      @Override
      public void onSubscribe(Flow.Subscription s) {
        this.s = s;
        s.request(1);
      }

      @Override
      public void onNext(List<ByteBuffer> item) {
        first.countDown();
        s.cancel();
      }

      @Override
      public void onError(Throwable t) {}

      @Override
      public void onComplete() {}
    });
  }

  private static Map<String, Integer> counts(StreamableHttp http, ServerImpl server) {
    Map<String, Integer> c = new LinkedHashMap<>();
    c.put("active requests", http.activeCount());
    c.put("sessions", http.sessionCount());
    c.put("local sessions", http.localSessions());
    c.put("timer entries (open streams)", http.timerEntries());
    c.put("resumable streams", http.resumableStreams());
    c.put("sessions registered for notifications", server.legacySessionCount());
    c.put("listen streams", server.subscriptionCount());
    c.put("running calls", server.runningCalls());
    c.put("pending server requests", server.pendingServerRequests());
    return c;
  }

  @Test
  void everythingReturnsToItsBaseline() throws Exception {
    Set<Thread> threadsBefore = Set.copyOf(Thread.getAllStackTraces().keySet());
    McpServer server = server();
    ServerImpl impl = (ServerImpl) server;
    StreamableHttp http = new StreamableHttp(Dispatchers.of(server),
        HttpEndpointOptions.builder().clock(time.clock()).scheduler(time.scheduler()).maxSessions(5_000).build());
    Map<String, Integer> baseline = counts(http, impl);
    try {
      // 10,000 calls of each era; the 2025-era ones in 100 sessions, which are then deleted.
      for (int i = 0; i < 10_000; i++) {
        FakeHttpExchange ex = send(http, "POST", modernCall(i, "echo"),
            headers(null, "MCP-Protocol-Version", "2026-07-28", "Mcp-Method", "tools/call", "Mcp-Name", "echo"));
        assertTrue(read(ex).contains("\"text\":\"echo\""));
      }
      for (int s = 0; s < 100; s++) {
        String id = session(http, "{}");
        for (int i = 0; i < 100; i++) {
          assertTrue(read(send(http, "POST", legacyCall(i, "echo"), headers(id))).contains("\"text\":\"echo\""));
        }
        assertEquals(200, send(http, "DELETE", "", headers(id)).head.get().status());
      }
      // 1,000 sessions never deleted. In them: 1,000 calls whose client reads the first event and
      // leaves (2025-era calls go on after a disconnect, for resumption), 1,000 GET streams and 500
      // elicitations whose client vanishes without closing.
      List<String> kept = new ArrayList<>();
      for (int s = 0; s < 1_000; s++) {
        kept.add(session(http, "{\"elicitation\":{}}"));
      }
      for (int s = 0; s < 1_000; s++) {
        abandon(send(http, "POST", legacyCall(7, "hold"), headers(kept.get(s))));
        FakeHttpExchange get = send(http, "GET", "", headers(kept.get(s)));
        assertEquals(200, get.head.get().status());
        if (s < 500) {
          FakeHttpExchange ask = send(http, "POST", legacyCall(8, "ask"), headers(kept.get(s)));
          assertEquals(200, ask.head.get().status()); // the elicitation request went out on its stream
        }
      }
      // 1,000 modern calls abandoned mid-response (cancelled at once) and 1,000 listen streams of
      // clients that vanish without closing.
      for (int i = 0; i < 1_000; i++) {
        abandon(send(http, "POST", modernCall(i, "hold"),
            headers(null, "MCP-Protocol-Version", "2026-07-28", "Mcp-Method", "tools/call", "Mcp-Name", "hold")));
        send(http, "POST", "{\"jsonrpc\":\"2.0\",\"id\":" + i + ",\"method\":\"subscriptions/listen\",\"params\":{"
            + "\"notifications\":{\"toolsListChanged\":true}," + META + "}}",
            headers(null, "MCP-Protocol-Version", "2026-07-28", "Mcp-Method", "subscriptions/listen"));
      }
      assertTrue(LegacyHttp.eventually(() -> impl.pendingServerRequests() == 500), "500 elicitations wait");
      assertEquals(1_000, http.sessionCount());
      assertEquals(1_000, impl.subscriptionCount());
      // Streams age out after 10 minutes (plus jitter) and idle sessions expire after 30.
      time.advance(Duration.ofMinutes(12));
      assertEquals(0, impl.subscriptionCount(), "listen streams of vanished clients ended at their maximum age");
      time.advance(Duration.ofMinutes(20));
      assertTrue(LegacyHttp.eventually(() -> counts(http, impl).equals(baseline)),
          () -> "back to the baseline " + baseline + ", got " + counts(http, impl));
    } finally {
      http.close();
      server.close();
      handlers.shutdownNow();
      assertTrue(handlers.awaitTermination(10, TimeUnit.SECONDS), "every handler ended");
      time.close();
    }
    assertEquals(baseline, counts(http, impl));
    List<String> leftover = new ArrayList<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.isAlive() && !threadsBefore.contains(t) && !t.getName().startsWith("manual-time")) {
        t.join(5_000); // a pool thread that is just ending
        if (t.isAlive()) {
          leftover.add(t.getName());
        }
      }
    }
    assertEquals(List.of(), leftover, "threads the engine started and left running");
  }
}
