package org.mcpkit.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.mcpkit.server.http.McpHttpEndpoint;
import org.mcpkit.testing.FakeHttpExchange;

/** Test helper: 2025-era requests through in-memory exchanges, answered with status, headers and whole body. */
final class LegacyHttp {
  static final ObjectMapper M = new ObjectMapper();

  static String init(String version) {
    return "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"" + version
        + "\",\"capabilities\":{},\"clientInfo\":{\"name\":\"c\",\"version\":\"1\"}}}";
  }

  /** A complete answer. */
  record Reply(int status, Map<String, List<String>> headers, String body) {
    JsonNode json() throws Exception {
      return M.readTree(body);
    }

    String header(String name) {
      List<String> v = headers.get(name);
      return v == null ? null : v.get(0);
    }
  }

  private LegacyHttp() {}

  static Map<String, List<String>> headers(String session, String... extra) {
    Map<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    h.put("Content-Type", List.of("application/json"));
    h.put("Accept", List.of("application/json, text/event-stream"));
    h.put("Host", List.of("127.0.0.1:8080"));
    if (session != null) {
      h.put("Mcp-Session-Id", List.of(session));
    }
    for (int i = 0; i + 1 < extra.length; i += 2) {
      h.put(extra[i], List.of(extra[i + 1]));
    }
    return h;
  }

  static Reply post(McpHttpEndpoint endpoint, String body, String session, String user, String... extra)
      throws Exception {
    return exchange(endpoint, "POST", body, session, user, extra);
  }

  static Reply delete(McpHttpEndpoint endpoint, String session, String user) throws Exception {
    return exchange(endpoint, "DELETE", "", session, user);
  }

  static Reply exchange(McpHttpEndpoint endpoint, String method, String body, String session, String user,
      String... extra) throws Exception {
    Principal p = user == null ? null : () -> user;
    FakeHttpExchange ex =
        new FakeHttpExchange(method, "/mcp", headers(session, extra), body.getBytes(StandardCharsets.UTF_8), p);
    endpoint.service(ex);
    FakeHttpExchange.Head head = ex.head.get(10, TimeUnit.SECONDS);
    return new Reply(head.status(), head.headers(), body(ex));
  }

  /** Reads the whole response body (the response must end). */
  static String body(FakeHttpExchange ex) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CompletableFuture<Void> done = new CompletableFuture<>();
    ex.subscribe(new Flow.Subscriber<List<ByteBuffer>>() {
      @Override
      public void onSubscribe(Flow.Subscription s) {
        s.request(Long.MAX_VALUE);
      }

      @Override
      public void onNext(List<ByteBuffer> items) {
        for (ByteBuffer b : items) {
          byte[] bytes = new byte[b.remaining()];
          b.get(bytes);
          out.write(bytes, 0, bytes.length);
        }
      }

      @Override
      public void onError(Throwable t) {
        done.completeExceptionally(t);
      }

      @Override
      public void onComplete() {
        done.complete(null);
      }
    });
    done.get(10, TimeUnit.SECONDS);
    return out.toString(StandardCharsets.UTF_8);
  }

  /** Polls {@code condition} until it holds or 10 s pass. */
  static boolean eventually(java.util.function.BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10)); // polling deadline
    }
    return true;
  }
}
