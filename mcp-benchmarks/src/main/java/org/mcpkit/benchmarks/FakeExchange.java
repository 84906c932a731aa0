package org.mcpkit.benchmarks;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.mcpkit.transport.spi.HttpExchange;
import org.mcpkit.transport.spi.ResponseChannel;

/**
 * An in-memory exchange for the microbenchmarks: the body is there at once and every write
 * completes at once, so a call served on an inline executor finishes inside {@code service}.
 */
final class FakeExchange implements HttpExchange, ResponseChannel {
  private final Map<String, List<String>> headers;
  private final byte[] body;
  int status;
  byte[] last;
  int bytes;
  boolean ended;

  FakeExchange(Map<String, String> headers, byte[] body) {
    this.headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach((k, v) -> this.headers.put(k.toLowerCase(Locale.ROOT), List.of(v)));
    this.body = body;
  }

  @Override
  public String method() {
    return "POST";
  }

  @Override
  public String path() {
    return "/mcp";
  }

  @Override
  public List<String> headers(String name) {
    return headers.getOrDefault(name, List.of());
  }

  @Override
  public void readBody(int maxBytes, BodyCallback callback) {
    if (body.length > maxBytes) {
      callback.tooLarge();
    } else {
      callback.body(body);
    }
  }

  @Override
  public ResponseChannel respond(int status, Map<String, String> headers) {
    this.status = status;
    return this;
  }

  @Override
  public void write(byte[] chunk, WriteCallback callback) {
    last = chunk;
    bytes += chunk.length;
    callback.done();
  }

  @Override
  public void end() {
    ended = true;
  }

  @Override
  public void onClose(Runnable listener) {}
}
