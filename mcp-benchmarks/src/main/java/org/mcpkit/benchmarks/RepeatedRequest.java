package org.mcpkit.benchmarks;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Flow;
import org.mcpkit.server.http.McpHttpEndpoint;
import org.mcpkit.testing.FakeHttpExchange;

/**
 * One HTTP request served through {@link McpHttpEndpoint#service} again and again on a single
 * {@link FakeHttpExchange} (from the mcp-core test-jar): the exchange is {@linkplain
 * FakeHttpExchange#reset() reset} before each call and the response body is counted, not kept, so
 * the loop adds little allocation of its own (the fake's per-response head and chunk wrappers).
 * The endpoint's server must run handlers inline ({@code executor(Runnable::run)}), so that a call
 * ends inside {@code service}. Not thread-safe: one instance per benchmark thread.
 */
final class RepeatedRequest implements Flow.Subscriber<List<ByteBuffer>> {
  private final FakeHttpExchange exchange;
  private ByteArrayOutputStream kept;
  private int bytes;
  private boolean ended;

  /** A POST to {@code /mcp} with the given headers (one value each) and body. */
  RepeatedRequest(Map<String, String> headers, byte[] body) {
    Map<String, List<String>> multi = new LinkedHashMap<>();
    headers.forEach((name, value) -> multi.put(name, List.of(value)));
    this.exchange = new FakeHttpExchange("POST", "/mcp", multi, body);
  }

  /**
   * Serves the request once.
   *
   * @return the number of response body bytes
   * @throws IllegalStateException if the response did not end inside {@code service}
   */
  int serve(McpHttpEndpoint endpoint) {
    exchange.reset();
    bytes = 0;
    ended = false;
    exchange.subscribe(this);
    endpoint.service(exchange);
    if (!ended) {
      throw new IllegalStateException("the call did not complete inline");
    }
    return bytes;
  }

  /**
   * Serves the request once and checks the answer, so that a benchmark never measures an error
   * path by mistake.
   *
   * @param status the expected status
   * @param contentType the expected start of the Content-Type header
   * @param expected texts the body must contain
   * @return the response body
   * @throws IllegalStateException if the answer differs
   */
  String check(McpHttpEndpoint endpoint, int status, String contentType, String... expected) {
    kept = new ByteArrayOutputStream();
    String body;
    try {
      serve(endpoint);
      body = kept.toString(StandardCharsets.UTF_8);
    } finally {
      kept = null;
    }
    FakeHttpExchange.Head head = exchange.head.getNow(null);
    List<String> type = head.headers().getOrDefault("content-type", List.of(""));
    boolean ok = head.status() == status && type.get(0).startsWith(contentType);
    for (String text : expected) {
      ok &= body.contains(text);
    }
    if (!ok) {
      throw new IllegalStateException("unexpected answer " + head.status() + " " + type + " " + body);
    }
    return body;
  }

  /** The response headers of the last call. */
  Map<String, List<String>> responseHeaders() {
    return exchange.head.getNow(null).headers();
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    subscription.request(Long.MAX_VALUE);
  }

  @Override
  public void onNext(List<ByteBuffer> chunks) {
    for (int i = 0; i < chunks.size(); i++) {
      ByteBuffer chunk = chunks.get(i);
      bytes += chunk.remaining();
      if (kept != null) {
        byte[] copy = new byte[chunk.remaining()];
        chunk.duplicate().get(copy);
        kept.writeBytes(copy);
      }
    }
  }

  @Override
  public void onError(Throwable error) {
    throw new IllegalStateException("the response failed", error);
  }

  @Override
  public void onComplete() {
    ended = true;
  }
}
