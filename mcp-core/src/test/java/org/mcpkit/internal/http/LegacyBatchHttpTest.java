package org.mcpkit.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mcpkit.internal.http.LegacyHttp.M;
import static org.mcpkit.internal.http.LegacyHttp.delete;
import static org.mcpkit.internal.http.LegacyHttp.init;
import static org.mcpkit.internal.http.LegacyHttp.post;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mcpkit.protocol.LoggingLevel;
import org.mcpkit.server.http.HttpEndpointOptions;
import org.mcpkit.server.http.McpHttpEndpoint;
import org.mcpkit.server.http.SessionStore;
import org.mcpkit.testing.ContractServer;

/** JSON-RPC batches over Streamable HTTP pass the same session checks as single messages. */
class LegacyBatchHttpTest {
  private static final String BATCH =
      "[{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"ping\"},"
          + "{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"arguments\":{\"text\":\"b\"}}}]";
  private static final String ANSWERS =
      "[{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{}},"
          + "{\"jsonrpc\":\"2.0\",\"id\":8,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"b\"}]}}]";
  private static final String NOT_FOUND = "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32600,\"message\":\"Session not found\"}}";

  private final ContractServer fixture = new ContractServer();
  private final ContractServer other = new ContractServer();
  private McpHttpEndpoint endpoint;
  private McpHttpEndpoint second;

  @AfterEach
  void close() {
    if (endpoint != null) {
      endpoint.close();
    }
    if (second != null) {
      second.close();
    }
    fixture.server.close();
    other.server.close();
  }

  private String session(McpHttpEndpoint e, String user) throws Exception {
    LegacyHttp.Reply r = post(e, init("2025-03-26"), null, user);
    assertEquals(200, r.status(), r.body());
    return r.header("Mcp-Session-Id");
  }

  @Test
  void aCancelledItemIsLeftOutAndTheRestOfTheBatchIsAnswered() throws Exception {
    endpoint = McpHttpEndpoint.create(fixture.server);
    String id = session(endpoint, null);
    java.util.concurrent.CompletableFuture<LegacyHttp.Reply> reply = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
      try {
        return post(endpoint, "[{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"ping\"},"
            + "{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"tools/call\",\"params\":{\"name\":\"hold\"}}]", id, null);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    assertTrue(fixture.holdStarted.await(10, java.util.concurrent.TimeUnit.SECONDS));
    assertEquals(202, post(endpoint,
        "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":8}}", id, null).status());
    LegacyHttp.Reply answered = reply.get(10, java.util.concurrent.TimeUnit.SECONDS);
    assertEquals(200, answered.status());
    assertEquals(M.readTree("[{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{}}]"), answered.json());
    assertTrue(fixture.holdInterrupted.await(10, java.util.concurrent.TimeUnit.SECONDS));
  }

  @Test
  void aBatchIsServedOnlyForItsPrincipalAndUntilTheSessionIsDeleted() throws Exception {
    endpoint = McpHttpEndpoint.create(fixture.server);
    String id = session(endpoint, "alice");
    LegacyHttp.Reply ok = post(endpoint, BATCH, id, "alice");
    assertEquals(200, ok.status());
    assertEquals(id, ok.header("Mcp-Session-Id"));
    assertEquals(M.readTree(ANSWERS), ok.json());

    for (String intruder : new String[] {"mallory", null}) {
      LegacyHttp.Reply refused = post(endpoint, BATCH, id, intruder);
      assertEquals(404, refused.status());
      assertEquals(M.readTree(NOT_FOUND), refused.json());
    }
    LegacyHttp.Reply badVersion = post(endpoint, BATCH, id, "alice", "MCP-Protocol-Version", "1999-01-01");
    assertEquals(400, badVersion.status());
    assertEquals(
        M.readTree("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32600,\"message\":\"Bad request: unsupported MCP-Protocol-Version\"}}"),
        badVersion.json());
    assertEquals(200, post(endpoint, BATCH, id, "alice", "MCP-Protocol-Version", "2025-03-26").status());

    assertEquals(200, delete(endpoint, id, "alice").status());
    LegacyHttp.Reply gone = post(endpoint, BATCH, id, "alice");
    assertEquals(404, gone.status());
    assertEquals(M.readTree(NOT_FOUND), gone.json());
    LegacyHttp.Reply unknown = post(endpoint, BATCH, "no-such-session", null);
    assertEquals(404, unknown.status());
    assertEquals(M.readTree(NOT_FOUND), unknown.json());
  }

  @Test
  void aBatchWithoutSessionOrEmptyOrForANonBatchingRevisionIs400() throws Exception {
    endpoint = McpHttpEndpoint.create(fixture.server);
    String unsupported = "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32600,\"message\":\"Invalid request: batches are not supported\"}}";
    LegacyHttp.Reply noSession = post(endpoint, BATCH, null, null);
    assertEquals(400, noSession.status());
    assertEquals(M.readTree(unsupported), noSession.json());

    String id = session(endpoint, null);
    LegacyHttp.Reply empty = post(endpoint, "[]", id, null);
    assertEquals(400, empty.status());
    assertEquals(M.readTree("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32600,\"message\":\"Invalid request: empty batch\"}}"),
        empty.json());

    String newer = post(endpoint, init("2025-06-18"), null, null).header("Mcp-Session-Id");
    LegacyHttp.Reply refused = post(endpoint, BATCH, newer, null);
    assertEquals(400, refused.status());
    assertEquals(M.readTree(unsupported), refused.json());
  }

  @Test
  void initializeInsideABatchIsRefusedAndTheSessionStays() throws Exception {
    SessionStore store = SessionStore.inMemory();
    endpoint = McpHttpEndpoint.create(fixture.server, HttpEndpointOptions.builder().sessionStore(store).build());
    String id = session(endpoint, null);
    assertEquals(200, post(endpoint, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"logging/setLevel\",\"params\":{\"level\":\"error\"}}", id, null).status());
    LegacyHttp.Reply r = post(endpoint,
        "[" + init("2025-03-26").replace("\"id\":1", "\"id\":5") + ",{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"ping\"}]",
        id, null);
    assertEquals(200, r.status());
    assertEquals(
        M.readTree("[{\"jsonrpc\":\"2.0\",\"id\":5,\"error\":{\"code\":-32600,"
            + "\"message\":\"Invalid request: initialize must not be part of a batch\"}},"
            + "{\"jsonrpc\":\"2.0\",\"id\":6,\"result\":{}}]"),
        r.json());
    assertEquals(1, endpoint.sessionCount());
    assertEquals(LoggingLevel.ERROR, Records.state(store.find(id).orElseThrow()).logLevel(), "the session was not replaced");
    assertEquals(M.readTree(ANSWERS), post(endpoint, BATCH, id, null).json());
  }

  @Test
  void aBatchOnAnotherInstanceIsServedFromTheSharedStoreAndRefusedOnceDeletedThere() throws Exception {
    SessionStore shared = SessionStore.inMemory();
    HttpEndpointOptions options = HttpEndpointOptions.builder().sessionStore(shared).build();
    endpoint = McpHttpEndpoint.create(fixture.server, options);
    second = McpHttpEndpoint.create(other.server, options);
    String id = session(endpoint, null);
    LegacyHttp.Reply there = post(second, BATCH, id, null);
    assertEquals(200, there.status(), there.body());
    assertEquals(M.readTree(ANSWERS), there.json());
    assertEquals(200, delete(endpoint, id, null).status());
    LegacyHttp.Reply gone = post(second, BATCH, id, null);
    assertEquals(404, gone.status(), "refused at once, not after the other instance's sweep");
    assertEquals(M.readTree(NOT_FOUND), gone.json());
  }

  @Test
  void aBatchAfterExpiryIs404() throws Exception {
    endpoint = McpHttpEndpoint.create(fixture.server,
        HttpEndpointOptions.builder().sessionIdleTimeout(Duration.ofMillis(100)).build());
    String id = session(endpoint, null);
    assertTrue(LegacyHttp.eventually(() -> endpoint.sessionCount() == 0));
    LegacyHttp.Reply gone = post(endpoint, BATCH, id, null);
    assertEquals(404, gone.status());
    assertEquals(M.readTree(NOT_FOUND), gone.json());
  }
}
