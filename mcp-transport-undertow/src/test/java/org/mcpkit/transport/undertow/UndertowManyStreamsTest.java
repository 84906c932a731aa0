package org.mcpkit.transport.undertow;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.mcpkit.protocol.Implementation;
import org.mcpkit.server.McpServer;
import org.mcpkit.server.http.HttpEndpointOptions;

/**
 * 2,000 concurrent subscription streams on one server with a bounded number of threads, and one
 * notification reaching all of them. The bound is on the whole JVM: every live thread (the
 * ThreadMXBean's peak while the streams open and the notification fans out, measured from before the
 * server started), the in-process client's included, which is given a fixed pool of its own.
 */
class UndertowManyStreamsTest {
  private static final int STREAMS = 2000;
  /**
   * Server: 2 I/O + 8 worker threads, the handler executor and timers; client: 4 pool threads and
   * its selector (17 new threads measured); far below one per stream.
   */
  private static final int MAX_NEW_THREADS = 40;

  private static long serverThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .map(Thread::getName)
        .filter(n -> n.startsWith("XNIO") || n.startsWith("mcp-"))
        .count();
  }

  @Test
  void twoThousandListenStreamsWithABoundedThreadCount() throws Exception {
    java.lang.management.ThreadMXBean jvm = java.lang.management.ManagementFactory.getThreadMXBean();
    int baseline = jvm.getThreadCount();
    jvm.resetPeakThreadCount();
    java.util.concurrent.ExecutorService clientPool = java.util.concurrent.Executors.newFixedThreadPool(4);
    McpServer mcp =
        McpServer.builder(Implementation.of("many", "1"))
            .resource(
                org.mcpkit.server.ResourceSpec.of(
                    org.mcpkit.protocol.Resource.of("test://hot", "hot"),
                    (ctx, u, vars) -> new org.mcpkit.protocol.ReadResourceResult(
                        List.of(new org.mcpkit.protocol.TextResourceContents(u, "text/plain", "x", null)), null)))
            .build();
    try (UndertowMcpServer server =
        UndertowMcpServer.builder(mcp)
            .ioThreads(2)
            .workerThreads(8)
            .options(HttpEndpointOptions.builder().keepAlive(Duration.ofSeconds(30)).build())
            .build()
            .start()) {
      URI uri = URI.create(server.url());
      HttpClient client =
          HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).executor(clientPool).build();
      CountDownLatch acks = new CountDownLatch(STREAMS);
      CountDownLatch updates = new CountDownLatch(STREAMS);
      List<Flow.Subscription> subscriptions = new ArrayList<>();
      List<CompletableFuture<HttpResponse<Void>>> responses = new ArrayList<>();
      String body =
          "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"subscriptions/listen\",\"params\":{\"notifications\":"
              + "{\"resourceSubscriptions\":[\"test://hot\"]},\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":"
              + "\"2026-07-28\",\"io.modelcontextprotocol/clientCapabilities\":{}}}}";
      for (int i = 0; i < STREAMS; i++) {
        HttpRequest request =
            HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .header("MCP-Protocol-Version", "2026-07-28")
                .header("Mcp-Method", "subscriptions/listen")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        responses.add(
            client.sendAsync(
                request,
                HttpResponse.BodyHandlers.fromLineSubscriber(
                    new Flow.Subscriber<String>() {
                      @Override
                      public void onSubscribe(Flow.Subscription s) {
                        synchronized (subscriptions) {
                          subscriptions.add(s);
                        }
                        s.request(Long.MAX_VALUE);
                      }

                      @Override
                      public void onNext(String line) {
                        if (line.contains("notifications/subscriptions/acknowledged")) {
                          acks.countDown();
                        } else if (line.contains("notifications/resources/updated")) {
                          updates.countDown();
                        }
                      }

                      @Override
                      public void onError(Throwable t) {}

                      @Override
                      public void onComplete() {}
                    })));
      }
      assertTrue(acks.await(60, TimeUnit.SECONDS), "acknowledged: " + (STREAMS - acks.getCount()));
      long threads = serverThreads();
      assertTrue(threads <= 32, "server threads: " + threads);
      long start = System.nanoTime();
      mcp.notifyResourceUpdated("test://hot");
      assertTrue(updates.await(30, TimeUnit.SECONDS), "updated: " + (STREAMS - updates.getCount()));
      long fanOut = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      int live = jvm.getThreadCount();
      int peak = jvm.getPeakThreadCount();
      assertTrue(live - baseline <= MAX_NEW_THREADS,
          "live JVM threads " + live + ", " + baseline + " before the server started");
      assertTrue(peak - baseline <= MAX_NEW_THREADS,
          "peak JVM threads " + peak + ", " + baseline + " before the server started");
      System.err.printf(
          "%d streams, %d server threads, JVM threads %d live / %d peak (%d before), fan-out to all in %d ms%n",
          STREAMS, threads, live, peak, baseline, fanOut);
      synchronized (subscriptions) {
        subscriptions.forEach(Flow.Subscription::cancel);
      }
    } finally {
      mcp.close();
      clientPool.shutdownNow();
    }
  }
}
