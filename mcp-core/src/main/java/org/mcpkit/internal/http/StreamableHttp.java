package org.mcpkit.internal.http;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.mcpkit.internal.dispatch.Dispatcher;
import org.mcpkit.internal.dispatch.RequestMeta;
import org.mcpkit.internal.dispatch.ServerRequests;
import org.mcpkit.internal.dispatch.TransportContext;
import org.mcpkit.internal.json.ClientText;
import org.mcpkit.internal.json.JsonRpcCodec;
import org.mcpkit.jsonrpc.JsonRpcError;
import org.mcpkit.jsonrpc.JsonRpcErrorCodes;
import org.mcpkit.jsonrpc.JsonRpcMessage;
import org.mcpkit.jsonrpc.JsonRpcNotification;
import org.mcpkit.jsonrpc.JsonRpcRequest;
import org.mcpkit.protocol.McpMethods;
import org.mcpkit.protocol.ProtocolVersion;
import org.mcpkit.server.McpException;
import org.mcpkit.server.http.HttpEndpointOptions;
import org.mcpkit.server.http.McpHeaders;
import org.mcpkit.server.observe.StreamCloseReason;
import org.mcpkit.server.observe.Transport;
import org.mcpkit.transport.spi.HttpExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streamable HTTP, both eras, over the exchange SPI: the endpoint's entry and lifecycle. Every
 * request is checked in the order of checklist §2.2: Origin and Host (403), draining (503), then
 * routed by path (HTTP+SSE) and method (405); a POST's Accept (406), Content-Type (415), size
 * (413, also while reading), JSON (400), then the era its body picks ({@link ModernRequests},
 * {@link LegacyRequests}); GET and DELETE serve 2025-era sessions ({@link SessionStreams}). Every
 * refusal comes from the {@link HttpFailure} table. Timers and the bus subscription start with the
 * first request (or ping), not in the constructor.
 */
public final class StreamableHttp {
  private static final Logger LOG = LoggerFactory.getLogger(StreamableHttp.class);
  /** How often open streams are checked against the availability of server events. */
  static final long EVENTS_CHECK_MILLIS = 250;

  private final EndpointCore core;
  private final Dispatcher dispatcher;
  private final HttpEndpointOptions options;
  private final LegacySessions sessions;
  private final SessionReplication replication;
  private final SessionStreams streams;
  private final ModernRequests modern;
  private final LegacyRequests legacy;
  /** The resource server's guard, or null when requests are not authenticated (the default). */
  private final BearerGuard guard;
  /** The deprecated HTTP+SSE transport, or null when it is off. */
  private final HttpSse httpSse;
  private volatile boolean started;
  private volatile boolean closed;
  private AutoCloseable signals;

  /** Creates the protocol handler; nothing runs until the first request. */
  public StreamableHttp(Dispatcher dispatcher, HttpEndpointOptions options) {
    this(dispatcher, options, Optional.empty());
  }

  /**
   * Creates the protocol handler; with a resource server every MCP request is authenticated (see
   * {@link BearerGuard}) and the metadata document is served.
   */
  public StreamableHttp(Dispatcher dispatcher, HttpEndpointOptions options, Optional<org.mcpkit.server.auth.ResourceServer> auth) {
    this.core = new EndpointCore(dispatcher, options);
    this.dispatcher = dispatcher;
    this.options = options;
    this.sessions = new LegacySessions(core);
    this.replication = new SessionReplication(core, sessions);
    this.streams = new SessionStreams(core, sessions);
    this.modern = new ModernRequests(core);
    this.legacy = new LegacyRequests(core, sessions, replication, this::sessionCount);
    this.guard = auth.map(rs -> new BearerGuard(core, rs)).orElse(null);
    this.httpSse = options.httpSse().map(paths -> new HttpSse(core, paths, this::sessionCount, guard)).orElse(null);
  }

  /** Starts the timers and the session bus subscription, once (idempotent). */
  private void start() {
    if (started) {
      return;
    }
    synchronized (this) {
      if (started || closed) {
        return;
      }
      core.start();
      long sweep = Math.max(1000, Math.min(60_000, options.sessionIdleTimeout().toMillis() / 2));
      core.every(sweep, sessions::sweep);
      core.every(EndpointCore.STREAM_CLAIM_MILLIS / 3, streams::renewClaims);
      core.every(EVENTS_CHECK_MILLIS, this::checkEvents);
      signals = options.sessionBus().subscribe(bytes -> {
        if (!closed) {
          replication.onSignal(bytes);
        }
      });
      started = true;
    }
  }

  /** The options in force. */
  public HttpEndpointOptions options() {
    return options;
  }

  /**
   * While server events do not reach every instance ({@link Dispatcher#eventsAvailable()} false,
   * say Redis is down), open {@code subscriptions/listen} and GET streams would miss events without
   * a sign: each ends with a {@code retry:} hint ({@link StreamCloseReason#EVENTS_UNAVAILABLE}), and
   * new ones are refused 503 until the bus is back. Once it is, claims left unreleased are released.
   */
  private void checkEvents() {
    try {
      if (dispatcher.eventsAvailable()) {
        sessions.retryReleases();
        return;
      }
      byte[] retry = core.retryHint();
      int ended = 0;
      for (Responder r : List.copyOf(core.active)) {
        if (r.subscription) {
          r.endStream(retry, StreamCloseReason.EVENTS_UNAVAILABLE);
          ended++;
        }
      }
      if (ended > 0) {
        LOG.warn("Server events unavailable: ended {} listen stream(s) with a retry hint", ended);
      }
      streams.endGetStreams(StreamCloseReason.EVENTS_UNAVAILABLE);
    } catch (RuntimeException e) {
      LOG.warn("Checking server events failed", e);
    }
  }

  /** Stops timers, ends streams and this instance's part of sessions. Idempotent. */
  public void close() {
    AutoCloseable subscription;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      subscription = signals;
    }
    if (subscription != null) {
      try {
        subscription.close();
      } catch (Exception e) {
        LOG.debug("Closing the session bus subscription failed", e);
      }
    }
    sessions.dropAllLocal(StreamCloseReason.SERVER_CLOSED); // this instance goes away; the records stay for the others
    if (httpSse != null) {
      httpSse.closeAll(StreamCloseReason.SERVER_CLOSED);
    }
    core.stop();
  }

  /**
   * Stops taking new requests (503), ends subscription and session streams with a {@code retry:}
   * hint, and waits up to {@code timeout} for in-flight calls to answer. Returns whether all
   * answered in time.
   */
  public boolean drain(Duration timeout) {
    core.draining = true;
    byte[] retry = core.retryHint();
    for (Responder r : List.copyOf(core.active)) {
      if (r.subscription) {
        r.endStream(retry, StreamCloseReason.DRAIN);
      }
    }
    sessions.dropAllLocal(StreamCloseReason.DRAIN); // streams end here; the session records stay for the other instances
    long deadline = System.nanoTime() + timeout.toNanos();
    while (activeCount() > 0 && System.nanoTime() < deadline) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10)); // polling deadline
    }
    boolean answered = activeCount() == 0;
    if (httpSse != null) {
      httpSse.closeAll(StreamCloseReason.DRAIN); // their answers travel on the stream: end it only after the wait
    }
    return answered;
  }

  /**
   * Pings a 2025-era session on its GET stream (Streamable HTTP), wherever an instance sharing the
   * store holds it, or on its HTTP+SSE stream held here. Fails with {@link McpException} when the
   * session is unknown, has no open stream, or does not answer in time.
   */
  public CompletableFuture<Void> ping(String sessionId, Duration timeout) {
    start();
    Optional<TransportContext> sse = httpSse == null ? Optional.empty() : httpSse.context(sessionId);
    if (sse.isPresent()) {
      return ServerRequests.send(sse.get(), McpMethods.PING, Map.of(), timeout).thenApply(result -> null);
    }
    Optional<SessionEntry> entry = sessions.find(sessionId);
    if (entry.isEmpty()) {
      return CompletableFuture.failedFuture(
          new McpException(JsonRpcError.of(JsonRpcErrorCodes.INVALID_REQUEST, "Session not found")));
    }
    Consumer<JsonRpcMessage> out = entry.get().connection.outbound();
    if (out == null && options.sessionStore().streamClaimed(sessionId, core.now())) {
      // Another instance holds the GET stream: it writes the request there; the answer, posted
      // to any instance, comes back here because the id names this one.
      out = m -> replication.toStreamHolder(sessionId, m);
    }
    return ServerRequests.send(entry.get().session(), out, McpMethods.PING, Map.of(), timeout).thenApply(result -> null);
  }

  /** Number of requests still being answered (tests, metrics, drain). */
  public int activeCount() {
    return core.active.size() + (httpSse == null ? 0 : httpSse.inFlight());
  }

  /** Number of live legacy sessions, HTTP+SSE sessions included (tests, metrics). */
  public int sessionCount() {
    return sessions.count() + (httpSse == null ? 0 : httpSse.count());
  }

  /** Streams in the timer wheel: every open SSE stream with keep-alives or a maximum age (leak checks). */
  public int timerEntries() {
    return core.timers.size();
  }

  /** 2025-era calls whose stream can be resumed live (leak checks). */
  public int resumableStreams() {
    return core.resumable.size();
  }

  /** 2025-era sessions this instance holds a copy of (leak checks). */
  public int localSessions() {
    return sessions.localCount();
  }

  // ------------------------------------------------------------------ entry

  /** Serves one exchange. */
  public void service(HttpExchange http) {
    start();
    Exchange exchange = new Exchange(http);
    try {
      for (String origin : exchange.headers("Origin")) {
        if (!options.originPolicy().allows(origin)) {
          core.responses.fail(exchange, HttpFailure.ORIGIN_NOT_ALLOWED);
          return;
        }
      }
      for (String host : exchange.headers("Host")) {
        if (!options.hostPolicy().allows(host)) {
          core.responses.fail(exchange, HttpFailure.HOST_NOT_ALLOWED);
          return;
        }
      }
      if (core.draining) {
        core.responses.fail(exchange, HttpFailure.SHUTTING_DOWN);
        return;
      }
      route(exchange);
    } catch (RuntimeException e) {
      core.failUnexpected(exchange, e, ClientText.of(http.method()) + " " + ClientText.of(http.path()));
    }
  }

  private void route(Exchange exchange) {
    String method = exchange.method();
    boolean sse = httpSse != null && httpSse.routes(exchange);
    if (exchange.inIoThread() && (!"POST".equals(method) || sse)) {
      // Only a POST's cheap checks and its non-blocking body read run on an I/O thread; the
      // rest (session store lookups, streams) continues on a thread that may block.
      exchange.dispatch(null, () -> {
        try {
          route(exchange);
        } catch (RuntimeException e) {
          core.failUnexpected(exchange, e, ClientText.of(exchange.method()) + " " + ClientText.of(exchange.path()));
        }
      });
      return;
    }
    if (guard != null && guard.isMetadataRequest(exchange)) {
      guard.metadata(exchange);
      return;
    }
    if (sse) {
      if (guard == null || guard.admit(exchange, Transport.HTTP_SSE)) {
        httpSse.service(exchange);
      }
      return;
    }
    if (guard != null && !"POST".equals(method) && !guard.admit(exchange, Transport.STREAMABLE_HTTP)) {
      return; // a POST is authenticated once its body is read, off the I/O thread
    }
    Optional<String> sessionId = "POST".equals(method) ? Optional.empty() : exchange.trimmed(McpHeaders.SESSION_ID);
    switch (method) {
      case "POST" -> post(exchange);
      case "GET" -> {
        if (sessionId.isEmpty() || !dispatcher.servesLegacy()) {
          methodNotAllowed(exchange);
        } else {
          streams.get(exchange, sessionId.get());
        }
      }
      case "DELETE" -> {
        if (sessionId.isEmpty() || !dispatcher.servesLegacy()) {
          methodNotAllowed(exchange);
        } else {
          streams.delete(exchange, sessionId.get());
        }
      }
      default -> methodNotAllowed(exchange);
    }
  }

  private void methodNotAllowed(Exchange exchange) {
    Map<String, String> headers = new LinkedHashMap<>();
    // GET and DELETE exist only for 2025-era sessions
    headers.put("Allow", dispatcher.servesLegacy() ? "GET, POST, DELETE" : "POST");
    core.responses.fail(exchange, HttpFailure.METHOD_NOT_ALLOWED, headers);
  }

  // ------------------------------------------------------------------ POST

  private void post(Exchange exchange) {
    List<String> accept = exchange.headers("Accept");
    if (!AcceptHeader.accepts(accept, AcceptHeader.JSON) || !AcceptHeader.accepts(accept, AcceptHeader.SSE)) {
      core.responses.fail(exchange, HttpFailure.NOT_ACCEPTABLE);
      return;
    }
    JsonBody.read(core, exchange, body -> message(exchange, body));
  }

  /** Picks the era by the body: a modern {@code _meta}, else a 2025-era session's message. */
  private void message(Exchange exchange, byte[] body) {
    if (guard != null && !guard.admit(exchange, Transport.STREAMABLE_HTTP)) {
      return;
    }
    JsonRpcCodec.Decoded decoded = core.codec.decode(body);
    Optional<String> sessionId = exchange.trimmed(McpHeaders.SESSION_ID);
    if (guard != null && !(decoded.isBatch()
        ? guard.permits(exchange, Transport.STREAMABLE_HTTP, decoded.batch())
        : !decoded.ok() || guard.permits(exchange, Transport.STREAMABLE_HTTP, decoded.message()))) {
      return;
    }
    if (decoded.isBatch()) {
      legacy.batch(exchange, sessionId, decoded.batch());
      return;
    }
    if (!decoded.ok()) {
      core.responses.fail(exchange, HttpFailure.MALFORMED_MESSAGE, decoded.error().id(), decoded.error().error());
      return;
    }
    JsonRpcMessage message = decoded.message();
    Map<String, Object> params =
        message instanceof JsonRpcRequest r ? r.params()
            : message instanceof JsonRpcNotification n ? n.params() : Map.of();
    String declared = RequestMeta.declaredVersion(params);
    if (declared == null && dispatcher.servesLegacy()) {
      if (message instanceof JsonRpcRequest r && McpMethods.INITIALIZE.equals(r.method()) && sessionId.isEmpty()) {
        legacy.initialize(exchange, r); // with a session id it goes to that session, which refuses it
        return;
      }
      if (sessionId.isPresent()) {
        legacy.message(exchange, sessionId.get(), message);
        return;
      }
      Optional<String> version = exchange.trimmed(McpHeaders.PROTOCOL_VERSION);
      if (version.isEmpty() || ProtocolVersion.parse(version.get()).map(ProtocolVersion::isLegacy).orElse(false)) {
        core.responses.fail(exchange, HttpFailure.SESSION_ID_REQUIRED, message instanceof JsonRpcRequest r ? r.id() : null);
        return;
      }
    }
    modern.message(exchange, message, declared);
  }
}
