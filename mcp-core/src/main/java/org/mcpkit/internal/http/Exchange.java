package org.mcpkit.internal.http;

import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.mcpkit.transport.spi.HttpExchange;
import org.mcpkit.transport.spi.ResponseChannel;

/**
 * The engine's view of one request: the adapter's {@link HttpExchange} plus what the engine
 * decides about it. It reads the body through the one {@link BoundedBody} reader, and after an
 * early answer (403, 406, 413, ...) reads and drops a body the client is still sending before the
 * response ends, so the connection can be reused and no reset destroys the answer.
 */
final class Exchange {
  private final HttpExchange http;
  /** The principal the endpoint's resource server authenticated, which replaces the container's. */
  private volatile Principal authenticated;
  /** The body's reader, once the engine read (or dropped) the body. */
  private volatile BoundedBody reader;

  Exchange(HttpExchange http) {
    this.http = http;
  }

  String method() {
    return http.method();
  }

  String path() {
    return http.path();
  }

  Optional<String> query() {
    return http.query();
  }

  List<String> headers(String name) {
    return http.headers(name);
  }

  Optional<String> header(String name) {
    return http.header(name);
  }

  /** The first value of a header, trimmed. */
  Optional<String> trimmed(String name) {
    return http.header(name).map(String::trim);
  }

  Optional<Principal> principal() {
    Principal p = authenticated;
    return p != null ? Optional.of(p) : http.principal();
  }

  /** Sets the principal the endpoint authenticated (a bearer token's). */
  void authenticated(Principal principal) {
    this.authenticated = principal;
  }

  /** The principal's name, or null when neither the endpoint nor the container authenticated one. */
  String principalName() {
    return principal().map(Principal::getName).orElse(null);
  }

  boolean inIoThread() {
    return http.inIoThread();
  }

  void dispatch(Executor executor, Runnable task) {
    http.dispatch(executor, task);
  }

  /** Reads the body through the bounded reader; {@code declaredLength} is -1 when unknown. */
  void readBody(int maxBytes, long declaredLength, BoundedBody.Handler handler) {
    BoundedBody body = BoundedBody.collect(maxBytes, declaredLength, handler);
    reader = body;
    http.readBody(body);
  }

  ResponseChannel respond(int status, Map<String, String> headers) {
    return http.respond(status, headers);
  }

  /**
   * Ends the response once the request body is read: at once for a body already read; after
   * dropping the rest of a refused body, or a body nobody read, up to the discard limit.
   */
  void end(ResponseChannel channel) {
    BoundedBody body = reader;
    if (body == null && bodyExpected()) {
      body = BoundedBody.discard();
      reader = body;
      http.readBody(body);
    }
    if (body == null) {
      channel.end();
    } else {
      body.whenRead(channel::end);
    }
  }

  /**
   * Whether the client sends a body now: one is declared, and the client is not waiting for a
   * {@code 100 Continue} it will never get.
   */
  private boolean bodyExpected() {
    Optional<String> expect = http.header("Expect");
    if (expect.isPresent() && expect.get().trim().equalsIgnoreCase("100-continue")) {
      return false;
    }
    if (!http.headers("Transfer-Encoding").isEmpty()) {
      return true;
    }
    Optional<String> length = http.header("Content-Length");
    if (length.isEmpty()) {
      return false;
    }
    try {
      return Long.parseLong(length.get().trim()) > 0;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
