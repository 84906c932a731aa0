package org.mcpkit.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mcpkit.internal.http.LegacyHttp.M;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mcpkit.protocol.ReadResourceResult;
import org.mcpkit.protocol.Resource;
import org.mcpkit.protocol.TextResourceContents;
import org.mcpkit.server.ResourceSpec;
import org.mcpkit.server.http.HttpEndpointOptions;
import org.mcpkit.server.http.McpHttpEndpoint;
import org.mcpkit.server.http.SessionBus;
import org.mcpkit.server.http.SessionRecord;
import org.mcpkit.server.http.SessionStore;
import org.mcpkit.testing.ContractServer;
import org.mcpkit.testing.InMemoryHttpClient;
import org.mcpkit.testing.SseReader;

/**
 * An instance that refreshes its copy of a session from the store must never write that copy back:
 * between its read and such a write another instance may have stored a newer change, which the write
 * would undo. The interleaving is forced: A reads the record B saved for {@code
 * notifications/initialized}, then B stores a subscription, then A applies what it read.
 */
class StaleSessionCopyTest {
  private static final URI MCP = URI.create("http://127.0.0.1:8080/mcp");
  private final ContractServer serverA = new ContractServer();
  private final ContractServer serverB = new ContractServer();
  private final SessionStore shared = SessionStore.inMemory();
  private final QueuedBus bus = new QueuedBus();
  private final HeldReads storeOfA = new HeldReads(shared);
  private McpHttpEndpoint a;
  private McpHttpEndpoint b;

  /** A bus that delivers to each subscriber on its own thread, in order, as Redis pub/sub does. */
  private static final class QueuedBus implements SessionBus {
    final List<Consumer<byte[]>> listeners = new CopyOnWriteArrayList<>();
    final List<ExecutorService> lanes = new CopyOnWriteArrayList<>();

    @Override
    public void publish(byte[] signal) {
      for (int i = 0; i < listeners.size(); i++) {
        Consumer<byte[]> l = listeners.get(i);
        lanes.get(i).execute(() -> l.accept(signal));
      }
    }

    @Override
    public AutoCloseable subscribe(Consumer<byte[]> listener) {
      String name = "bus-" + listeners.size();
      lanes.add(Executors.newSingleThreadExecutor(r -> new Thread(r, name)));
      listeners.add(listener);
      return () -> {};
    }

    /** Holds subscriber {@code i}'s deliveries until {@code release} opens. */
    void hold(int i, CountDownLatch release) {
      lanes.get(i).execute(() -> {
        try {
          release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
    }

    /** Returns once every signal published so far was handled by every subscriber. */
    void drain() throws Exception {
      for (ExecutorService lane : lanes) {
        lane.submit(() -> {}).get(10, TimeUnit.SECONDS);
      }
    }

    @Override
    public void close() {
      lanes.forEach(ExecutorService::shutdownNow);
    }
  }

  /** A's view of the shared store: once armed, the next read on A's bus thread waits after reading. */
  private static final class HeldReads extends ForwardingSessionStore {
    final AtomicBoolean armed = new AtomicBoolean();
    final CountDownLatch read = new CountDownLatch(1);
    final CountDownLatch proceed = new CountDownLatch(1);

    HeldReads(SessionStore real) {
      super(real);
    }

    @Override
    public Optional<SessionRecord> find(String id) {
      Optional<SessionRecord> r = real.find(id);
      if (Thread.currentThread().getName().equals("bus-0") && armed.compareAndSet(true, false)) {
        read.countDown();
        try {
          assertTrue(proceed.await(10, TimeUnit.SECONDS), "the test releases the read");
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return r;
    }

  }

  /** B's view of the shared store: once armed, its next save or replace waits before writing. */
  private static final class HeldWrites extends ForwardingSessionStore {
    final AtomicBoolean armed = new AtomicBoolean();
    final CountDownLatch writing = new CountDownLatch(1);
    final CountDownLatch proceed = new CountDownLatch(1);

    HeldWrites(SessionStore real) {
      super(real);
    }

    private void hold() {
      if (armed.compareAndSet(true, false)) {
        writing.countDown();
        try {
          assertTrue(proceed.await(10, TimeUnit.SECONDS), "the test releases the write");
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }

    @Override public void save(SessionRecord record) { hold(); real.save(record); }
    @Override public boolean replace(SessionRecord record, byte[] expected) { hold(); return real.replace(record, expected); }
  }

  @AfterEach
  void close() {
    a.close();
    b.close();
    serverA.server.close();
    serverB.server.close();
    bus.close();
  }

  private static HttpResponse<String> post(HttpClient http, String body, String session) throws Exception {
    HttpRequest.Builder r = HttpRequest.newBuilder(MCP).timeout(Duration.ofSeconds(20))
        .header("Content-Type", "application/json")
        .header("Accept", "application/json, text/event-stream")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (session != null) {
      r.header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-11-25");
    }
    return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aSubscriptionStoredWhileAnotherInstanceRefreshesIsKept() throws Exception {
    for (ContractServer c : List.of(serverA, serverB)) {
      c.server.addResource(ResourceSpec.of(Resource.of("test://r", "r"),
          (ctx, u, vars) -> new ReadResourceResult(List.of(new TextResourceContents(u, "text/plain", "r", null)), null)));
    }
    a = McpHttpEndpoint.create(serverA.server, HttpEndpointOptions.builder().sessionStore(storeOfA).sessionBus(bus).build());
    b = McpHttpEndpoint.create(serverB.server, HttpEndpointOptions.builder().sessionStore(shared).sessionBus(bus).build());
    HttpClient toA = new InMemoryHttpClient(a);
    HttpClient toB = new InMemoryHttpClient(b);
    HttpResponse<String> init = post(toA, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
        + "\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"c\",\"version\":\"1\"}}}", null);
    assertEquals(200, init.statusCode(), init.body());
    String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
    bus.drain();

    storeOfA.armed.set(true);
    assertEquals(202, post(toB, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", session).statusCode());
    assertTrue(storeOfA.read.await(10, TimeUnit.SECONDS), "A re-reads the session B changed");
    // A holds what it read (initialized, no subscriptions) while B stores a subscription.
    assertEquals(200, post(toB,
        "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"resources/subscribe\",\"params\":{\"uri\":\"test://r\"}}", session).statusCode());
    storeOfA.proceed.countDown();
    bus.drain();
    bus.drain(); // and whatever the signals handled in the first round published

    HttpResponse<InputStream> stream = toB.send(HttpRequest.newBuilder(MCP).header("Accept", "text/event-stream")
        .header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-11-25").GET().build(),
        HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(200, stream.statusCode());
    try (SseReader events = new SseReader(stream.body())) {
      assertEquals(":", events.next(5));
      serverB.server.notifyResourceUpdated("test://r");
      assertEquals(
          M.readTree("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/resources/updated\",\"params\":{\"uri\":\"test://r\"}}"),
          M.readTree(events.nextEvent(5)), "B's copy still holds the subscription");
    }
  }

  @Test
  void twoInstancesSubscribingAtOnceKeepBothSubscriptions() throws Exception {
    HeldWrites storeOfB = new HeldWrites(shared);
    for (ContractServer c : List.of(serverA, serverB)) {
      for (String uri : List.of("test://x", "test://y")) {
        c.server.addResource(ResourceSpec.of(Resource.of(uri, uri),
            (ctx, u, vars) -> new ReadResourceResult(List.of(new TextResourceContents(u, "text/plain", "r", null)), null)));
      }
    }
    a = McpHttpEndpoint.create(serverA.server, HttpEndpointOptions.builder().sessionStore(shared).sessionBus(bus).build());
    b = McpHttpEndpoint.create(serverB.server, HttpEndpointOptions.builder().sessionStore(storeOfB).sessionBus(bus).build());
    HttpClient toA = new InMemoryHttpClient(a);
    HttpClient toB = new InMemoryHttpClient(b);
    HttpResponse<String> init = post(toA, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
        + "\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"c\",\"version\":\"1\"}}}", null);
    String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
    assertEquals(202, post(toB, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", session).statusCode());
    bus.drain();

    // B has read the record and is about to store its subscription when A stores another one;
    // the signal that A changed the session is still on its way to B.
    CountDownLatch busToB = new CountDownLatch(1);
    bus.hold(1, busToB);
    storeOfB.armed.set(true);
    CompletableFuture<HttpResponse<String>> onB = CompletableFuture.supplyAsync(() -> {
      try {
        return post(toB, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"resources/subscribe\",\"params\":{\"uri\":\"test://y\"}}", session);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    assertTrue(storeOfB.writing.await(10, TimeUnit.SECONDS), "B is saving");
    assertEquals(200, post(toA,
        "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"resources/subscribe\",\"params\":{\"uri\":\"test://x\"}}", session).statusCode());
    storeOfB.proceed.countDown();
    assertEquals(200, onB.get(10, TimeUnit.SECONDS).statusCode());
    busToB.countDown();
    bus.drain();
    bus.drain();

    assertEquals(M.readTree("[\"test://x\",\"test://y\"]"),
        sorted(M.readTree(shared.find(session).orElseThrow().state()).get("subscriptions")),
        "the stored session holds both subscriptions");
    HttpResponse<InputStream> stream = toB.send(HttpRequest.newBuilder(MCP).header("Accept", "text/event-stream")
        .header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-11-25").GET().build(),
        HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(200, stream.statusCode());
    try (SseReader events = new SseReader(stream.body())) {
      assertEquals(":", events.next(5));
      for (String uri : List.of("test://x", "test://y")) {
        serverB.server.notifyResourceUpdated(uri);
        assertEquals(M.readTree("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/resources/updated\",\"params\":{\"uri\":\""
            + uri + "\"}}"), M.readTree(events.nextEvent(5)), "B's copy is subscribed to " + uri);
      }
    }
  }

  @Test
  void aReadThatALocalSaveOvertookIsNotAppliedToATrustedCopy() throws Exception {
    for (ContractServer c : List.of(serverA, serverB)) {
      c.server.addResource(ResourceSpec.of(Resource.of("test://r", "r"),
          (ctx, u, vars) -> new ReadResourceResult(List.of(new TextResourceContents(u, "text/plain", "r", null)), null)));
    }
    Duration window = Duration.ofMinutes(1); // A trusts its copy: nothing re-reads the store for it
    a = McpHttpEndpoint.create(serverA.server,
        HttpEndpointOptions.builder().sessionStore(storeOfA).sessionBus(bus).sessionRevalidation(window).build());
    b = McpHttpEndpoint.create(serverB.server,
        HttpEndpointOptions.builder().sessionStore(shared).sessionBus(bus).sessionRevalidation(window).build());
    HttpClient toA = new InMemoryHttpClient(a);
    HttpClient toB = new InMemoryHttpClient(b);
    HttpResponse<String> init = post(toA, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
        + "\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"c\",\"version\":\"1\"}}}", null);
    String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
    bus.drain();

    // A's bus thread reads the record B saved for notifications/initialized and holds it while A
    // itself stores a subscription: the held read is older than A's copy and must not replace it.
    storeOfA.armed.set(true);
    assertEquals(202, post(toB, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", session).statusCode());
    assertTrue(storeOfA.read.await(10, TimeUnit.SECONDS), "A re-reads the session B changed");
    assertEquals(200, post(toA,
        "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"resources/subscribe\",\"params\":{\"uri\":\"test://r\"}}", session).statusCode());
    storeOfA.proceed.countDown();
    bus.drain();

    HttpResponse<InputStream> stream = toA.send(HttpRequest.newBuilder(MCP).header("Accept", "text/event-stream")
        .header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-11-25").GET().build(),
        HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(200, stream.statusCode());
    try (SseReader events = new SseReader(stream.body())) {
      assertEquals(":", events.next(5));
      serverA.server.notifyResourceUpdated("test://r");
      assertEquals(
          M.readTree("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/resources/updated\",\"params\":{\"uri\":\"test://r\"}}"),
          M.readTree(events.nextEvent(5)), "A's copy still holds its subscription");
    }
  }

  private static JsonNode sorted(JsonNode array) {
    List<String> items = new ArrayList<>();
    array.forEach(n -> items.add(n.asText()));
    Collections.sort(items);
    return M.valueToTree(items);
  }
}
