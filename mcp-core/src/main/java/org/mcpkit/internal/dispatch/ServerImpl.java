package org.mcpkit.internal.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.Principal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.mcpkit.internal.json.Json;
import org.mcpkit.internal.json.JsonRpcCodec;
import org.mcpkit.internal.schema.BoundToolHandler;
import org.mcpkit.internal.schema.SchemaValidator;
import org.mcpkit.jsonrpc.JsonRpcError;
import org.mcpkit.jsonrpc.JsonRpcErrorCodes;
import org.mcpkit.jsonrpc.JsonRpcFailure;
import org.mcpkit.jsonrpc.JsonRpcNotification;
import org.mcpkit.jsonrpc.JsonRpcRequest;
import org.mcpkit.jsonrpc.JsonRpcResponse;
import org.mcpkit.jsonrpc.JsonRpcSuccess;
import org.mcpkit.jsonrpc.RequestId;
import org.mcpkit.protocol.CallToolRequest;
import org.mcpkit.protocol.CallToolResult;
import org.mcpkit.protocol.ClientCapabilities;
import org.mcpkit.protocol.CompleteRequest;
import org.mcpkit.protocol.CompleteResult;
import org.mcpkit.protocol.DiscoverResult;
import org.mcpkit.protocol.GetPromptRequest;
import org.mcpkit.protocol.GetPromptResult;
import org.mcpkit.protocol.Implementation;
import org.mcpkit.protocol.InitializeRequest;
import org.mcpkit.protocol.InitializeResult;
import org.mcpkit.protocol.InputRequest;
import org.mcpkit.protocol.LoggingLevel;
import org.mcpkit.protocol.InputRequiredResult;
import org.mcpkit.protocol.ListPromptsResult;
import org.mcpkit.protocol.ListResourceTemplatesResult;
import org.mcpkit.protocol.ListResourcesResult;
import org.mcpkit.protocol.ListToolsResult;
import org.mcpkit.protocol.McpMethods;
import org.mcpkit.protocol.MetaKeys;
import org.mcpkit.protocol.PaginatedRequest;
import org.mcpkit.protocol.Prompt;
import org.mcpkit.protocol.PromptArgument;
import org.mcpkit.protocol.PromptReference;
import org.mcpkit.protocol.PromptsCapability;
import org.mcpkit.protocol.ProtocolVersion;
import org.mcpkit.protocol.ReadResourceRequest;
import org.mcpkit.protocol.ReadResourceResult;
import org.mcpkit.protocol.Resource;
import org.mcpkit.protocol.ResourceTemplate;
import org.mcpkit.protocol.ResourceTemplateReference;
import org.mcpkit.protocol.ResourcesCapability;
import org.mcpkit.protocol.ServerCapabilities;
import org.mcpkit.protocol.SubscriptionFilter;
import org.mcpkit.protocol.SubscriptionsListenRequest;
import org.mcpkit.protocol.Tool;
import org.mcpkit.protocol.ToolsCapability;
import org.mcpkit.protocol.UnsupportedVersionData;
import org.mcpkit.server.CompletionHandler;
import org.mcpkit.server.McpException;
import org.mcpkit.server.McpServer;
import org.mcpkit.server.MessageLimits;
import org.mcpkit.server.PromptSpec;
import org.mcpkit.server.ResourceSpec;
import org.mcpkit.server.ResourceTemplateSpec;
import org.mcpkit.server.ServerEvent;
import org.mcpkit.server.ToolSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The server: registries, admission and dispatch of modern requests, subscriptions. */
public final class ServerImpl implements McpServer, Dispatcher {
  private static final Logger LOG = LoggerFactory.getLogger(ServerImpl.class);
  private static final Set<String> MODERN_METHODS =
      Set.of(
          McpMethods.SERVER_DISCOVER,
          McpMethods.TOOLS_LIST,
          McpMethods.TOOLS_CALL,
          McpMethods.RESOURCES_LIST,
          McpMethods.RESOURCES_TEMPLATES_LIST,
          McpMethods.RESOURCES_READ,
          McpMethods.PROMPTS_LIST,
          McpMethods.PROMPTS_GET,
          McpMethods.COMPLETION_COMPLETE,
          McpMethods.SUBSCRIPTIONS_LISTEN);

  private final ServerConfig config;
  private final ObjectMapper mapper;
  private final JsonRpcCodec codec;
  private final Semaphore permits;
  private final Registry<ToolSpec> tools;
  private final Registry<ResourceSpec> resources;
  private final Registry<ResourceTemplateSpec> templates;
  private final Registry<PromptSpec> prompts;
  private final Map<ScopedId, CallImpl> inFlight = new ConcurrentHashMap<>();
  private final Set<Subscription> subscriptions = ConcurrentHashMap.newKeySet();
  /** Client info and capabilities shared by the sessions that sent equal ones. */
  private final Canonical canonical = new Canonical();
  /**
   * Live legacy sessions and their connections. One bus subscription delivers to all of them
   * (instead of a listener and an unsubscribe handle per idle session).
   */
  private final Map<LegacySession, Connection> legacySessions = new ConcurrentHashMap<>();
  private volatile AutoCloseable legacyBus;
  /** The one bus subscription of all open listen streams ({@link #subscriptions}), or null. */
  private volatile AutoCloseable listenBus;
  private final Object executorLock = new Object();
  private final IdleThreads idle = new IdleThreads();
  /** {@code _meta.serverInfo} of every modern result, converted once. */
  private final JsonNode serverInfoNode;
  private volatile ExecutorService ownedExecutor;
  private volatile boolean closed;

  /** Creates the server from a builder's configuration. */
  public ServerImpl(ServerConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    MessageLimits limits = config.messageLimits();
    this.codec =
        new JsonRpcCodec(limits.maxMessageBytes(), limits.maxNestingDepth(), limits.maxStringLength());
    // Conversions of already-parsed values use the default mapper; the limits bound the input.
    this.mapper = Json.mapper();
    this.permits = new Semaphore(config.maxConcurrentRequests());
    this.serverInfoNode = mapper.valueToTree(config.serverInfo());
    this.tools = new Registry<>(config.tools(), t -> t.tool().name());
    this.resources = new Registry<>(config.resources(), r -> r.resource().uri());
    this.templates = new Registry<>(config.templates(), t -> t.template().uriTemplate());
    this.prompts = new Registry<>(config.prompts(), p -> p.prompt().name());
  }

  // ---------------------------------------------------------------- McpServer

  @Override
  public Implementation serverInfo() {
    return config.serverInfo();
  }

  @Override
  public void addTool(ToolSpec tool) {
    tools.put(Objects.requireNonNull(tool, "tool"));
    publish(ServerEvent.of(ServerEvent.Kind.TOOLS_LIST_CHANGED));
  }

  @Override
  public boolean removeTool(String name) {
    return removed(tools.remove(Objects.requireNonNull(name, "name")), ServerEvent.Kind.TOOLS_LIST_CHANGED);
  }

  @Override
  public void addResource(ResourceSpec resource) {
    resources.put(Objects.requireNonNull(resource, "resource"));
    publish(ServerEvent.of(ServerEvent.Kind.RESOURCES_LIST_CHANGED));
  }

  @Override
  public boolean removeResource(String uri) {
    return removed(
        resources.remove(Objects.requireNonNull(uri, "uri")), ServerEvent.Kind.RESOURCES_LIST_CHANGED);
  }

  @Override
  public void addResourceTemplate(ResourceTemplateSpec template) {
    templates.put(Objects.requireNonNull(template, "template"));
    publish(ServerEvent.of(ServerEvent.Kind.RESOURCES_LIST_CHANGED));
  }

  @Override
  public boolean removeResourceTemplate(String uriTemplate) {
    return removed(
        templates.remove(Objects.requireNonNull(uriTemplate, "uriTemplate")),
        ServerEvent.Kind.RESOURCES_LIST_CHANGED);
  }

  @Override
  public void addPrompt(PromptSpec prompt) {
    prompts.put(Objects.requireNonNull(prompt, "prompt"));
    publish(ServerEvent.of(ServerEvent.Kind.PROMPTS_LIST_CHANGED));
  }

  @Override
  public boolean removePrompt(String name) {
    return removed(prompts.remove(Objects.requireNonNull(name, "name")), ServerEvent.Kind.PROMPTS_LIST_CHANGED);
  }

  private boolean removed(boolean removed, ServerEvent.Kind kind) {
    if (removed) {
      publish(ServerEvent.of(kind));
    }
    return removed;
  }

  @Override
  public void notifyResourceUpdated(String uri) {
    publish(ServerEvent.resourceUpdated(uri));
  }

  private void publish(ServerEvent event) {
    if (!closed) {
      config.bus().publish(event);
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (Subscription s : List.copyOf(subscriptions)) {
      s.end();
    }
    for (CallImpl call : List.copyOf(inFlight.values())) {
      call.cancel();
    }
    for (AutoCloseable bus : new AutoCloseable[] {legacyBus, listenBus}) {
      if (bus != null) {
        try {
          bus.close();
        } catch (Exception e) {
          LOG.debug("Closing a bus subscription failed", e);
        }
      }
    }
    if (config.ownsBus()) {
      config.bus().close();
    }
    ExecutorService owned = ownedExecutor;
    if (owned != null) {
      owned.shutdownNow();
    }
  }

  /** The server's capabilities as advertised now. */
  public ServerCapabilities capabilities() {
    return new ServerCapabilities(
        null,
        Map.of(),
        config.completion() != null || hasCompletions() ? Map.of() : null,
        prompts.everUsed() ? new PromptsCapability(true) : null,
        resources.everUsed() || templates.everUsed() ? new ResourcesCapability(true, true) : null,
        tools.everUsed() ? new ToolsCapability(true) : null,
        null);
  }

  private boolean hasCompletions() {
    for (PromptSpec p : prompts.values()) {
      if (p.completion() != null) {
        return true;
      }
    }
    for (ResourceTemplateSpec t : templates.values()) {
      if (t.completion() != null) {
        return true;
      }
    }
    return false;
  }

  /** The protocol versions this server serves, newest first. */
  public List<String> supportedVersions() {
    return config.versions().stream().map(ProtocolVersion::id).toList();
  }

  // ---------------------------------------------------------------- Dispatcher

  @Override
  public JsonRpcCodec codec() {
    return codec;
  }

  @Override
  public Optional<Tool> tool(String name) {
    ToolSpec spec = tools.get(name);
    return spec == null ? Optional.empty() : Optional.of(spec.tool());
  }

  @Override
  public Optional<JsonRpcError> admit(JsonRpcRequest request) {
    if (McpMethods.INITIALIZE.equals(request.method()) && !RequestMeta.isModern(request.params())) {
      // a 2025-era client at a server that does not serve its era: name the versions we serve
      Object requested = request.params().get("protocolVersion");
      return Optional.of(
          new JsonRpcError(
              JsonRpcErrorCodes.UNSUPPORTED_PROTOCOL_VERSION,
              "Unsupported protocol version",
              new UnsupportedVersionData(
                  supportedVersions(), requested instanceof String s ? s : "")));
    }
    RequestMeta meta;
    try {
      meta = RequestMeta.parse(request.params(), mapper);
    } catch (RequestMeta.Invalid e) {
      return Optional.of(e.error);
    }
    if (meta.version() == null
        || !meta.version().isModern()
        || !config.versions().contains(meta.version())) {
      return Optional.of(
          new JsonRpcError(
              JsonRpcErrorCodes.UNSUPPORTED_PROTOCOL_VERSION,
              "Unsupported protocol version",
              new UnsupportedVersionData(supportedVersions(), meta.versionId())));
    }
    if (!isAdvertised(request.method())) {
      return Optional.of(
          JsonRpcError.of(
              JsonRpcErrorCodes.METHOD_NOT_FOUND, "Method not found: " + request.method()));
    }
    if (McpMethods.TOOLS_CALL.equals(request.method())) {
      Object name = request.params().get("name");
      ToolSpec spec = name instanceof String s ? tools.get(s) : null;
      if (spec != null && spec.requiredCapabilities() != null) {
        ClientCapabilities need = spec.requiredCapabilities();
        if (!satisfies(meta.capabilities(), need)) {
          return Optional.of(McpException.missingCapability(need).error());
        }
      }
    }
    return Optional.empty();
  }

  private boolean isAdvertised(String method) {
    if (!MODERN_METHODS.contains(method)) {
      return false;
    }
    ServerCapabilities caps = capabilities();
    if (method.startsWith("tools/")) {
      return caps.tools() != null;
    }
    if (method.startsWith("resources/")) {
      return caps.resources() != null;
    }
    if (method.startsWith("prompts/")) {
      return caps.prompts() != null;
    }
    if (method.equals(McpMethods.COMPLETION_COMPLETE)) {
      return caps.completions() != null;
    }
    return true;
  }

  private static boolean satisfies(ClientCapabilities have, ClientCapabilities need) {
    if (need.elicitation() != null) {
      if (need.elicitation().url() != null && !have.hasElicitationUrl()) {
        return false;
      }
      if (!have.hasElicitation()) {
        return false;
      }
      if (need.elicitation().form() != null && !have.hasElicitationForm()) {
        return false;
      }
    }
    if (need.sampling() != null) {
      if (!have.hasSampling()) {
        return false;
      }
      if (need.sampling().tools() != null && !have.hasSamplingTools()) {
        return false;
      }
    }
    if (need.roots() != null && !have.hasRoots()) {
      return false;
    }
    for (String ext : need.extensions() == null ? Set.<String>of() : need.extensions().keySet()) {
      if (!have.hasExtension(ext)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public Call dispatch(JsonRpcRequest request, TransportContext context, ResponseSink sink) {
    return dispatch(request, context, sink, false);
  }

  @Override
  public Call dispatchHere(JsonRpcRequest request, TransportContext context, ResponseSink sink) {
    return dispatch(request, context, sink, true);
  }

  @Override
  public java.util.concurrent.Executor handoff() {
    if (config.executor() != null || config.transportThreads() || closed) {
      return null;
    }
    java.util.concurrent.Executor pool = executor();
    // Only onto a thread that waits already: a handoff never starts a thread or queues, so
    // requests that run no handler (subscriptions/listen, initialize) keep the pool as small as
    // the handlers need. The handler slot is taken as for any call, when the handler starts.
    if (idle.waiting.get() == 0) {
      return null;
    }
    return work -> pool.execute(() -> handedOff(work));
  }

  /** Runs handed-off work on a handler thread whose {@link #dispatchHere} runs the handler there. */
  private void handedOff(Runnable work) {
    HandlerThread thread = (HandlerThread) Thread.currentThread();
    thread.handedOff = true;
    try {
      work.run();
    } finally {
      thread.handedOff = false;
    }
  }

  /** The owned pool's hand-over queue, counting the threads waiting in it for work. */
  private static final class IdleThreads extends java.util.concurrent.SynchronousQueue<Runnable> {
    private static final long serialVersionUID = 1L;
    final transient AtomicInteger waiting = new AtomicInteger();

    @Override
    public Runnable poll(long timeout, TimeUnit unit) throws InterruptedException {
      waiting.incrementAndGet();
      try {
        return super.poll(timeout, unit);
      } finally {
        waiting.decrementAndGet();
      }
    }

    @Override
    public Runnable take() throws InterruptedException {
      waiting.incrementAndGet();
      try {
        return super.take();
      } finally {
        waiting.decrementAndGet();
      }
    }
  }

  /** A thread of the pool this server owns; {@code handedOff}: it runs work from {@link #handoff}. */
  private static final class HandlerThread extends Thread {
    final ServerImpl owner;
    boolean handedOff;

    HandlerThread(Runnable r, String name, ServerImpl owner) {
      super(r, name);
      this.owner = owner;
    }
  }

  /** Whether the calling thread runs handed-off work of this server (once per handoff). */
  private boolean takeHandoff() {
    if (Thread.currentThread() instanceof HandlerThread t && t.owner == this && t.handedOff) {
      t.handedOff = false;
      return true;
    }
    return false;
  }

  private Call dispatch(JsonRpcRequest request, TransportContext context, ResponseSink sink, boolean here) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(context, "context");
    GuardedSink out = new GuardedSink(Objects.requireNonNull(sink, "sink"));
    boolean listen = McpMethods.SUBSCRIPTIONS_LISTEN.equals(request.method());
    CallImpl call = new CallImpl(out, listen);
    if (closed) {
      out.response(failure(request.id(), JsonRpcError.of(JsonRpcErrorCodes.INTERNAL_ERROR, "Server is shutting down")));
      return call;
    }
    RequestMeta meta;
    if (!RequestMeta.isModern(request.params()) && legacyEnabled()) {
      if (McpMethods.INITIALIZE.equals(request.method())) {
        out.response(initialize(request, context));
        return call;
      }
      LegacySession session = context.session();
      if (session != null) {
        Optional<JsonRpcResponse> immediate = legacyImmediate(request, session);
        if (immediate.isPresent()) {
          out.response(immediate.get());
          return call;
        }
        meta = RequestMeta.legacy(session, request.params());
        return run(request, meta, context, out, call, session, here);
      }
    }
    Optional<JsonRpcError> rejected = admit(request);
    if (rejected.isPresent()) {
      out.response(failure(request.id(), rejected.get()));
      return call;
    }
    try {
      meta = RequestMeta.parse(request.params(), mapper);
    } catch (RequestMeta.Invalid e) {
      out.response(failure(request.id(), e.error));
      return call;
    }
    if (listen) {
      startSubscription(request, meta, out, call);
      return call;
    }
    return run(request, meta, context, out, call, null, here);
  }

  private Call run(
      JsonRpcRequest request,
      RequestMeta meta,
      TransportContext context,
      GuardedSink out,
      CallImpl call,
      LegacySession session,
      boolean here) {
    // here: the caller may block. It runs the handler itself when it is one of our handler
    // threads running a handoff, or when handlers run on transport threads.
    boolean inline = here && (takeHandoff() || config.transportThreads());
    if (!permits.tryAcquire()) {
      out.response(
          failure(
              request.id(),
              JsonRpcError.of(JsonRpcErrorCodes.INTERNAL_ERROR, "Server busy, retry later")));
      return call;
    }
    ScopedId key = new ScopedId(context.connection(), request.id());
    AtomicBoolean released = new AtomicBoolean();
    Runnable release =
        () -> {
          if (released.compareAndSet(false, true)) {
            inFlight.remove(key, call);
            permits.release();
          }
        };
    FutureTask<Void> task =
        new FutureTask<>(
            () -> {
              JsonRpcResponse response = null;
              try {
                if (!call.isCancelled()) {
                  Object result =
                      RevisionShaping.reply(
                          route(new Invocation(request, meta, context.principal(), out, call, session)),
                          session,
                          mapper);
                  response = new JsonRpcSuccess(request.id(), result);
                }
              } catch (McpException e) {
                response = failure(request.id(), mapError(e, meta.version()));
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } catch (Exception e) {
                if (!call.isCancelled()) {
                  LOG.error("Request {} {} failed", request.method(), request.id(), e);
                  response =
                      failure(
                          request.id(),
                          JsonRpcError.of(JsonRpcErrorCodes.INTERNAL_ERROR, "Internal error"));
                }
              }
              // The handler is done: free its slot before the response goes out, so a client
              // that sends its next request on receipt never sees a stale "busy".
              release.run();
              if (response != null) {
                out.response(response);
              }
              return null;
            }) {
          @Override
          protected void done() {
            release.run();
          }
        };
    inFlight.put(key, call);
    call.attach(task);
    if (inline) {
      task.run();
      if (task.isCancelled()) {
        Thread.interrupted(); // a cancellation interrupted the handler: not the caller's thread
      }
      return call;
    }
    try {
      executor().execute(task);
    } catch (RejectedExecutionException e) {
      task.cancel(false);
      out.response(
          failure(
              request.id(),
              JsonRpcError.of(JsonRpcErrorCodes.INTERNAL_ERROR, "Server busy, retry later")));
    }
    return call;
  }

  @Override
  public void notification(JsonRpcNotification notification, TransportContext context) {
    if (McpMethods.NOTIFICATIONS_INITIALIZED.equals(notification.method())) {
      LegacySession session = context.session();
      if (session != null) {
        session.markInitialized();
        session.changed(); // persisted: another instance may hold this session's streams
      }
      return;
    }
    if (!McpMethods.NOTIFICATIONS_CANCELLED.equals(notification.method())) {
      return;
    }
    Object id = notification.params().get("requestId");
    RequestId requestId;
    if (id instanceof String s) {
      requestId = RequestId.of(s);
    } else if (id instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
      requestId = RequestId.of(n.longValue());
    } else {
      return;
    }
    CallImpl call = inFlight.get(new ScopedId(context.connection(), requestId));
    if (call != null) {
      call.cancel();
    }
  }

  private java.util.concurrent.Executor executor() {
    if (config.executor() != null) {
      return config.executor();
    }
    ExecutorService e = ownedExecutor;
    if (e == null) {
      synchronized (executorLock) {
        e = ownedExecutor;
        if (e == null) {
          int n = config.maxConcurrentRequests();
          AtomicInteger count = new AtomicInteger();
          // Threads start only when no idle one is waiting, so the pool stays as large as the
          // concurrency seen (not maxConcurrentRequests threads after the first few hundred calls).
          // The slots bound the calls to n; the headroom covers threads that freed their slot and
          // are still writing their response when the next call comes.
          ThreadPoolExecutor pool =
              new ThreadPoolExecutor(
                  0,
                  (int) Math.min(Integer.MAX_VALUE, Math.max(2L * n, n + 16L)),
                  30,
                  TimeUnit.SECONDS,
                  idle,
                  r -> {
                    Thread t = new HandlerThread(r, "mcp-handler-" + count.incrementAndGet(), this);
                    t.setDaemon(true);
                    return t;
                  });
          ownedExecutor = pool;
          e = pool;
        }
      }
    }
    return e;
  }

  // ---------------------------------------------------------------- legacy era

  private static final Set<String> LEGACY_ROUTED =
      Set.of(
          McpMethods.TOOLS_LIST,
          McpMethods.TOOLS_CALL,
          McpMethods.RESOURCES_LIST,
          McpMethods.RESOURCES_TEMPLATES_LIST,
          McpMethods.RESOURCES_READ,
          McpMethods.PROMPTS_LIST,
          McpMethods.PROMPTS_GET,
          McpMethods.COMPLETION_COMPLETE);

  @Override
  public boolean servesLegacy() {
    return legacyEnabled();
  }

  private boolean legacyEnabled() {
    for (ProtocolVersion v : config.versions()) {
      if (v.isLegacy()) {
        return true;
      }
    }
    return false;
  }

  /** The newest legacy revision served, offered when a client asks for one we do not speak. */
  private ProtocolVersion newestLegacy() {
    for (ProtocolVersion v : ProtocolVersion.values()) {
      if (v.isLegacy() && config.versions().contains(v)) {
        return v;
      }
    }
    throw new IllegalStateException("no legacy version enabled");
  }

  private JsonRpcResponse initialize(JsonRpcRequest request, TransportContext context) {
    InitializeRequest params;
    try {
      params = mapper.convertValue(request.params(), InitializeRequest.class);
    } catch (IllegalArgumentException e) {
      return failure(request.id(), JsonRpcError.of(JsonRpcErrorCodes.INVALID_PARAMS, "Invalid params"));
    }
    ProtocolVersion version =
        ProtocolVersion.parse(params.protocolVersion())
            .filter(ProtocolVersion::isLegacy)
            .filter(config.versions()::contains)
            .orElseGet(this::newestLegacy);
    Principal principal = context.principal();
    LegacySession session =
        new LegacySession(
            SessionIds.next(),
            version,
            canonical.of(params.capabilities()),
            canonical.of(params.clientInfo()),
            principal == null ? null : principal.getName(),
            context.connection());
    LegacySession previous = context.session();
    if (previous != null) {
      previous.close();
    }
    context.connection().session(session);
    Connection connection = context.connection();
    session.receiveNotifications(legacySessions(), connection);
    return new JsonRpcSuccess(
        request.id(),
        RevisionShaping.shape(
            new InitializeResult(
                version.id(), capabilities(), config.serverInfo(), config.instructions(), null),
            version,
            mapper));
  }

  /** The registry of live legacy sessions, subscribed to the bus on first use. */
  private Map<LegacySession, Connection> legacySessions() {
    if (legacyBus == null) {
      synchronized (legacySessions) {
        if (legacyBus == null) {
          legacyBus = config.bus().subscribe(this::deliverLegacy);
        }
      }
    }
    return legacySessions;
  }

  private void deliverLegacy(ServerEvent event) {
    for (Map.Entry<LegacySession, Connection> e : legacySessions.entrySet()) {
      try {
        deliverLegacy(e.getKey(), e.getValue(), event);
      } catch (RuntimeException ex) {
        LOG.warn("Session notification failed", ex);
      }
    }
  }

  private void deliverLegacy(LegacySession session, Connection connection, ServerEvent event) {
    if (connection.session() != session) {
      return;
    }
    java.util.function.Consumer<org.mcpkit.jsonrpc.JsonRpcMessage> out = connection.outbound();
    if (out == null) {
      return;
    }
    String method;
    Map<String, Object> params = Map.of();
    switch (event.kind()) {
      case TOOLS_LIST_CHANGED:
        method = McpMethods.NOTIFICATIONS_TOOLS_LIST_CHANGED;
        break;
      case PROMPTS_LIST_CHANGED:
        method = McpMethods.NOTIFICATIONS_PROMPTS_LIST_CHANGED;
        break;
      case RESOURCES_LIST_CHANGED:
        method = McpMethods.NOTIFICATIONS_RESOURCES_LIST_CHANGED;
        break;
      case RESOURCE_UPDATED:
        if (!matches(session.subscriptions(), event.uri())) {
          return;
        }
        method = McpMethods.NOTIFICATIONS_RESOURCES_UPDATED;
        params = Map.of("uri", event.uri());
        break;
      default:
        return;
    }
    try {
      out.accept(new JsonRpcNotification(method, params));
    } catch (RuntimeException e) {
      LOG.debug("Session notification not delivered", e);
    }
  }

  /** Whether {@code uri} is a subscribed URI or a sub-resource of one. */
  private static boolean matches(java.util.Collection<String> subscribed, String uri) {
    for (String s : subscribed) {
      if (uri.equals(s)
          || (uri.startsWith(s) && (s.endsWith("/") || uri.charAt(s.length()) == '/'))) {
        return true;
      }
    }
    return false;
  }

  /** Legacy methods answered without running a handler, and legacy admission errors. */
  private Optional<JsonRpcResponse> legacyImmediate(JsonRpcRequest request, LegacySession session) {
    RequestId id = request.id();
    switch (request.method()) {
      case McpMethods.PING:
        return Optional.of(new JsonRpcSuccess(id, Map.of()));
      case McpMethods.LOGGING_SET_LEVEL: {
        Object level = request.params().get("level");
        Optional<LoggingLevel> parsed =
            level instanceof String str ? LoggingLevel.parse(str) : Optional.empty();
        if (parsed.isEmpty()) {
          return Optional.of(
              failure(id, JsonRpcError.of(JsonRpcErrorCodes.INVALID_PARAMS, "Invalid params: unknown log level")));
        }
        session.logLevel(parsed.get());
        session.changed();
        return Optional.of(new JsonRpcSuccess(id, Map.of()));
      }
      case McpMethods.RESOURCES_SUBSCRIBE:
      case McpMethods.RESOURCES_UNSUBSCRIBE: {
        if (capabilities().resources() == null) {
          return Optional.of(failure(id, McpException.methodNotFound(request.method()).error()));
        }
        Object uri = request.params().get("uri");
        if (!(uri instanceof String u)) {
          return Optional.of(
              failure(id, JsonRpcError.of(JsonRpcErrorCodes.INVALID_PARAMS, "Invalid params: uri is required")));
        }
        if (McpMethods.RESOURCES_SUBSCRIBE.equals(request.method())) {
          session.subscribe(u);
        } else {
          session.unsubscribe(u);
        }
        session.changed();
        return Optional.of(new JsonRpcSuccess(id, Map.of()));
      }
      default:
        if (!LEGACY_ROUTED.contains(request.method()) || !isAdvertised(request.method())) {
          return Optional.of(failure(id, McpException.methodNotFound(request.method()).error()));
        }
        return Optional.empty();
    }
  }

  @Override
  public LegacySession restoreSession(
      TransportContext context,
      String id,
      ProtocolVersion version,
      ClientCapabilities capabilities,
      Implementation clientInfo,
      String principal,
      LoggingLevel logLevel,
      java.util.Set<String> subscriptions,
      boolean initialized) {
    LegacySession session =
        new LegacySession(
            id, version, canonical.of(capabilities), canonical.of(clientInfo), principal, context.connection());
    session.logLevel(logLevel);
    session.subscribeAll(subscriptions);
    if (initialized) {
      session.markInitialized();
    }
    Connection connection = context.connection();
    connection.session(session);
    session.receiveNotifications(legacySessions(), connection);
    return session;
  }

  @Override
  public boolean clientResponse(JsonRpcResponse response, TransportContext context) {
    LegacySession session = context.session();
    Optional<RequestId> id = response.requestId();
    if (session == null || id.isEmpty()) {
      return false;
    }
    java.util.concurrent.CompletableFuture<JsonRpcResponse> waiting = session.takeAnswer(id.get());
    return waiting != null && waiting.complete(response);
  }

  @Override
  public void endSession(TransportContext context) {
    LegacySession session = context.session();
    if (session != null) {
      context.connection().session(null);
      session.close();
    }
  }

  // ---------------------------------------------------------------- routing

  /** One request being served: what the handlers of each method need. */
  private record Invocation(
      JsonRpcRequest request,
      RequestMeta meta,
      Principal principal,
      GuardedSink out,
      CallImpl call,
      LegacySession session) {}

  private Object route(Invocation inv) throws Exception {
    JsonRpcRequest request = inv.request();
    boolean modern = inv.session() == null;
    Map<String, Object> params = request.params();
    switch (request.method()) {
      case McpMethods.SERVER_DISCOVER:
        return envelope(
            new DiscoverResult(supportedVersions(), capabilities(), config.instructions(), null),
            true,
            true,
            modern);
      case McpMethods.TOOLS_LIST: {
        PaginatedRequest page = bind(params, PaginatedRequest.class);
        Page<Tool> p = page(tools.values().stream().map(ToolSpec::tool).toList(), page.cursor());
        return envelope(new ListToolsResult(p.items, p.next, null), true, true, modern);
      }
      case McpMethods.RESOURCES_LIST: {
        PaginatedRequest page = bind(params, PaginatedRequest.class);
        Page<Resource> p =
            page(resources.values().stream().map(ResourceSpec::resource).toList(), page.cursor());
        return envelope(new ListResourcesResult(p.items, p.next, null), true, true, modern);
      }
      case McpMethods.RESOURCES_TEMPLATES_LIST: {
        PaginatedRequest page = bind(params, PaginatedRequest.class);
        Page<ResourceTemplate> p =
            page(
                templates.values().stream().map(ResourceTemplateSpec::template).toList(),
                page.cursor());
        return envelope(new ListResourceTemplatesResult(p.items, p.next, null), true, true, modern);
      }
      case McpMethods.PROMPTS_LIST: {
        PaginatedRequest page = bind(params, PaginatedRequest.class);
        Page<Prompt> p =
            page(prompts.values().stream().map(PromptSpec::prompt).toList(), page.cursor());
        return envelope(new ListPromptsResult(p.items, p.next, null), true, true, modern);
      }
      case McpMethods.TOOLS_CALL:
        return callTool(inv);
      case McpMethods.RESOURCES_READ:
        return readResource(inv);
      case McpMethods.PROMPTS_GET:
        return getPrompt(inv);
      case McpMethods.COMPLETION_COMPLETE:
        return complete(inv);
      default:
        throw McpException.methodNotFound(request.method());
    }
  }

  private Object callTool(Invocation inv) throws Exception {
    JsonRpcRequest request = inv.request();
    LegacySession session = inv.session();
    CallToolRequest params = bind(request.params(), CallToolRequest.class);
    ToolSpec spec = tools.get(params.name());
    if (spec == null) {
      throw McpException.invalidParams("Unknown tool: " + params.name());
    }
    Map<String, Object> args = params.arguments();
    if (!(spec.handler() instanceof BoundToolHandler)) {
      List<String> problems = SchemaValidator.validate(spec.tool().inputSchema(), args);
      if (!problems.isEmpty()) {
        return envelope(
            CallToolResult.error(
                "Invalid arguments for tool '" + params.name() + "': " + String.join("; ", problems)),
            false,
            false,
            session == null);
      }
    }
    CallContext ctx =
        context(inv, params.name(), args, params.inputResponses(), params.requestState());
    CallToolResult result;
    try {
      result = spec.handler().call(ctx, args);
    } catch (InputRequiredSignal signal) {
      result = null;
    } catch (McpException e) {
      throw e;
    } catch (InterruptedException e) {
      throw e;
    } catch (Exception e) {
      if (ctx.missingInputs().isEmpty()) {
        LOG.error("Tool {} failed", params.name(), e);
        result = CallToolResult.error("Tool '" + params.name() + "' failed");
      } else {
        result = null;
      }
    }
    if (!ctx.missingInputs().isEmpty()) {
      return inputRequired(request, inv.principal(), params.name(), args, ctx);
    }
    if (result == null) {
      LOG.error("Tool {} returned null", params.name());
      result = CallToolResult.error("Tool '" + params.name() + "' failed");
    }
    return envelope(result, false, false, session == null);
  }

  private Object readResource(Invocation inv) throws Exception {
    JsonRpcRequest request = inv.request();
    LegacySession session = inv.session();
    ReadResourceRequest params = bind(request.params(), ReadResourceRequest.class);
    String uri = params.uri();
    CallContext ctx =
        context(inv, uri, Map.of(), params.inputResponses(), params.requestState());
    ReadResourceResult result = null;
    try {
      ResourceSpec fixed = resources.get(uri);
      if (fixed != null) {
        result = fixed.handler().read(ctx, uri, Map.of());
      } else {
        for (ResourceTemplateSpec t : templates.values()) {
          Optional<Map<String, String>> vars = t.uriTemplate().match(uri);
          if (vars.isPresent()) {
            result = t.handler().read(ctx, uri, vars.get());
            break;
          }
        }
        if (result == null && ctx.missingInputs().isEmpty()) {
          throw McpException.resourceNotFound(uri);
        }
      }
    } catch (InputRequiredSignal signal) {
      result = null;
    }
    if (!ctx.missingInputs().isEmpty()) {
      return inputRequired(request, inv.principal(), uri, Map.of(), ctx);
    }
    if (result == null || result.contents().isEmpty()) {
      throw McpException.resourceNotFound(uri);
    }
    return envelope(result, true, false, session == null);
  }

  private Object getPrompt(Invocation inv) throws Exception {
    JsonRpcRequest request = inv.request();
    LegacySession session = inv.session();
    GetPromptRequest params = bind(request.params(), GetPromptRequest.class);
    PromptSpec spec = prompts.get(params.name());
    if (spec == null) {
      throw McpException.invalidParams("Unknown prompt: " + params.name());
    }
    for (PromptArgument arg : spec.prompt().arguments()) {
      if (Boolean.TRUE.equals(arg.required()) && !params.arguments().containsKey(arg.name())) {
        throw McpException.invalidParams("Missing required argument: " + arg.name());
      }
    }
    Map<String, Object> args = new LinkedHashMap<>(params.arguments());
    CallContext ctx =
        context(inv, params.name(), args, params.inputResponses(), params.requestState());
    GetPromptResult result;
    try {
      result = spec.handler().get(ctx, params);
    } catch (InputRequiredSignal signal) {
      result = null;
    }
    if (!ctx.missingInputs().isEmpty()) {
      return inputRequired(request, inv.principal(), params.name(), args, ctx);
    }
    if (result == null) {
      throw McpException.internalError();
    }
    return envelope(result, false, false, session == null);
  }

  private Object complete(Invocation inv) throws Exception {
    JsonRpcRequest request = inv.request();
    LegacySession session = inv.session();
    CompleteRequest params = bind(request.params(), CompleteRequest.class);
    CompletionHandler handler = null;
    if (params.ref() instanceof PromptReference ref) {
      PromptSpec spec = prompts.get(ref.name());
      if (spec == null) {
        throw McpException.invalidParams("Unknown prompt: " + ref.name());
      }
      handler = spec.completion();
    } else if (params.ref() instanceof ResourceTemplateReference ref) {
      ResourceTemplateSpec spec = templates.get(ref.uri());
      if (spec != null) {
        handler = spec.completion();
      }
    }
    if (handler == null) {
      handler = config.completion();
    }
    CompleteResult result =
        handler == null
            ? CompleteResult.of(List.of())
            : handler.complete(
                context(inv, "", Map.of(), null, null), params);
    return envelope(result, false, false, session == null);
  }

  private CallContext context(
      Invocation inv,
      String target,
      Map<String, Object> args,
      Map<String, Object> inputResponses,
      String requestState) {
    JsonRpcRequest request = inv.request();
    RequestMeta meta = inv.meta();
    Principal principal = inv.principal();
    LegacySession session = inv.session();
    Map<String, Object> answers = new LinkedHashMap<>();
    if (requestState != null && session == null) {
      MrtrState state =
          MrtrState.open(
              requestState,
              config.requestStateCodec(),
              mapper,
              request.method(),
              target,
              MrtrState.digest(mapper, args),
              MrtrState.principalDigest(principal == null ? null : principal.getName()),
              config.clock().millis());
      answers.putAll(state.answers());
    }
    if (inputResponses != null) {
      answers.putAll(inputResponses);
    }
    answers.values().removeIf(Objects::isNull);
    return new CallContext(
        request.id(),
        request.method(),
        meta.version(),
        meta.capabilities(),
        meta.clientInfo(),
        principal,
        meta.raw(),
        meta.logLevel(),
        meta.progressToken(),
        inv.out(),
        inv.call(),
        mapper,
        answers,
        session == null
            ? null
            : new LegacyChannel(session, inv.out(), mapper, config.clientRequestTimeout()));
  }

  private Object inputRequired(
      JsonRpcRequest request,
      Principal principal,
      String target,
      Map<String, Object> args,
      CallContext ctx) {
    Map<String, InputRequest> missing = ctx.missingInputs();
    MrtrState state =
        new MrtrState(
            request.method(),
            target,
            MrtrState.digest(mapper, args),
            MrtrState.principalDigest(principal == null ? null : principal.getName()),
            config.clock().millis() + config.requestStateTtl().toMillis(),
            ctx.answers());
    String sealed = state.seal(config.requestStateCodec(), mapper);
    ObjectNode node = mapper.valueToTree(new InputRequiredResult(missing, sealed, null));
    node.put("resultType", "input_required");
    addServerInfo(node);
    return node;
  }

  private <T> T bind(Map<String, Object> params, Class<T> type) {
    try {
      return mapper.convertValue(params, type);
    } catch (IllegalArgumentException e) {
      throw McpException.invalidParams("Invalid params");
    }
  }

  private record Page<T>(List<T> items, String next) {}

  private <T> Page<T> page(List<T> all, String cursor) {
    int offset = Cursors.decode(cursor);
    if (offset > all.size()) {
      throw McpException.invalidParams("Invalid params: invalid cursor");
    }
    int end = Math.min(all.size(), offset + config.pageSize());
    return new Page<>(
        new ArrayList<>(all.subList(offset, end)), end < all.size() ? Cursors.encode(end) : null);
  }

  /** Adds the modern result envelope: resultType, cache hints, serverInfo. */
  private Object envelope(Object result, boolean cacheable, boolean list, boolean modern) {
    if (!modern) {
      return result;
    }
    ObjectNode node = mapper.valueToTree(result);
    node.put("resultType", "complete");
    if (cacheable) {
      node.put("ttlMs", (list ? config.listCacheTtl() : config.readCacheTtl()).toMillis());
      node.put("cacheScope", list ? "public" : "private");
    }
    addServerInfo(node);
    return node;
  }

  private void addServerInfo(ObjectNode node) {
    JsonNode existing = node.get("_meta");
    ObjectNode meta = existing instanceof ObjectNode o ? o : node.putObject("_meta");
    if (!meta.has(MetaKeys.SERVER_INFO)) {
      meta.set(MetaKeys.SERVER_INFO, serverInfoNode); // shared: only ever serialized
    }
  }

  private JsonRpcError mapError(McpException e, ProtocolVersion version) {
    JsonRpcError error = e.error();
    if (e.isResourceNotFound() && version != null && version.isLegacy()) {
      return new JsonRpcError(version.resourceNotFoundCode(), error.message(), error.data());
    }
    return error;
  }

  private static JsonRpcFailure failure(RequestId id, JsonRpcError error) {
    return new JsonRpcFailure(id, error);
  }

  // ---------------------------------------------------------------- subscriptions

  private void startSubscription(
      JsonRpcRequest request, RequestMeta meta, GuardedSink out, CallImpl call) {
    SubscriptionsListenRequest params;
    try {
      params = bind(request.params(), SubscriptionsListenRequest.class);
    } catch (McpException e) {
      out.response(failure(request.id(), e.error()));
      return;
    }
    ServerCapabilities caps = capabilities();
    SubscriptionFilter asked = params.notifications();
    SubscriptionFilter honoured =
        new SubscriptionFilter(
            caps.tools() != null && Boolean.TRUE.equals(asked.toolsListChanged()) ? true : null,
            caps.prompts() != null && Boolean.TRUE.equals(asked.promptsListChanged()) ? true : null,
            caps.resources() != null && Boolean.TRUE.equals(asked.resourcesListChanged())
                ? true
                : null,
            caps.resources() != null ? asked.resourceSubscriptions() : List.of());
    Subscription sub = new Subscription(request.id(), canonical.of(honoured), out, call);
    call.onEnd(sub);
    Map<String, Object> ack = new LinkedHashMap<>();
    ack.put("notifications", mapper.convertValue(honoured, Map.class));
    ack.put("_meta", Map.of(MetaKeys.SUBSCRIPTION_ID, request.id().wireValue()));
    // Subscribe before acknowledging, so nothing published after the ack is missed; the sink
    // lock orders the ack before any event.
    synchronized (out) {
      listenStreams().add(sub);
      if (call.isCancelled()) {
        subscriptions.remove(sub); // cancelled before it was registered: onEnd already ran
      }
      out.notification(
          new JsonRpcNotification(McpMethods.NOTIFICATIONS_SUBSCRIPTIONS_ACKNOWLEDGED, ack));
    }
  }

  /** The open listen streams, subscribed to the bus on first use. */
  private Set<Subscription> listenStreams() {
    if (listenBus == null) {
      synchronized (subscriptions) {
        if (listenBus == null) {
          listenBus = config.bus().subscribe(this::deliverToListeners);
        }
      }
    }
    return subscriptions;
  }

  private void deliverToListeners(ServerEvent event) {
    for (Subscription s : subscriptions) {
      try {
        s.deliver(event);
      } catch (RuntimeException e) {
        LOG.warn("Subscription notification failed", e);
      }
    }
  }

  /**
   * One open {@code subscriptions/listen} stream; runs (leaves the open streams) when its call
   * ends. Small, since a server holds one per open stream: no listener or handle of its own.
   */
  private final class Subscription implements Runnable {
    private final RequestId id;
    private final SubscriptionFilter filter;
    private final GuardedSink out;
    private final CallImpl call;

    Subscription(RequestId id, SubscriptionFilter filter, GuardedSink out, CallImpl call) {
      this.id = id;
      this.filter = filter;
      this.out = out;
      this.call = call;
    }

    void deliver(ServerEvent event) {
      String method;
      Map<String, Object> params = new LinkedHashMap<>();
      switch (event.kind()) {
        case TOOLS_LIST_CHANGED:
          if (!Boolean.TRUE.equals(filter.toolsListChanged())) {
            return;
          }
          method = McpMethods.NOTIFICATIONS_TOOLS_LIST_CHANGED;
          break;
        case PROMPTS_LIST_CHANGED:
          if (!Boolean.TRUE.equals(filter.promptsListChanged())) {
            return;
          }
          method = McpMethods.NOTIFICATIONS_PROMPTS_LIST_CHANGED;
          break;
        case RESOURCES_LIST_CHANGED:
          if (!Boolean.TRUE.equals(filter.resourcesListChanged())) {
            return;
          }
          method = McpMethods.NOTIFICATIONS_RESOURCES_LIST_CHANGED;
          break;
        case RESOURCE_UPDATED:
          if (!subscribedTo(event.uri())) {
            return;
          }
          method = McpMethods.NOTIFICATIONS_RESOURCES_UPDATED;
          params.put("uri", event.uri());
          break;
        default:
          return;
      }
      params.put("_meta", Map.of(MetaKeys.SUBSCRIPTION_ID, id.wireValue()));
      out.notification(new JsonRpcNotification(method, params));
    }

    private boolean subscribedTo(String uri) {
      return matches(filter.resourceSubscriptions(), uri);
    }

    @Override
    public void run() {
      subscriptions.remove(this);
    }

    /** Ends the stream gracefully with the listen result. */
    void end() {
      ObjectNode result = mapper.createObjectNode();
      result.put("resultType", "complete");
      ObjectNode meta = result.putObject("_meta");
      meta.set(MetaKeys.SUBSCRIPTION_ID, mapper.valueToTree(id.wireValue()));
      out.response(new JsonRpcSuccess(id, result));
      call.cancel();
    }
  }

  /** A request id within its transport scope (a stdio process, an HTTP session). */
  private record ScopedId(Object scope, RequestId id) {}

  /** Number of live legacy sessions registered for notifications (tests, metrics). */
  public int legacySessionCount() {
    return legacySessions.size();
  }

  /** Number of open subscription streams (tests, metrics). */
  public int subscriptionCount() {
    return subscriptions.size();
  }

  /** For transports: the dispatcher behind a server built by this SDK. */
  static Dispatcher dispatcherOf(McpServer server) {
    if (server instanceof ServerImpl impl) {
      return impl;
    }
    throw new IllegalArgumentException("not an mcpkit server: " + server.getClass().getName());
  }
}
