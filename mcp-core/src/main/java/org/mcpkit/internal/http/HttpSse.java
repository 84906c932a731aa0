package org.mcpkit.internal.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import com.fasterxml.jackson.databind.JsonNode;
import org.mcpkit.internal.dispatch.Call;
import org.mcpkit.internal.dispatch.Dispatcher;
import org.mcpkit.internal.dispatch.Inbound;
import org.mcpkit.internal.dispatch.RequestOrigin;
import org.mcpkit.internal.dispatch.ResponseSink;
import org.mcpkit.internal.dispatch.SessionIds;
import org.mcpkit.internal.dispatch.TransportContext;
import org.mcpkit.internal.json.JsonRpcCodec;
import org.mcpkit.jsonrpc.JsonRpcMessage;
import org.mcpkit.jsonrpc.JsonRpcNotification;
import org.mcpkit.jsonrpc.JsonRpcRequest;
import org.mcpkit.jsonrpc.JsonRpcResponse;
import org.mcpkit.server.http.HttpEndpointOptions;
import org.mcpkit.server.http.HttpSseOptions;
import org.mcpkit.server.observe.SessionClosed;
import org.mcpkit.server.observe.SessionEndReason;
import org.mcpkit.server.observe.SessionOpened;
import org.mcpkit.server.observe.StreamCloseReason;
import org.mcpkit.server.observe.StreamKind;
import org.mcpkit.server.observe.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deprecated HTTP+SSE transport (2024-11-05) beside Streamable HTTP, on the same dispatcher. A
 * GET on the SSE path opens a session: a legacy-era {@link Connection} whose stream first carries
 * the {@code endpoint} event, then every response, notification and server-to-client request. POSTs
 * to the message path name the session with {@code ?sessionId=} and are answered 202. The session
 * lives on this instance exactly as long as its stream.
 *
 * <p>Validation order after Origin, Host and drain (checked by {@link StreamableHttp}): method
 * (405); GET: Accept (406), session cap (503); POST: sessionId (400), session (404), Content-Type
 * (415), size (413), JSON (400). Every refusal comes from the {@link HttpFailure} table.
 */
final class HttpSse {
  private static final Logger LOG = LoggerFactory.getLogger(HttpSse.class);

  private final EndpointCore core;
  private final Dispatcher dispatcher;
  private final JsonRpcCodec codec;
  private final HttpEndpointOptions options;
  private final HttpSseOptions paths;
  private final IntSupplier liveSessions;
  private final Map<String, Session> sessions = new ConcurrentHashMap<>();

  /** One HTTP+SSE session: its connection, its stream and the calls it has running. */
  private static final class Session {
    final String id;
    final TransportContext context;
    final String principal;
    final Set<Pending> calls = ConcurrentHashMap.newKeySet();
    final AtomicBoolean ended = new AtomicBoolean();
    /** When the stream opened, epoch milliseconds on the endpoint clock. */
    final long openedAt;
    volatile EventStream stream;

    Session(String id, TransportContext context, long openedAt) {
      this.id = id;
      this.context = context;
      this.openedAt = openedAt;
      this.principal = context.principalOptional().map(java.security.Principal::getName).orElse(null);
    }

    boolean emit(JsonRpcMessage message, JsonRpcCodec codec) {
      EventStream s = stream;
      return s != null && s.event(codec.encode(message));
    }
  }

  HttpSse(EndpointCore core, HttpSseOptions paths, IntSupplier liveSessions, BearerGuard guard) {
    this.guard = guard;
    this.core = core;
    this.dispatcher = core.dispatcher;
    this.codec = core.codec;
    this.options = core.options;
    this.paths = paths;
    this.liveSessions = liveSessions;
  }

  /** The resource server's guard (requests arrive authenticated; it checks their scopes), or null. */
  private final BearerGuard guard;

  /** Whether the exchange is for one of this transport's paths. */
  boolean routes(Exchange exchange) {
    String path = exchange.path();
    return path.equals(paths.ssePath()) || path.equals(paths.messagePath());
  }

  /** Live sessions (each holds an open stream). */
  int count() {
    return sessions.size();
  }

  /** Calls still running in any session (drain waits for them). */
  int inFlight() {
    int n = 0;
    for (Session s : sessions.values()) {
      n += s.calls.size();
    }
    return n;
  }

  /** Ends every session and its stream ({@code why}: a drain or the endpoint's close). */
  void closeAll(StreamCloseReason why) {
    for (Session s : List.copyOf(sessions.values())) {
      end(s, why);
    }
  }

  void service(Exchange exchange) {
    boolean sse = exchange.path().equals(paths.ssePath());
    String allowed = sse ? "GET" : "POST";
    if (!exchange.method().equals(allowed)) {
      Map<String, String> headers = new LinkedHashMap<>();
      headers.put("Allow", allowed);
      core.responses.fail(exchange, HttpFailure.METHOD_NOT_ALLOWED, headers);
    } else if (sse) {
      open(exchange);
    } else {
      post(exchange);
    }
  }

  // ------------------------------------------------------------------ GET: the session stream

  private void open(Exchange exchange) {
    if (!AcceptHeader.accepts(exchange.headers("Accept"), AcceptHeader.SSE)) {
      core.responses.fail(exchange, HttpFailure.STREAM_NOT_ACCEPTABLE);
      return;
    }
    if (liveSessions.getAsInt() >= options.maxSessions()) {
      core.responses.fail(exchange, HttpFailure.TOO_MANY_SESSIONS);
      return;
    }
    Session session = new Session(
        SessionIds.next(), new TransportContext(exchange.principal().orElse(null), core.newConnection()), core.clock.millis());
    if (core.observing) {
      core.observer.sessionOpened(new SessionOpened(Transport.HTTP_SSE, Optional.empty()));
    }
    EventStream stream = core.stream(
        exchange.respond(200, Responses.sseHeaders()), StreamKind.HTTP_SSE, () -> end(session, StreamCloseReason.CLIENT_GONE));
    session.stream = stream;
    sessions.put(session.id, session);
    if (stream.isClosed()) {
      end(session, StreamCloseReason.CLIENT_GONE); // the client left before the stream was registered
      return;
    }
    session.context.connection().outbound(m -> stream.event(codec.encode(m)));
    stream.named("endpoint", paths.messagePath() + "?sessionId=" + session.id);
    stream.startKeepAlive(core.timers, options.keepAlive().toMillis());
    LOG.debug("HTTP+SSE session opened");
  }

  /** Ends a session: its stream (for {@code why}), its running calls and its legacy state. Idempotent. */
  private void end(Session session, StreamCloseReason why) {
    sessions.remove(session.id, session);
    if (!session.ended.compareAndSet(false, true)) {
      return;
    }
    if (core.observing) {
      org.mcpkit.internal.dispatch.LegacySession legacy = session.context.session();
      core.observer.sessionClosed(new SessionClosed(
          Transport.HTTP_SSE,
          legacy == null ? Optional.empty() : Optional.of(legacy.version()),
          why == StreamCloseReason.CLIENT_GONE ? SessionEndReason.CLIENT_GONE : SessionEndReason.SERVER_CLOSED,
          java.time.Duration.ofMillis(Math.max(0, core.clock.millis() - session.openedAt))));
    }
    session.context.connection().outbound(null);
    for (Pending p : List.copyOf(session.calls)) {
      p.cancel();
    }
    session.calls.clear();
    dispatcher.endSession(session.context);
    EventStream s = session.stream;
    if (s != null) {
      s.finish(why);
    }
    LOG.debug("HTTP+SSE session ended");
  }

  /** The connection of a live session, for server-initiated requests. */
  Optional<TransportContext> context(String sessionId) {
    Session session = sessions.get(sessionId);
    return session == null || session.ended.get() ? Optional.empty() : Optional.of(session.context);
  }

  // ------------------------------------------------------------------ POST: one message

  private void post(Exchange exchange) {
    Optional<String> id = queryParameter(exchange.query(), "sessionId");
    if (id.isEmpty()) {
      core.responses.fail(exchange, HttpFailure.SESSION_ID_QUERY_REQUIRED);
      return;
    }
    Session session = sessions.get(id.get());
    if (session == null || session.ended.get() || !Objects.equals(exchange.principalName(), session.principal)) {
      // Another principal's session is answered like an unknown one: ids are not credentials.
      core.responses.fail(exchange, HttpFailure.SESSION_NOT_FOUND);
      return;
    }
    JsonBody.read(core, exchange, body -> message(exchange, session, body));
  }

  private void message(Exchange exchange, Session session, byte[] body) {
    JsonRpcCodec.Decoded decoded = codec.decode(body);
    if (guard != null && !(decoded.isBatch()
        ? guard.permits(exchange, Transport.HTTP_SSE, decoded.batch())
        : !decoded.ok() || guard.permits(exchange, Transport.HTTP_SSE, decoded.message()))) {
      return;
    }
    if (decoded.isBatch()) {
      Optional<Inbound.BatchRefusal> refused = Inbound.batchRefusal(session.context.session(), decoded.batch());
      if (refused.isPresent()) {
        core.responses.fail(exchange, LegacyRequests.failure(refused.get()));
        return;
      }
      core.responses.accepted(exchange);
      try {
        batch(session, decoded.batch(), core.origin(exchange, Transport.HTTP_SSE));
      } catch (RuntimeException e) {
        LOG.error("Unexpected failure handling an HTTP+SSE batch", e); // already answered 202
      }
      return;
    }
    if (!decoded.ok()) {
      core.responses.fail(exchange, HttpFailure.MALFORMED_MESSAGE, decoded.error().id(), decoded.error().error());
      return;
    }
    core.responses.accepted(exchange);
    try {
      Inbound.message(dispatcher, session.context, decoded.message(), peer(session, core.origin(exchange, Transport.HTTP_SSE)));
    } catch (RuntimeException e) {
      LOG.error("Unexpected failure handling an HTTP+SSE message", e); // already answered 202
    }
  }

  /** A session's requests answer on its stream. */
  private Inbound.Peer peer(Session session, RequestOrigin origin) {
    return request -> run(session, request, origin, r -> {
      if (r != null) {
        session.emit(r, codec);
      }
    });
  }

  /** A 2024-11-05 batch: its responses go out together as one array event once all answered. */
  private void batch(Session session, List<JsonNode> items, RequestOrigin origin) {
    Inbound.batch(dispatcher, session.context, items, peer(session, origin), (r, answer) -> run(session, r, origin, answer))
        .ifPresent(array -> array.thenAccept(bytes -> {
          EventStream s = session.stream;
          if (s != null) {
            s.event(bytes);
          }
        }));
  }

  private void run(Session session, JsonRpcRequest request, RequestOrigin origin, Consumer<JsonRpcResponse> answer) {
    Pending pending = new Pending(session, answer);
    session.calls.add(pending);
    if (session.ended.get()) {
      pending.cancel(); // the stream closed while this POST was read
    }
    pending.attach(dispatcher.dispatch(request, session.context, origin, pending));
  }

  /**
   * One request of a session: its notifications and server-to-client requests go on the session
   * stream; the response goes to {@code answer} (null when the call was cancelled). Tracked so that ending the session cancels it.
   */
  private final class Pending implements ResponseSink {
    private final Session session;
    private final Consumer<JsonRpcResponse> answer;
    private volatile Call call;
    private volatile boolean cancelled;

    Pending(Session session, Consumer<JsonRpcResponse> answer) {
      this.session = session;
      this.answer = answer;
    }

    void attach(Call call) {
      this.call = call;
      if (cancelled) {
        call.cancel();
      }
    }

    void cancel() {
      cancelled = true;
      session.calls.remove(this);
      Call c = call;
      if (c != null) {
        c.cancel();
      }
    }

    @Override
    public void notification(JsonRpcNotification notification) {
      session.emit(notification, codec);
    }

    @Override
    public boolean request(JsonRpcRequest request) {
      return session.emit(request, codec);
    }

    @Override
    public void cancelled() {
      session.calls.remove(this); // no response comes: drain stops waiting for it
      answer.accept(null); // a batch leaves it out of its array
    }

    @Override
    public void response(JsonRpcResponse response) {
      session.calls.remove(this);
      answer.accept(response);
    }
  }

  /** The first value of a query parameter, percent-decoded; empty when absent, blank or malformed. */
  static Optional<String> queryParameter(Optional<String> query, String name) {
    if (query.isEmpty()) {
      return Optional.empty();
    }
    for (String pair : query.get().split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      if (key.equals(name)) {
        try {
          String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
          return value.isBlank() ? Optional.empty() : Optional.of(value);
        } catch (IllegalArgumentException e) {
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }
}
