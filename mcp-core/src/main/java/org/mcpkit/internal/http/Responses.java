package org.mcpkit.internal.http;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.mcpkit.internal.json.JsonRpcCodec;
import org.mcpkit.jsonrpc.JsonRpcError;
import org.mcpkit.jsonrpc.JsonRpcFailure;
import org.mcpkit.jsonrpc.JsonRpcMessage;
import org.mcpkit.jsonrpc.RequestId;
import org.mcpkit.server.http.HttpSseOptions;
import org.mcpkit.server.observe.Rejection;
import org.mcpkit.server.observe.ServerObserver;
import org.mcpkit.server.observe.Transport;
import org.mcpkit.transport.spi.ResponseChannel;

/**
 * Writes whole responses: JSON-RPC messages as {@code application/json}, refusals from the {@link
 * HttpFailure} table, and the empty answers (202, 204, 200). Every response leaves the I/O thread
 * first and ends through {@link Exchange#end}. Every refusal is reported to the observer by its
 * entry's name. Thread-safe.
 */
final class Responses {
  private final JsonRpcCodec codec;
  private final ServerObserver observer;
  private final boolean observing;
  private final Optional<HttpSseOptions> httpSse;

  Responses(JsonRpcCodec codec, ServerObserver observer, Optional<HttpSseOptions> httpSse) {
    this.codec = codec;
    this.observer = observer;
    this.observing = observer != ServerObserver.none();
    this.httpSse = httpSse;
  }

  private void rejected(Exchange exchange, HttpFailure failure, int status, JsonRpcError error) {
    if (!observing) {
      return;
    }
    String path = exchange.path();
    Transport transport =
        httpSse.isPresent() && (path.equals(httpSse.get().ssePath()) || path.equals(httpSse.get().messagePath()))
            ? Transport.HTTP_SSE
            : Transport.STREAMABLE_HTTP;
    observer.rejected(new Rejection(transport, failure.name().toLowerCase(Locale.ROOT), OptionalInt.of(status), error.code()));
  }

  /** Refuses with an entry's fixed error, not tied to a request id. */
  void fail(Exchange exchange, HttpFailure failure) {
    fail(exchange, failure, (RequestId) null);
  }

  /** Refuses with an entry's fixed error. */
  void fail(Exchange exchange, HttpFailure failure, RequestId id) {
    JsonRpcError error = failure.error();
    rejected(exchange, failure, failure.status(error), error);
    json(exchange, failure.status(error), Map.of(), new JsonRpcFailure(id, error));
  }

  /** Refuses with an entry's fixed error and extra headers ({@code Allow} on 405). */
  void fail(Exchange exchange, HttpFailure failure, Map<String, String> headers) {
    JsonRpcError error = failure.error();
    rejected(exchange, failure, failure.status(error), error);
    json(exchange, failure.status(error), headers, new JsonRpcFailure(null, error));
  }

  /** Refuses with an entry's fixed error and extra headers ({@code WWW-Authenticate} on 401 and 403). */
  void fail(Exchange exchange, HttpFailure failure, RequestId id, Map<String, String> headers) {
    JsonRpcError error = failure.error();
    rejected(exchange, failure, failure.status(error), error);
    json(exchange, failure.status(error), headers, new JsonRpcFailure(id, error));
  }

  /** Refuses with {@code error} (the decoder's, the header check's, admission's) under an entry. */
  void fail(Exchange exchange, HttpFailure failure, RequestId id, JsonRpcError error) {
    rejected(exchange, failure, failure.status(error), error);
    json(exchange, failure.status(error), Map.of(), new JsonRpcFailure(id, error));
  }

  /** Answers with one JSON-RPC message. */
  void json(Exchange exchange, int status, Map<String, String> extra, JsonRpcMessage message) {
    if (exchange.inIoThread()) {
      // An early answer (403, 413, ...) is rare: answer it from a worker, as every other response.
      exchange.dispatch(null, () -> json(exchange, status, extra, message));
      return;
    }
    body(exchange, status, extra, codec.encode(message));
  }

  /** Answers with a JSON body already encoded (a batch's array). */
  void body(Exchange exchange, int status, Map<String, String> extra, byte[] body) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", AcceptHeader.JSON);
    headers.put("Content-Length", Integer.toString(body.length));
    headers.putAll(extra);
    write(exchange, exchange.respond(status, headers), body);
  }

  /** 202 Accepted with no body: a notification or a client's answer was taken. */
  void accepted(Exchange exchange) {
    empty(exchange, 202);
  }

  /** An empty answer with the given status (204 for a cancelled call, 200 for DELETE). */
  void empty(Exchange exchange, int status) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (status != 204) {
      headers.put("Content-Length", "0"); // a 204 carries no Content-Length (RFC 9110)
    }
    write(exchange, exchange.respond(status, headers), new byte[0]);
  }

  /** The headers of an SSE response. */
  static Map<String, String> sseHeaders() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", AcceptHeader.SSE);
    headers.put("Cache-Control", "no-cache, no-transform");
    headers.put("X-Accel-Buffering", "no");
    return headers;
  }

  private static void write(Exchange exchange, ResponseChannel channel, byte[] body) {
    if (body.length == 0) {
      exchange.end(channel);
      return;
    }
    channel.write(body, new ResponseChannel.WriteCallback() {
      @Override
      public void done() {
        exchange.end(channel);
      }

      @Override
      public void failed(Throwable error) {
        channel.end();
      }
    });
  }
}
