package org.mcpkit.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mcpkit.protocol.Implementation;
import org.mcpkit.server.McpServer;
import org.mcpkit.server.http.HttpEndpointOptions;
import org.mcpkit.server.http.McpHttpEndpoint;
import org.mcpkit.server.http.SessionRecord;
import org.mcpkit.server.http.SessionStore;
import org.mcpkit.testing.InMemoryHttpClient;
import org.mcpkit.testing.SseReader;

/**
 * A session's GET-stream claim held by an instance that no longer marks itself alive (killed) is
 * taken over by the instance the client's GET reaches, at once; the claim of a live instance is
 * not (409, one GET stream per session as before).
 */
class DeadHolderTakeOverTest {
  private static final URI MCP = URI.create("http://127.0.0.1:8080/mcp");
  private final FakeStore store = new FakeStore();
  private McpServer server;
  private McpHttpEndpoint endpoint;

  /** The in-memory store with the liveness of instances, as a shared store keeps it. */
  private static final class FakeStore implements SessionStore {
    private final SessionStore real = SessionStore.inMemory();
    private final Map<String, Instant> alive = new ConcurrentHashMap<>();
    private final Map<String, String> holders = new ConcurrentHashMap<>();

    @Override public void save(SessionRecord record) { real.save(record); }
    @Override public boolean replace(SessionRecord record, byte[] expected) { return real.replace(record, expected); }
    @Override public Optional<SessionRecord> find(String id) { return real.find(id); }
    @Override public void touch(String id, Instant time) { real.touch(id, time); }
    @Override public boolean delete(String id) { holders.remove(id); return real.delete(id); }
    @Override public int count() { return real.count(); }
    @Override public List<String> idleSince(Instant cutoff) { return real.idleSince(cutoff); }
    @Override public boolean streamClaimed(String id, Instant now) { return real.streamClaimed(id, now); }

    @Override
    public boolean claimStream(String id, String holder, Instant now, Duration lease) {
      boolean claimed = real.claimStream(id, holder, now, lease);
      if (claimed) {
        holders.put(id, holder);
      }
      return claimed;
    }

    @Override
    public void releaseStream(String id, String holder) {
      real.releaseStream(id, holder);
      holders.remove(id, holder);
    }

    @Override
    public Optional<String> streamHolder(String id, Instant now) {
      return real.streamClaimed(id, now) ? Optional.ofNullable(holders.get(id)) : Optional.empty();
    }

    @Override
    public void markAlive(String instanceId, Instant now, Duration ttl) {
      alive.put(instanceId, now.plus(ttl));
    }

    @Override
    public boolean isAlive(String instanceId, Instant now) {
      Instant until = alive.get(instanceId);
      return until != null && until.isAfter(now);
    }
  }

  @AfterEach
  void close() {
    if (endpoint != null) {
      endpoint.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private HttpClient start() {
    server = McpServer.builder(Implementation.of("take-over", "1")).build();
    endpoint = McpHttpEndpoint.create(server, HttpEndpointOptions.builder().sessionStore(store).keepAlive(Duration.ZERO).build());
    return new InMemoryHttpClient(endpoint);
  }

  private static HttpRequest.Builder post(String body) {
    return HttpRequest.newBuilder(MCP).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
        .POST(HttpRequest.BodyPublishers.ofString(body));
  }

  private static String session(HttpClient http) throws Exception {
    HttpResponse<String> init = http.send(post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
        + "\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"c\",\"version\":\"1\"}}}").build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, init.statusCode(), init.body());
    return init.headers().firstValue("Mcp-Session-Id").orElseThrow();
  }

  private static HttpRequest get(String session) {
    return HttpRequest.newBuilder(MCP).header("Accept", "text/event-stream")
        .header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-11-25").GET().build();
  }

  @Test
  void theClaimOfAnInstanceThatStoppedMarkingItselfAliveIsTakenOverAtOnce() throws Exception {
    HttpClient http = start();
    String session = session(http);
    Instant now = Instant.now();
    assertTrue(store.claimStream(session, "killed/1", now, Duration.ofSeconds(30)));
    store.markAlive("killed", now.minusSeconds(10), Duration.ofSeconds(5)); // its last mark ran out

    HttpResponse<InputStream> stream = http.send(get(session), HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(200, stream.statusCode(), "the client gets its stream without waiting out the dead instance's lease");
    try (SseReader events = new SseReader(stream.body())) {
      assertEquals(":", events.next(5));
      String holder = store.streamHolder(session, Instant.now()).orElseThrow();
      assertNotEquals("killed/1", holder);
      String instance = holder.substring(0, holder.indexOf('/'));
      assertTrue(store.isAlive(instance, Instant.now()), "the new holder marked itself alive before claiming");
    }
  }

  @Test
  void theClaimOfALiveInstanceStands() throws Exception {
    HttpClient http = start();
    String session = session(http);
    Instant now = Instant.now();
    assertTrue(store.claimStream(session, "other/1", now, Duration.ofSeconds(30)));
    store.markAlive("other", now, Duration.ofMinutes(1));

    HttpResponse<String> refused = http.send(get(session), HttpResponse.BodyHandlers.ofString());
    assertEquals(409, refused.statusCode(), refused.body());
    assertEquals(Optional.of("other/1"), store.streamHolder(session, Instant.now()));
  }
}
