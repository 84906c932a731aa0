package org.mcpkit.internal.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import com.fasterxml.jackson.databind.JsonNode;
import org.mcpkit.internal.dispatch.Call;
import org.mcpkit.internal.dispatch.Connection;
import org.mcpkit.internal.dispatch.Dispatcher;
import org.mcpkit.internal.dispatch.LegacySession;
import org.mcpkit.internal.dispatch.ResponseSink;
import org.mcpkit.internal.dispatch.ServerRequests;
import org.mcpkit.internal.dispatch.TransportContext;
import org.mcpkit.internal.json.JsonRpcCodec;
import org.mcpkit.jsonrpc.JsonRpcError;
import org.mcpkit.jsonrpc.JsonRpcErrorCodes;
import org.mcpkit.jsonrpc.JsonRpcFailure;
import org.mcpkit.jsonrpc.JsonRpcMessage;
import org.mcpkit.jsonrpc.JsonRpcNotification;
import org.mcpkit.jsonrpc.JsonRpcRequest;
import org.mcpkit.jsonrpc.JsonRpcResponse;
import org.mcpkit.jsonrpc.RequestId;
import org.mcpkit.protocol.McpMethods;
import org.mcpkit.protocol.MetaKeys;
import org.mcpkit.protocol.ProtocolVersion;
import org.mcpkit.server.http.HttpEndpointOptions;
import org.mcpkit.server.http.McpHeaders;
import org.mcpkit.server.http.SessionRecord;
import org.mcpkit.server.http.SessionSignal;
import org.mcpkit.transport.spi.HttpExchange;
import org.mcpkit.transport.spi.ResponseChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streamable HTTP, both eras, over the exchange SPI. Validation order (checklist §2.2): Origin and
 * Host (403), HTTP method (405), Accept (406), Content-Type (415), size (413), JSON (400 -32700),
 * single message (400 -32600), then per era: modern header checks (400 -32020), admission (400 or
 * 404), dispatch; legacy session lookup (400/404), dispatch. Every error status carries a JSON-RPC
 * error body.
 */
public final class StreamableHttp {
  private static final Logger LOG = LoggerFactory.getLogger(StreamableHttp.class);
  private static final String JSON = "application/json";
  static final String SSE = "text/event-stream";

  private final Dispatcher dispatcher;
  private final HttpEndpointOptions options;
  private final JsonRpcCodec codec;
  private final ScheduledExecutorService scheduler;
  /** Keep-alive and maximum-age timers of all open streams: one wheel, no task per stream. */
  private final StreamTimers timers;
  private final Map<String, SessionEntry> sessions = new ConcurrentHashMap<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile boolean draining;
  private final java.util.Set<Responder> active = ConcurrentHashMap.newKeySet();
  private final Map<String, Responder> resumable = new ConcurrentHashMap<>();
  /** The deprecated HTTP+SSE transport, or null when it is off. */
  private final HttpSse httpSse;
  /**
   * This endpoint among the instances sharing the session store: it names the server-to-client
   * requests it sends ({@code mcpkit-<instance>-<n>}) and the GET streams it holds, so answers and
   * claims can be told apart.
   */
  private final String instanceId = newInstanceId();
  private final String requestIdPrefix = "mcpkit-" + instanceId + "-";
  private final java.util.concurrent.atomic.AtomicLong requestIds = new java.util.concurrent.atomic.AtomicLong();
  private final java.util.concurrent.atomic.AtomicLong streamSeq = new java.util.concurrent.atomic.AtomicLong();
  private final AutoCloseable signals;
  /** How long a claim on a session's GET stream lasts unless renewed (renewed every third of it). */
  static final long STREAM_CLAIM_MILLIS = 30_000;

  /**
   * A legacy session as HTTP holds it (one per idle session, so kept small: no Instant, no atomic
   * objects). As the session's change listener it saves the session's record.
   */
  private final class SessionEntry implements Runnable {
    final Connection connection;
    final TransportContext context;
    /** Creation time, epoch milliseconds (kept when another instance rebuilds the session). */
    final long createdAt;

    private boolean getStreamOpen;
    volatile EventStream getStream;
    /** The holder name of this instance's claim on the GET stream, while it has one. */
    volatile String streamHolder;
    /** The session the claim is on (set with {@link #streamHolder}). */
    private String claimed;

    SessionEntry(Connection connection, TransportContext context, long createdAt) {
      this.connection = connection;
      this.context = context;
      this.createdAt = createdAt;
    }

    /** Claims the session's one GET stream; false when it is open already. */
    synchronized boolean openGetStream() {
      if (getStreamOpen) {
        return false;
      }
      getStreamOpen = true;
      return true;
    }

    synchronized boolean hasGetStream() {
      return getStreamOpen;
    }

    /** Makes {@code stream} the session's GET stream; a stream that closed meanwhile is let go at once. */
    synchronized void attach(EventStream stream, java.util.function.Consumer<JsonRpcMessage> outbound) {
      getStream = stream;
      connection.outbound(outbound);
      if (stream.isClosed()) {
        detach(stream);
      }
    }

    /**
     * Releases the session from {@code stream} (closed, aged out), unless a newer GET stream already
     * took its place: an old stream's late callback must not cut off the client's new one.
     */
    synchronized void detach(EventStream stream) {
      if (getStream == stream) {
        getStream = null;
        connection.outbound(null);
        releaseClaim();
      }
    }

    /** Gives up the GET stream slot and the store claim (after a refused claim or a detach). */
    synchronized void releaseClaim() {
      String holder = streamHolder;
      streamHolder = null;
      getStreamOpen = false;
      if (holder != null) {
        options.sessionStore().releaseStream(claimed, holder);
      }
      claimed = null;
    }

    synchronized void claimed(String sessionId, String holder) {
      claimed = sessionId;
      streamHolder = holder;
    }

    /** The log level or subscriptions changed: save the record. */
    @Override
    public void run() {
      LegacySession session = connection.session();
      if (session != null) {
        persist(session, this);
        publish(SessionSignal.sessionChanged(session.id(), instanceId)); // others holding it re-read it
      }
    }
  }

  /** Creates the protocol handler. */
  public StreamableHttp(Dispatcher dispatcher, HttpEndpointOptions options) {
    this.dispatcher = dispatcher;
    this.options = options;
    this.codec = dispatcher.codec();
    AtomicInteger n = new AtomicInteger();
    ScheduledThreadPoolExecutor pool =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "mcp-http-timer-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    // Every JSON answer cancels its stream-after timer: drop cancelled timers at once instead of
    // holding each exchange until its timer would have fired.
    pool.setRemoveOnCancelPolicy(true);
    this.scheduler = pool;
    long sweep = Math.max(1000, Math.min(60_000, options.sessionIdleTimeout().toMillis() / 2));
    scheduler.scheduleWithFixedDelay(this::sweepSessions, sweep, sweep, TimeUnit.MILLISECONDS);
    this.timers =
        new StreamTimers(scheduler, StreamTimers.tickFor(options.keepAlive().toMillis(), options.maxStreamAge().toMillis()));
    this.httpSse = options.httpSse().map(paths -> new HttpSse(this, dispatcher, options, paths, timers)).orElse(null);
    long renew = STREAM_CLAIM_MILLIS / 3;
    scheduler.scheduleWithFixedDelay(this::renewStreamClaims, renew, renew, TimeUnit.MILLISECONDS);
    this.signals = options.sessionBus().subscribe(this::onSignal);
  }

  private static String newInstanceId() {
    byte[] bytes = new byte[6];
    new java.security.SecureRandom().nextBytes(bytes);
    return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** A connection whose server-to-client requests carry this instance's name. */
  Connection newConnection() {
    return new Connection(requestIdPrefix, requestIds);
  }

  /** The options in force. */
  public HttpEndpointOptions options() {
    return options;
  }

  /** Stops timers, ends streams and sessions. */
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      signals.close();
    } catch (Exception e) {
      LOG.debug("Closing the session bus subscription failed", e);
    }
    for (String id : List.copyOf(sessions.keySet())) {
      dropLocal(id); // this instance goes away; the records stay for the others
    }
    if (httpSse != null) {
      httpSse.closeAll();
    }
    scheduler.shutdownNow();
  }

  /**
   * Stops taking new requests (503), ends subscription and session streams with a {@code retry:}
   * hint, and waits up to {@code timeoutMillis} for in-flight calls to answer. Returns whether all
   * answered in time.
   */
  public boolean drain(long timeoutMillis) {
    draining = true;
    byte[] retry = retryHint();
    for (Responder r : List.copyOf(active)) {
      if (r.subscription) {
        r.endStream(retry);
      }
    }
    for (String id : List.copyOf(sessions.keySet())) {
      dropLocal(id); // streams end here; the session records stay for the other instances
    }
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    while (inFlight() > 0 && System.nanoTime() < deadline) {
      java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10)); // polling deadline
    }
    boolean answered = inFlight() == 0;
    if (httpSse != null) {
      httpSse.closeAll(); // their answers travel on the stream: end it only after the wait
    }
    return answered;
  }

  private byte[] retryHint() {
    return ("retry: " + options.retryMillis() + "\n\n").getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * Ends a long-lived stream after the maximum age plus up to 10% jitter, unless it closed
   * before.
   */
  private void limitAge(EventStream stream, Runnable end) {
    long age = options.maxStreamAge().toMillis();
    if (age > 0) {
      long jitter = java.util.concurrent.ThreadLocalRandom.current().nextLong(age / 10 + 1);
      stream.limitAge(timers, age + jitter, end);
    }
  }

  /**
   * Pings a 2025-era session on its GET stream (Streamable HTTP), wherever an instance sharing the
   * store holds it, or on its HTTP+SSE stream held here. Fails with {@link
   * org.mcpkit.server.McpException} when the session is unknown, has no open stream, or does not
   * answer in time.
   */
  public CompletableFuture<Void> ping(String sessionId, java.time.Duration timeout) {
    Optional<TransportContext> sse = httpSse == null ? Optional.empty() : httpSse.context(sessionId);
    if (sse.isPresent()) {
      return ServerRequests.send(sse.get(), McpMethods.PING, Map.of(), timeout).thenApply(result -> null);
    }
    SessionEntry entry = sessions.get(sessionId);
    if (entry == null || entry.connection.session() == null) {
      Optional<SessionRecord> record = options.sessionStore().find(sessionId);
      entry = record.isEmpty() ? null : restore(record.get(), null);
    }
    if (entry == null) {
      return CompletableFuture.failedFuture(
          new org.mcpkit.server.McpException(JsonRpcError.of(JsonRpcErrorCodes.INVALID_REQUEST, "Session not found")));
    }
    java.util.function.Consumer<JsonRpcMessage> out = entry.connection.outbound();
    if (out == null && options.sessionStore().streamClaimed(sessionId, java.time.Instant.now())) {
      // Another instance holds the GET stream: it writes the request there; the answer, posted
      // to any instance, comes back here because the id names this one.
      out = m -> publish(SessionSignal.serverMessage(sessionId, instanceId, new String(codec.encode(m), StandardCharsets.UTF_8)));
    }
    return ServerRequests.send(entry.connection.session(), out, McpMethods.PING, Map.of(), timeout)
        .thenApply(result -> null);
  }

  /** Number of requests still being answered (tests, metrics, drain). */
  public int activeCount() {
    return inFlight();
  }

  private int inFlight() {
    return active.size() + (httpSse == null ? 0 : httpSse.inFlight());
  }

  /** Number of live legacy sessions, HTTP+SSE sessions included (tests, metrics). */
  public int sessionCount() {
    return liveSessions();
  }

  int liveSessions() {
    return options.sessionStore().count() + (httpSse == null ? 0 : httpSse.count());
  }

  // ------------------------------------------------------------------ entry

  /** Serves one exchange. */
  public void service(HttpExchange exchange) {
    try {
      for (String origin : exchange.headers("Origin")) {
        if (!options.originPolicy().allows(origin)) {
          error(exchange, 403, null, JsonRpcErrorCodes.INVALID_REQUEST, "Forbidden: Origin not allowed");
          return;
        }
      }
      for (String host : exchange.headers("Host")) {
        if (!options.hostPolicy().allows(host)) {
          error(exchange, 403, null, JsonRpcErrorCodes.INVALID_REQUEST, "Forbidden: Host not allowed");
          return;
        }
      }
      if (draining) {
        error(exchange, 503, null, JsonRpcErrorCodes.INTERNAL_ERROR, "Server is shutting down");
        return;
      }
      String method = exchange.method();
      if (exchange.inIoThread() && (!"POST".equals(method) || httpSse != null && httpSse.routes(exchange))) {
        // Only a POST's cheap checks and its non-blocking body read run on an I/O thread; the
        // rest (session store lookups, streams) continues on a thread that may block.
        exchange.dispatch(null, () -> service(exchange));
        return;
      }
      if (httpSse != null && httpSse.routes(exchange)) {
        httpSse.service(exchange);
        return;
      }
      switch (method) {
        case "POST":
          post(exchange);
          return;
        case "GET":
          get(exchange);
          return;
        case "DELETE":
          delete(exchange);
          return;
        default:
          methodNotAllowed(exchange);
      }
    } catch (RuntimeException e) {
      LOG.error("Unexpected failure serving {} {}", exchange.method(), exchange.path(), e);
      error(exchange, 500, null, JsonRpcErrorCodes.INTERNAL_ERROR, "Internal error");
    }
  }

  private void methodNotAllowed(HttpExchange exchange) {
    Map<String, String> headers = new LinkedHashMap<>();
    // GET and DELETE exist only for 2025-era sessions
    headers.put("Allow", legacyServed() ? "GET, POST, DELETE" : "POST");
    send(exchange, 405, headers, null, JsonRpcErrorCodes.INVALID_REQUEST, "Method not allowed");
  }

  // ------------------------------------------------------------------ POST

  private void post(HttpExchange exchange) {
    if (!accepts(exchange, JSON) || !accepts(exchange, SSE)) {
      error(exchange, 406, null, JsonRpcErrorCodes.INVALID_REQUEST,
          "Not acceptable: Accept must include application/json and text/event-stream");
      return;
    }
    readJson(exchange, body -> message(exchange, body));
  }

  /**
   * Checks Content-Type (415) and size (413, also while reading), then hands the whole body to
   * {@code onBody}; a failure there is answered 500.
   */
  void readJson(HttpExchange exchange, java.util.function.Consumer<byte[]> onBody) {
    Optional<String> type = exchange.header("Content-Type");
    if (type.isEmpty() || !mediaType(type.get()).equals(JSON)) {
      error(exchange, 415, null, JsonRpcErrorCodes.INVALID_REQUEST,
          "Unsupported media type: Content-Type must be application/json");
      return;
    }
    Optional<String> length = exchange.header("Content-Length");
    if (length.isPresent()) {
      try {
        if (Long.parseLong(length.get().trim()) > options.maxBodyBytes()) {
          tooLarge(exchange);
          return;
        }
      } catch (NumberFormatException e) {
        error(exchange, 400, null, JsonRpcErrorCodes.INVALID_REQUEST, "Bad request: invalid Content-Length");
        return;
      }
    }
    exchange.readBody(
        options.maxBodyBytes(),
        new HttpExchange.BodyCallback() {
          @Override
          public void body(byte[] body) {
            if (exchange.inIoThread()) {
              // Leave the I/O thread once: straight to an idle handler thread of the server's
              // own pool, which then runs the handler too, else to the container's workers.
              exchange.dispatch(dispatcher.handoff(), () -> body(body));
              return;
            }
            try {
              onBody.accept(body);
            } catch (RuntimeException e) {
              LOG.error("Unexpected failure serving POST {}", exchange.path(), e);
              error(exchange, 500, null, JsonRpcErrorCodes.INTERNAL_ERROR, "Internal error");
            }
          }

          @Override
          public void tooLarge() {
            StreamableHttp.this.tooLarge(exchange);
          }

          @Override
          public void failed(Throwable error) {
            LOG.debug("Request body not read", error);
          }
        });
  }

  private void tooLarge(HttpExchange exchange) {
    error(exchange, 413, null, JsonRpcErrorCodes.INVALID_REQUEST,
        "Payload too large: the limit is " + options.maxBodyBytes() + " bytes");
  }

  private void message(HttpExchange exchange, byte[] body) {
    JsonRpcCodec.Decoded decoded = codec.decode(body);
    Optional<String> sessionId = exchange.header(McpHeaders.SESSION_ID).map(String::trim);
    if (decoded.isBatch()) {
      legacyBatch(exchange, sessionId, decoded.batch());
      return;
    }
    if (!decoded.ok()) {
      JsonRpcFailure f = decoded.error();
      send(exchange, 400, new LinkedHashMap<>(), f.id(), f.error().code(), f.error().message());
      return;
    }
    JsonRpcMessage message = decoded.message();
    Map<String, Object> params =
        message instanceof JsonRpcRequest r ? r.params()
            : message instanceof JsonRpcNotification n ? n.params() : Map.of();
    boolean modernMeta = metaVersion(params) != null;
    if (!modernMeta && legacyServed()) {
      if (message instanceof JsonRpcRequest r && McpMethods.INITIALIZE.equals(r.method())) {
        initialize(exchange, r);
        return;
      }
      if (sessionId.isPresent()) {
        legacy(exchange, sessionId.get(), message);
        return;
      }
      Optional<String> version = exchange.header(McpHeaders.PROTOCOL_VERSION).map(String::trim);
      if (version.isEmpty() || ProtocolVersion.parse(version.get()).map(ProtocolVersion::isLegacy).orElse(false)) {
        send(exchange, 400, new LinkedHashMap<>(), requestId(message), JsonRpcErrorCodes.INVALID_REQUEST,
            "Bad request: Mcp-Session-Id header is required");
        return;
      }
    }
    modern(exchange, message);
  }

  private static String metaVersion(Map<String, Object> params) {
    Object meta = params.get("_meta");
    if (meta instanceof Map<?, ?> m && m.get(MetaKeys.PROTOCOL_VERSION) instanceof String v) {
      return v;
    }
    return null;
  }

  private static RequestId requestId(JsonRpcMessage m) {
    return m instanceof JsonRpcRequest r ? r.id() : null;
  }

  private boolean legacyServed() {
    return dispatcher.servesLegacy();
  }

  // ------------------------------------------------------------------ modern

  private void modern(HttpExchange exchange, JsonRpcMessage message) {
    if (message instanceof JsonRpcResponse) {
      error(exchange, 400, null, JsonRpcErrorCodes.INVALID_REQUEST,
          "Invalid request: clients do not send responses in this protocol version");
      return;
    }
    if (message instanceof JsonRpcNotification n) {
      dispatcher.notification(n, TransportContext.anonymous());
      accepted(exchange);
      return;
    }
    JsonRpcRequest request = (JsonRpcRequest) message;
    Optional<String> header = exchange.header(McpHeaders.PROTOCOL_VERSION).map(String::trim);
    if (McpMethods.INITIALIZE.equals(request.method()) && metaVersion(request.params()) == null) {
      // a 2025-era client at a modern-only server: -32022 naming our versions, not a header error
      refuse(exchange, request, dispatcher.admit(request).orElseThrow());
      return;
    }
    if (header.isEmpty()) {
      send(exchange, 400, new LinkedHashMap<>(), request.id(), JsonRpcErrorCodes.HEADER_MISMATCH,
          "Header mismatch: MCP-Protocol-Version header is required");
      return;
    }
    String bodyVersion = metaVersion(request.params());
    if (bodyVersion != null && !bodyVersion.equals(header.get())) {
      send(exchange, 400, new LinkedHashMap<>(), request.id(), JsonRpcErrorCodes.HEADER_MISMATCH,
          "Header mismatch: MCP-Protocol-Version does not match _meta");
      return;
    }
    Optional<String> mismatch = HeaderChecks.check(request, exchange::headers, dispatcher::tool);
    if (mismatch.isPresent()) {
      send(exchange, 400, new LinkedHashMap<>(), request.id(), JsonRpcErrorCodes.HEADER_MISMATCH,
          mismatch.get());
      return;
    }
    Optional<JsonRpcError> rejected = dispatcher.admit(request);
    if (rejected.isPresent()) {
      refuse(exchange, request, rejected.get());
      return;
    }
    Responder responder = new Responder(exchange, new LinkedHashMap<>(), true,
        McpMethods.SUBSCRIPTIONS_LISTEN.equals(request.method()));
    responder.attach(dispatcher.dispatchHere(request, TransportContext.anonymous(), responder));
  }

  private void refuse(HttpExchange exchange, JsonRpcRequest request, JsonRpcError e) {
    int status = e.code() == JsonRpcErrorCodes.METHOD_NOT_FOUND ? 404 : 400;
    respondJson(exchange, status, new LinkedHashMap<>(), new JsonRpcFailure(request.id(), e));
  }

  // ------------------------------------------------------------------ legacy

  private void initialize(HttpExchange exchange, JsonRpcRequest request) {
    if (liveSessions() >= options.maxSessions()) {
      send(exchange, 503, new LinkedHashMap<>(), request.id(), JsonRpcErrorCodes.INTERNAL_ERROR,
          "Too many sessions, retry later");
      return;
    }
    Connection connection = newConnection();
    TransportContext context = new TransportContext(exchange.principal().orElse(null), connection);
    CompletableFuture<JsonRpcResponse> answer = new CompletableFuture<>();
    dispatcher.dispatch(
        request,
        context,
        new ResponseSink() {
          @Override
          public void notification(JsonRpcNotification notification) {}

          @Override
          public void response(JsonRpcResponse response) {
            answer.complete(response);
          }
        });
    JsonRpcResponse response = answer.getNow(null);
    LegacySession session = connection.session();
    Map<String, String> headers = new LinkedHashMap<>();
    if (session != null && response != null && !(response instanceof JsonRpcFailure)) {
      SessionEntry entry = new SessionEntry(connection, context, System.currentTimeMillis());
      sessions.put(session.id(), entry);
      persist(session, entry);
      headers.put(McpHeaders.SESSION_ID, session.id());
    }
    if (response == null) {
      send(exchange, 500, headers, request.id(), JsonRpcErrorCodes.INTERNAL_ERROR, "Internal error");
    } else {
      respondJson(exchange, 200, headers, response);
    }
  }

  private SessionEntry lookup(HttpExchange exchange, String id, RequestId requestId) {
    Optional<SessionRecord> record = options.sessionStore().find(id);
    String principal = exchange.principal().map(java.security.Principal::getName).orElse(null);
    if (record.isEmpty() || !java.util.Objects.equals(principal, record.get().principal())) {
      // A session presented by another principal is answered like an unknown one: ids are not
      // credentials, and a 403 would confirm the id exists.
      if (record.isEmpty()) {
        endLocalCalls(id);
        dropLocal(id);
      }
      send(exchange, 404, new LinkedHashMap<>(), requestId, JsonRpcErrorCodes.INVALID_REQUEST,
          "Session not found");
      return null;
    }
    Optional<String> version = exchange.header(McpHeaders.PROTOCOL_VERSION).map(String::trim);
    if (version.isPresent() && ProtocolVersion.parse(version.get()).isEmpty()) {
      send(exchange, 400, new LinkedHashMap<>(), requestId, JsonRpcErrorCodes.INVALID_REQUEST,
          "Bad request: unsupported MCP-Protocol-Version");
      return null;
    }
    SessionEntry entry = sessions.get(id);
    if (entry == null || entry.connection.session() == null) {
      entry = restore(record.get(), exchange.principal().orElse(null));
    } else {
      sync(entry, record.get());
    }
    options.sessionStore().touch(id, java.time.Instant.now());
    return entry;
  }

  /** Brings this instance's copy of a session up to what another instance stored. */
  private void sync(SessionEntry entry, SessionRecord record) {
    LegacySession session = entry.connection.session();
    if (session == null) {
      return;
    }
    if (record.logLevel() != session.logLevel() || !session.subscribedToExactly(record.subscriptions())) {
      session.adopt(record.logLevel(), record.subscriptions());
    }
    if (record.initialized() && !session.initialized()) {
      // notifications/initialized reached another instance (last: it saves this copy)
      dispatcher.notification(new JsonRpcNotification(McpMethods.NOTIFICATIONS_INITIALIZED, Map.of()), entry.context);
    }
  }

  /** Rebuilds a session another instance created, from its record. */
  private SessionEntry restore(SessionRecord r, java.security.Principal principal) {
    Connection connection = newConnection();
    TransportContext context = new TransportContext(principal, connection);
    LegacySession session =
        dispatcher.restoreSession(
            context,
            r.id(),
            ProtocolVersion.parse(r.protocolVersion()).orElse(ProtocolVersion.V2025_03_26),
            r.clientCapabilities() == null ? org.mcpkit.protocol.ClientCapabilities.none() : r.clientCapabilities(),
            r.clientInfo(),
            r.principal(),
            r.logLevel(),
            r.subscriptions(),
            r.initialized());
    SessionEntry fresh = new SessionEntry(connection, context, r.createdAt());
    SessionEntry winner = sessions.putIfAbsent(r.id(), fresh);
    if (winner != null && winner.connection.session() != null) {
      dispatcher.endSession(context);
      return winner;
    }
    sessions.put(r.id(), fresh);
    session.onChange(fresh);
    return fresh;
  }

  private void persist(LegacySession session, SessionEntry entry) {
    session.onChange(entry);
    options.sessionStore().save(
        new SessionRecord(
            session.id(),
            session.version().id(),
            session.clientInfo(),
            session.capabilities(),
            session.logLevel(),
            session.principalName(),
            session.subscriptionsSnapshot(),
            entry.createdAt,
            System.currentTimeMillis(),
            session.initialized()));
  }

  /** Ends this instance's part of a session whose record is gone. */
  private void dropLocal(String id) {
    SessionEntry entry = sessions.remove(id);
    if (entry != null) {
      EventStream stream = entry.getStream;
      if (stream != null) {
        stream.send(retryHint());
        stream.finish();
      }
      dispatcher.endSession(entry.context);
    }
  }

  private void legacy(HttpExchange exchange, String sessionId, JsonRpcMessage message) {
    if (options.acceptUnknownSessionIds()
        && options.sessionStore().find(sessionId).isEmpty()
        && message instanceof JsonRpcRequest request) {
      sessionless(exchange, request);
      return;
    }
    SessionEntry entry = lookup(exchange, sessionId, requestId(message));
    if (entry == null) {
      return;
    }
    if (message instanceof JsonRpcNotification || message instanceof JsonRpcResponse) {
      inbound(sessionId, entry, message);
      accepted(exchange);
    } else {
      JsonRpcRequest request = (JsonRpcRequest) message;
      Map<String, String> headers = new LinkedHashMap<>();
      headers.put(McpHeaders.SESSION_ID, sessionId);
      LegacySession session = entry.connection.session();
      Responder responder =
          new Responder(exchange, headers, false, false, StreamIds.next(sessionId),
              session != null && session.version() == ProtocolVersion.V2025_11_25);
      responder.attach(dispatcher.dispatchHere(request, entry.context, responder));
    }
  }

  /**
   * A client notification or response of a session: served here, and sent on to the instance that
   * can act on it when that may be another (a cancellation, an answer no call here waits for).
   */
  private void inbound(String sessionId, SessionEntry entry, JsonRpcMessage message) {
    if (message instanceof JsonRpcNotification n) {
      dispatcher.notification(n, entry.context);
      if (McpMethods.NOTIFICATIONS_CANCELLED.equals(n.method())) {
        // The call may run on another instance: whichever runs it stops it.
        publish(SessionSignal.clientMessage(sessionId, instanceId, Optional.empty(), new String(codec.encode(n), StandardCharsets.UTF_8)));
      }
    } else if (message instanceof JsonRpcResponse r && !dispatcher.clientResponse(r, entry.context)) {
      forwardAnswer(sessionId, r);
    }
  }

  /**
   * An answer no call here waits for: when its id names another instance (ids are {@code
   * mcpkit-<instance>-<n>}), it goes to that instance on the session bus; otherwise it came late
   * and is dropped.
   */
  private void forwardAnswer(String sessionId, JsonRpcResponse response) {
    Optional<String> target = response.requestId().flatMap(StreamableHttp::askingInstance);
    if (target.isPresent() && !target.get().equals(instanceId)) {
      publish(SessionSignal.clientMessage(sessionId, instanceId, target, new String(codec.encode(response), StandardCharsets.UTF_8)));
    }
  }

  /** The instance a server-to-client request id names, if it is one of ours. */
  static Optional<String> askingInstance(RequestId id) {
    if (!(id.wireValue() instanceof String s) || !s.startsWith("mcpkit-")) {
      return Optional.empty();
    }
    int dash = s.lastIndexOf('-');
    return dash > 7 ? Optional.of(s.substring(7, dash)) : Optional.empty();
  }

  private void publish(SessionSignal signal) {
    try {
      options.sessionBus().publish(signal);
    } catch (RuntimeException e) {
      LOG.warn("Session bus publish failed", e);
    }
  }

  /** A signal from another instance about a session. Runs on the bus's thread: never blocks. */
  private void onSignal(SessionSignal signal) {
    if (!signal.isFor(instanceId) || closed.get()) {
      return;
    }
    String id = signal.sessionId();
    if (signal.kind() == SessionSignal.Kind.SESSION_ENDED) {
      endLocalCalls(id);
      dropLocal(id);
      return;
    }
    SessionEntry entry = sessions.get(id);
    if (entry == null || entry.connection.session() == null) {
      return; // not held here (HTTP+SSE sessions never leave the instance holding their stream)
    }
    if (signal.kind() == SessionSignal.Kind.SESSION_CHANGED) {
      options.sessionStore().find(id).ifPresent(r -> sync(entry, r));
      return;
    }
    if (signal.kind() == SessionSignal.Kind.SERVER_MESSAGE) {
      java.util.function.Consumer<JsonRpcMessage> out = entry.connection.outbound();
      JsonRpcCodec.Decoded message = codec.decode(signal.message().getBytes(StandardCharsets.UTF_8));
      if (out != null && message.ok() && !message.isBatch()) {
        out.accept(message.message()); // this instance holds the session's GET stream
      }
      return;
    }
    JsonRpcCodec.Decoded decoded = codec.decode(signal.message().getBytes(StandardCharsets.UTF_8));
    if (!decoded.ok() || decoded.isBatch()) {
      return;
    }
    if (decoded.message() instanceof JsonRpcResponse r) {
      dispatcher.clientResponse(r, entry.context);
    } else if (decoded.message() instanceof JsonRpcNotification n) {
      dispatcher.notification(n, entry.context);
    }
  }

  /** A 2025-era request under a session id issued elsewhere: served without session state. */
  private void sessionless(HttpExchange exchange, JsonRpcRequest request) {
    ProtocolVersion version =
        exchange.header(McpHeaders.PROTOCOL_VERSION).map(String::trim).flatMap(ProtocolVersion::parse)
            .filter(ProtocolVersion::isLegacy).orElse(ProtocolVersion.V2025_03_26);
    Connection connection = newConnection();
    TransportContext context = new TransportContext(exchange.principal().orElse(null), connection);
    dispatcher.restoreSession(context, "sessionless", version,
        org.mcpkit.protocol.ClientCapabilities.none(), null, null, null, java.util.Set.of(), true);
    Responder responder = new Responder(exchange, new LinkedHashMap<>(), false, false);
    responder.attach(dispatcher.dispatch(request, context, new ResponseSink() {
      @Override
      public void notification(JsonRpcNotification notification) {
        responder.notification(notification);
      }

      @Override
      public void response(JsonRpcResponse response) {
        responder.response(response);
        dispatcher.endSession(context);
      }
    }));
  }

  /**
   * A batch goes through the same session checks as a single message (store lookup, principal,
   * MCP-Protocol-Version, touch); only sessions that negotiated a batching revision take one.
   */
  private void legacyBatch(HttpExchange exchange, Optional<String> sessionId, List<JsonNode> items) {
    if (sessionId.isEmpty() || !legacyServed()) {
      error(exchange, 400, null, JsonRpcErrorCodes.INVALID_REQUEST, "Invalid request: batches are not supported");
      return;
    }
    SessionEntry entry = lookup(exchange, sessionId.get(), null);
    if (entry == null) {
      return;
    }
    LegacySession session = entry.connection.session();
    if (session == null || !session.version().acceptsBatches()) {
      error(exchange, 400, null, JsonRpcErrorCodes.INVALID_REQUEST, "Invalid request: batches are not supported");
    } else if (items.isEmpty()) {
      error(exchange, 400, null, JsonRpcErrorCodes.INVALID_REQUEST, "Invalid request: empty batch");
    } else {
      batch(exchange, entry, sessionId.get(), items);
    }
  }

  private void batch(HttpExchange exchange, SessionEntry entry, String sessionId, List<JsonNode> items) {
    Optional<CompletableFuture<byte[]>> answers =
        Batches.serve(codec, dispatcher, entry.context, items, m -> inbound(sessionId, entry, m), (r, answer) ->
            dispatcher.dispatch(r, entry.context, new ResponseSink() {
              @Override
              public void notification(JsonRpcNotification notification) {}

              @Override
              public void cancelled() {
                answer.accept(null); // no answer in the array; the rest still go out
              }

              @Override
              public void response(JsonRpcResponse response) {
                answer.accept(response);
              }
            }));
    if (answers.isEmpty()) {
      accepted(exchange);
      return;
    }
    answers.get().thenAccept(bytes -> {
      Map<String, String> headers = jsonHeaders(bytes.length);
      headers.put(McpHeaders.SESSION_ID, sessionId);
      writeAll(exchange.respond(200, headers), bytes);
    });
  }

  // ------------------------------------------------------------------ GET / DELETE

  private void get(HttpExchange exchange) {
    Optional<String> sessionId = exchange.header(McpHeaders.SESSION_ID).map(String::trim);
    if (sessionId.isEmpty() || !legacyServed()) {
      methodNotAllowed(exchange);
      return;
    }
    if (!accepts(exchange, SSE)) {
      error(exchange, 406, null, JsonRpcErrorCodes.INVALID_REQUEST,
          "Not acceptable: Accept must include text/event-stream");
      return;
    }
    SessionEntry entry = lookup(exchange, sessionId.get(), null);
    if (entry == null) {
      return;
    }
    Optional<String> lastEventId = exchange.header(McpHeaders.LAST_EVENT_ID).map(String::trim);
    if (lastEventId.isPresent()) {
      resume(exchange, sessionId.get(), lastEventId.get());
      return;
    }
    if (!entry.openGetStream()) {
      error(exchange, 409, null, JsonRpcErrorCodes.INVALID_REQUEST,
          "Conflict: this session already has an open GET stream");
      return;
    }
    // The slot here is free; the store says whether another instance holds the session's stream.
    String holder = instanceId + "/" + streamSeq.incrementAndGet();
    if (!options.sessionStore().claimStream(sessionId.get(), holder, claimUntil())) {
      entry.releaseClaim();
      error(exchange, 409, null, JsonRpcErrorCodes.INVALID_REQUEST,
          "Conflict: this session already has an open GET stream");
      return;
    }
    entry.claimed(sessionId.get(), holder);
    Map<String, String> headers = sseHeaders();
    headers.put(McpHeaders.SESSION_ID, sessionId.get());
    ResponseChannel channel = exchange.respond(200, headers);
    EventStream[] self = new EventStream[1];
    EventStream stream = new EventStream(channel, options.maxQueuedEvents(), () -> entry.detach(self[0]));
    self[0] = stream;
    entry.attach(stream, m -> stream.event(codec.encode(m)));
    stream.send(EventStream.COMMENT);
    stream.startKeepAlive(timers, options.keepAlive().toMillis());
    limitAge(stream, () -> {
      stream.send(retryHint());
      stream.finish();
      entry.detach(stream);
    });
  }

  /** GET with {@code Last-Event-ID}: replays what the client missed on that stream, exactly once. */
  private void resume(HttpExchange exchange, String sessionId, String lastEventId) {
    if (!StreamIds.belongsTo(lastEventId, sessionId)) {
      error(exchange, 400, null, JsonRpcErrorCodes.INVALID_REQUEST, "Bad request: unknown Last-Event-ID");
      return;
    }
    // An id of this session the store no longer knows (past retention): a clean, empty replay.
    Optional<String> stream = options.eventStore().streamOf(lastEventId);
    Map<String, String> headers = sseHeaders();
    headers.put(McpHeaders.SESSION_ID, sessionId);
    EventStream resumed = new EventStream(exchange.respond(200, headers), options.maxQueuedEvents(), () -> {});
    resumed.startKeepAlive(timers, options.keepAlive().toMillis());
    // Replay off the container thread, like every other stream write: a container may not let a
    // request thread both write and complete a non-blocking response.
    scheduler.execute(() -> {
      Responder live = stream.map(resumable::get).orElse(null);
      if (live != null) {
        live.reattach(resumed, lastEventId);
        return;
      }
      replay(resumed, lastEventId);
      resumed.finish();
    });
  }

  /** Sends the stored events after {@code lastEventId}, skipping priming events. */
  private void replay(EventStream resumed, String lastEventId) {
    for (org.mcpkit.server.http.EventStore.Event e : options.eventStore().after(lastEventId)) {
      if (e.message().length > 0) {
        resumed.event(e.id(), e.message());
      }
    }
  }

  private void delete(HttpExchange exchange) {
    Optional<String> sessionId = exchange.header(McpHeaders.SESSION_ID).map(String::trim);
    if (sessionId.isEmpty() || !legacyServed()) {
      methodNotAllowed(exchange);
      return;
    }
    if (lookup(exchange, sessionId.get(), null) == null) {
      return;
    }
    endSession(sessionId.get());
    writeAll(exchange.respond(200, new LinkedHashMap<>(Map.of("Content-Length", "0"))), new byte[0]);
  }

  private void endSession(String id) {
    options.sessionStore().delete(id);
    options.eventStore().removeSession(id);
    endLocalCalls(id);
    dropLocal(id);
    publish(SessionSignal.sessionEnded(id, instanceId));
  }

  private static java.time.Instant claimUntil() {
    return java.time.Instant.now().plusMillis(STREAM_CLAIM_MILLIS);
  }

  /** Keeps this instance's claims on its open GET streams from expiring. */
  private void renewStreamClaims() {
    try {
      java.time.Instant until = claimUntil();
      for (Map.Entry<String, SessionEntry> e : sessions.entrySet()) {
        SessionEntry entry = e.getValue();
        String holder = entry.streamHolder;
        if (holder != null && !options.sessionStore().claimStream(e.getKey(), holder, until)) {
          // The claim lapsed (this instance stalled longer than a lease) and another stream took
          // it, or the session is gone: this stream ends, so the session keeps exactly one.
          EventStream stream = entry.getStream;
          if (stream != null && holder.equals(entry.streamHolder)) {
            stream.send(retryHint());
            stream.finish();
            entry.detach(stream);
          }
        }
      }
    } catch (RuntimeException e) {
      LOG.warn("Renewing GET stream claims failed", e);
    }
  }

  /** The session is gone (DELETE, expiry, ended elsewhere): its running calls here stop. */
  private void endLocalCalls(String id) {
    byte[] retry = retryHint();
    for (Responder r : List.copyOf(active)) {
      if (r.resumableId != null && StreamIds.belongsTo(r.resumableId, id)) {
        r.sessionEnded(retry);
      }
    }
  }

  private void sweepSessions() {
    try {
      java.time.Instant cutoff = java.time.Instant.now().minus(options.sessionIdleTimeout());
      for (String id : options.sessionStore().idleSince(cutoff)) {
        SessionEntry local = sessions.get(id);
        if ((local != null && local.hasGetStream()) || options.sessionStore().streamClaimed(id, java.time.Instant.now())) {
          options.sessionStore().touch(id, java.time.Instant.now()); // an open GET stream is use
        } else {
          LOG.debug("Session expired");
          endSession(id);
        }
      }
      for (String id : List.copyOf(sessions.keySet())) {
        if (options.sessionStore().find(id).isEmpty()) {
          endLocalCalls(id);
          dropLocal(id); // ended elsewhere
        }
      }
    } catch (RuntimeException e) {
      LOG.warn("Session sweep failed", e);
    }
  }

  // ------------------------------------------------------------------ responses

  /**
   * Answers one dispatched request as JSON, or as SSE once a message must precede the result.
   * The sink methods and the stream-after timer are synchronized and call the container; the
   * methods container threads call ({@link #attach}, {@link #gone}) take no lock, so a container
   * holding its own lock never waits for this one.
   */
  private final class Responder implements ResponseSink {
    private final HttpExchange exchange;
    private final Map<String, String> baseHeaders;
    private final boolean cancelOnDisconnect;
    final boolean subscription;
    final String resumableId;
    private final boolean prime;
    private volatile EventStream stream;
    private volatile boolean answered;
    private volatile Call call;
    private volatile ScheduledFuture<?> streamTimer;
    private volatile boolean sessionGone;

    Responder(HttpExchange exchange, Map<String, String> headers, boolean cancelOnDisconnect, boolean stream) {
      this(exchange, headers, cancelOnDisconnect, stream, null, false);
    }

    /**
     * @param resumableId the event stream id (legacy streams: events are stored for resumption), or
     *     null
     * @param prime whether the stream starts with a priming event (2025-11-25)
     */
    Responder(
        HttpExchange exchange,
        Map<String, String> headers,
        boolean cancelOnDisconnect,
        boolean stream,
        String resumableId,
        boolean prime) {
      this.exchange = exchange;
      this.baseHeaders = headers.isEmpty() ? Map.of() : headers; // a listen stream keeps no empty map
      this.cancelOnDisconnect = cancelOnDisconnect;
      this.subscription = stream;
      this.resumableId = resumableId;
      this.prime = prime;
      if (resumableId != null) {
        resumable.put(resumableId, this);
      }
      active.add(this);
      if (stream
          || options.responseMode() == HttpEndpointOptions.ResponseMode.ALWAYS_SSE
          || (options.responseMode() == HttpEndpointOptions.ResponseMode.AUTO && prefersSse(exchange))) {
        openStream(stream);
      }
    }

    void attach(Call call) {
      this.call = call;
      if (sessionGone) {
        call.cancel(); // the session ended while this request was dispatched
      }
      EventStream s = stream;
      if (s != null && s.isClosed() && !answered && cancelOnDisconnect) {
        call.cancel();
      }
      if (options.responseMode() == HttpEndpointOptions.ResponseMode.AUTO && !answered && s == null) {
        ScheduledFuture<?> timer =
            scheduler.schedule(this::streamIfStillRunning, options.streamAfter().toMillis(), TimeUnit.MILLISECONDS);
        streamTimer = timer;
        if (answered) {
          timer.cancel(false);
        }
      }
    }

    private synchronized void openStream(boolean primeNow) {
      Map<String, String> headers = sseHeaders();
      headers.putAll(baseHeaders);
      ResponseChannel channel = exchange.respond(200, headers);
      stream = new EventStream(channel, options.maxQueuedEvents(), this::gone);
      if (resumableId != null && prime) {
        byte[] empty = new byte[0];
        stream.event(options.eventStore().append(resumableId, empty), empty);
      } else if (primeNow) {
        stream.send(EventStream.COMMENT);
      }
      stream.startKeepAlive(timers, options.keepAlive().toMillis());
      if (subscription) {
        limitAge(stream, () -> endStream(retryHint()));
      }
    }

    private synchronized void streamIfStillRunning() {
      if (!answered && stream == null) {
        openStream(true);
      }
    }

    /** Marks the request answered (once) and stops its stream-after timer; false if it already was. */
    private boolean answerOnce() {
      if (answered) {
        return false;
      }
      answered = true;
      ScheduledFuture<?> timer = streamTimer;
      if (timer != null) {
        timer.cancel(false);
      }
      return true;
    }

    /** Drain: tells the client when to come back, ends the stream and the call behind it. */
    void endStream(byte[] retry) {
      EventStream s = stream;
      active.remove(this);
      if (s != null) {
        s.send(retry);
        s.finish();
      }
      Call c = call;
      if (c != null) {
        c.cancel();
      }
    }

    /**
     * The call was cancelled and will not answer (the spec says no response follows a
     * cancellation): the stream ends without one, a JSON answer still owed becomes 204, and the
     * exchange, the stream and the drain count are let go.
     */
    @Override
    public void cancelled() {
      // Container threads cancel too (a disconnect): they take no lock here, the timer thread does.
      try {
        scheduler.execute(this::release);
      } catch (java.util.concurrent.RejectedExecutionException e) {
        active.remove(this); // the endpoint is closing
      }
    }

    private synchronized void release() {
      if (!answerOnce()) {
        return;
      }
      EventStream s = stream;
      if (s != null) {
        s.finish();
      } else {
        writeAll(exchange.respond(204, new LinkedHashMap<>()), new byte[0]);
      }
      if (resumableId != null) {
        resumable.remove(resumableId);
      }
      active.remove(this);
    }

    /**
     * The call's session ended: the handler is cancelled; an open stream ends with a {@code retry:}
     * hint (the client's resume then learns the session is gone), a JSON answer still owed is 404.
     */
    synchronized void sessionEnded(byte[] retry) {
      if (!answerOnce()) {
        return;
      }
      sessionGone = true;
      Call c = call;
      if (c != null) {
        c.cancel();
      }
      EventStream s = stream;
      if (s != null) {
        s.send(retry);
        s.finish();
      } else {
        send(exchange, 404, new LinkedHashMap<>(), null, JsonRpcErrorCodes.INVALID_REQUEST, "Session not found");
      }
      resumable.remove(resumableId);
      active.remove(this);
    }

    private void gone() {
      Call c = call;
      if (!answered && cancelOnDisconnect && c != null) {
        active.remove(this);
        c.cancel();
      }
      // A legacy call goes on after a disconnect: it stays active (drain waits for it) and its
      // events are stored for resumption.
    }

    /** Sends a message on the stream; resumable streams store it first, also while detached. */
    private boolean emit(byte[] json) {
      EventStream s = stream;
      if (resumableId != null) {
        String id = options.eventStore().append(resumableId, json);
        if (s != null && !s.isClosed()) {
          s.event(id, json);
        }
        return true;
      }
      return s != null && s.event(json);
    }

    @Override
    public synchronized void closeStream() {
      if (resumableId == null || answered) {
        return;
      }
      if (stream == null) {
        openStream(false);
      }
      EventStream s = stream;
      s.send(retryHint());
      s.finish();
    }

    /** A client resumed this stream with {@code Last-Event-ID}: replay, then continue live. */
    synchronized void reattach(EventStream resumed, String lastEventId) {
      replay(resumed, lastEventId);
      if (answered) {
        resumed.finish();
      } else {
        stream = resumed;
      }
    }

    @Override
    public synchronized void notification(JsonRpcNotification notification) {
      if (answered || options.responseMode() == HttpEndpointOptions.ResponseMode.ALWAYS_JSON) {
        return;
      }
      if (stream == null) {
        openStream(false);
      }
      emit(codec.encode(notification));
    }

    @Override
    public synchronized boolean request(JsonRpcRequest request) {
      if (answered) {
        return false;
      }
      if (stream == null) {
        openStream(false);
      }
      return emit(codec.encode(request));
    }

    @Override
    public synchronized void response(JsonRpcResponse response) {
      if (!answerOnce()) {
        return;
      }
      if (stream != null) {
        emit(codec.encode(response));
        if (!stream.isClosed()) {
          stream.finish();
        }
      } else {
        respondJson(exchange, 200, baseHeaders, response);
      }
      if (resumableId != null) {
        // Only now: a resume that no longer finds this responder must find the answer stored.
        resumable.remove(resumableId);
      }
      active.remove(this);
    }
  }

  static Map<String, String> sseHeaders() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", SSE);
    headers.put("Cache-Control", "no-cache, no-transform");
    headers.put("X-Accel-Buffering", "no");
    return headers;
  }

  private static Map<String, String> jsonHeaders(int length) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", JSON);
    headers.put("Content-Length", Integer.toString(length));
    return headers;
  }

  void accepted(HttpExchange exchange) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Length", "0");
    writeAll(exchange.respond(202, headers), new byte[0]);
  }

  private void respondJson(HttpExchange exchange, int status, Map<String, String> extra, JsonRpcMessage message) {
    if (exchange.inIoThread()) {
      // An early answer (403, 413, ...) is rare: answer it from a worker, as every other response,
      // so the container handles the unread body and the connection close as it always does.
      exchange.dispatch(null, () -> respondJson(exchange, status, extra, message));
      return;
    }
    byte[] body = codec.encode(message);
    Map<String, String> headers = jsonHeaders(body.length);
    headers.putAll(extra);
    writeAll(exchange.respond(status, headers), body);
  }

  void error(HttpExchange exchange, int status, RequestId id, int code, String message) {
    send(exchange, status, new LinkedHashMap<>(), id, code, message);
  }

  void send(HttpExchange exchange, int status, Map<String, String> headers, RequestId id, int code, String message) {
    respondJson(exchange, status, headers, new JsonRpcFailure(id, JsonRpcError.of(code, message)));
  }

  private static void writeAll(ResponseChannel channel, byte[] body) {
    if (body.length == 0) {
      channel.end();
      return;
    }
    channel.write(body, new ResponseChannel.WriteCallback() {
      @Override
      public void done() {
        channel.end();
      }

      @Override
      public void failed(Throwable error) {
        channel.end();
      }
    });
  }

  // ------------------------------------------------------------------ header parsing

  private static String mediaType(String value) {
    int semi = value.indexOf(';');
    return (semi < 0 ? value : value.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
  }

  /** One media range of an Accept header: its type and q-value, in order of appearance. */
  private record MediaRange(String type, double q) {}

  private static List<MediaRange> accept(HttpExchange exchange) {
    List<MediaRange> ranges = new ArrayList<>();
    for (String header : exchange.headers("Accept")) {
      for (String range : header.split(",")) {
        String[] parts = range.split(";");
        double q = 1.0;
        for (int i = 1; i < parts.length; i++) {
          String p = parts[i].trim();
          if (p.startsWith("q=")) {
            try {
              q = Double.parseDouble(p.substring(2).trim());
            } catch (NumberFormatException e) {
              q = 0;
            }
          }
        }
        ranges.add(new MediaRange(parts[0].trim().toLowerCase(Locale.ROOT), q));
      }
    }
    return ranges;
  }

  /**
   * Whether the client prefers SSE: text/event-stream has a higher q-value than application/json,
   * or the same q-value and is listed first.
   */
  static boolean prefersSse(HttpExchange exchange) {
    List<MediaRange> ranges = accept(exchange);
    int sse = -1;
    int json = -1;
    for (int i = 0; i < ranges.size(); i++) {
      if (sse < 0 && ranges.get(i).type().equals(SSE)) {
        sse = i;
      } else if (json < 0 && ranges.get(i).type().equals(JSON)) {
        json = i;
      }
    }
    if (sse < 0 || ranges.get(sse).q() <= 0) {
      return false;
    }
    if (json < 0) {
      return true;
    }
    double sq = ranges.get(sse).q();
    double jq = ranges.get(json).q();
    return sq > jq || (sq == jq && sse < json);
  }

  /** Whether the Accept headers allow the media type (with q-values; q=0 refuses). */
  static boolean accepts(HttpExchange exchange, String type) {
    String major = type.substring(0, type.indexOf('/'));
    for (MediaRange r : accept(exchange)) {
      if (r.q() > 0 && (r.type().equals(type) || r.type().equals("*/*") || r.type().equals(major + "/*"))) {
        return true;
      }
    }
    return false;
  }
}
