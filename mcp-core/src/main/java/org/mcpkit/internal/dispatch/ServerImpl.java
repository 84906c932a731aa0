package org.mcpkit.internal.dispatch;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.mcpkit.internal.json.Json;
import org.mcpkit.internal.json.JsonRpcCodec;
import org.mcpkit.jsonrpc.JsonRpcError;
import org.mcpkit.jsonrpc.JsonRpcErrorCodes;
import org.mcpkit.jsonrpc.JsonRpcFailure;
import org.mcpkit.jsonrpc.JsonRpcNotification;
import org.mcpkit.jsonrpc.JsonRpcRequest;
import org.mcpkit.jsonrpc.JsonRpcResponse;
import org.mcpkit.protocol.Implementation;
import org.mcpkit.protocol.McpMethods;
import org.mcpkit.protocol.ServerCapabilities;
import org.mcpkit.protocol.Tool;
import org.mcpkit.server.McpServer;
import org.mcpkit.server.MessageLimits;
import org.mcpkit.server.PromptSpec;
import org.mcpkit.server.ResourceSpec;
import org.mcpkit.server.ResourceTemplateSpec;
import org.mcpkit.server.ServerEvent;
import org.mcpkit.server.ToolSpec;
import org.mcpkit.server.observe.RequestObservation;
import org.mcpkit.server.observe.ServerObserver;

/**
 * The server behind {@link McpServer}: the facade users hold (registration, events, close) and the
 * {@link Dispatcher} transports use, wiring the parts that do the work: {@link Catalog} (what is
 * offered), {@link Admitter} (whether a request runs), {@link LegacyEra} (2025-era sessions),
 * {@link Subscriptions} (listen streams), {@link FeatureRouter} and {@link CallRunner} (handlers),
 * {@link ServerEvents} (notifications). Thread-safe; builds nothing that runs until first used.
 */
public final class ServerImpl implements McpServer, Dispatcher {
  private final ServerConfig config;
  private final JsonRpcCodec codec;
  private final Catalog catalog;
  private final Admitter admitter;
  private final ServerEvents events;
  private final LegacyEra legacy;
  private final Subscriptions subscriptions;
  private final HandlerPool pool;
  private final CallRunner runner;
  private final TaskRunner tasks;
  /** The attached observer, guarded; {@link ServerObserver#none()} when nothing observes. */
  private final ServerObserver observer;
  private final boolean observing;
  private volatile boolean closed;

  @Override
  public boolean eventsAvailable() {
    return config.bus().available();
  }

  /** Creates the server from a builder's configuration, with the default task settings. */
  public ServerImpl(ServerConfig config) {
    this(config, org.mcpkit.server.task.TaskOptions.defaults());
  }

  /** Creates the server from a builder's configuration and its task settings. */
  public ServerImpl(ServerConfig config, org.mcpkit.server.task.TaskOptions taskOptions) {
    this(config, taskOptions, org.mcpkit.server.schema.SchemaValidatorProvider.builtIn(), null);
  }

  /**
   * Creates the server from a builder's configuration, its task settings, the validator of raw
   * input schemas (which compiles the configured tools' schemas now) and the skills it serves (null
   * for none).
   */
  public ServerImpl(
      ServerConfig config,
      org.mcpkit.server.task.TaskOptions taskOptions,
      org.mcpkit.server.schema.SchemaValidatorProvider schemaValidator,
      org.mcpkit.server.skill.SkillDirectory skills) {
    this.config = Objects.requireNonNull(config, "config");
    MessageLimits limits = config.messageLimits();
    this.codec = new JsonRpcCodec(limits.maxMessageBytes(), limits.maxNestingDepth(), limits.maxStringLength());
    // Conversions of already-parsed values use the default mapper; the limits bound the input.
    ObjectMapper mapper = Json.mapper();
    Canonical canonical = new Canonical();
    this.catalog = new Catalog(config, Objects.requireNonNull(schemaValidator, "schemaValidator"), skills);
    this.admitter = new Admitter(catalog, config.versions(), mapper);
    this.events = new ServerEvents(config.bus());
    this.legacy = new LegacyEra(config, catalog, events, canonical, mapper);
    this.pool = new HandlerPool(config.executor(), config.transportThreads(), config.maxConcurrentRequests());
    this.tasks = new TaskRunner(config, Objects.requireNonNull(taskOptions, "taskOptions"), catalog, pool, mapper);
    this.subscriptions = new Subscriptions(catalog, events, canonical, mapper, tasks);
    FeatureRouter router =
        new FeatureRouter(config, catalog, new Envelopes(config, mapper), mapper, admitter.versionIds(), tasks);
    this.runner = new CallRunner(pool, config.maxConcurrentRequests(), router, mapper);
    this.observer = config.observer(); // the builder guarded each observer
    this.observing = observer != ServerObserver.none();
  }

  // ---------------------------------------------------------------- McpServer

  @Override
  public Implementation serverInfo() {
    return config.serverInfo();
  }

  @Override
  public void addTool(ToolSpec tool) {
    Objects.requireNonNull(tool, "tool");
    synchronized (catalog.schemas) { // the compiled schema and the registry change together
      catalog.schemas.register(tool); // IllegalArgumentException: not added
      catalog.tools.put(tool);
    }
    publish(ServerEvent.of(ServerEvent.Kind.TOOLS_LIST_CHANGED));
  }

  @Override
  public boolean removeTool(String name) {
    Objects.requireNonNull(name, "name");
    boolean removed;
    synchronized (catalog.schemas) { // the compiled schema and the registry change together
      catalog.schemas.remove(name);
      removed = catalog.tools.remove(name);
    }
    if (removed) {
      publish(ServerEvent.of(ServerEvent.Kind.TOOLS_LIST_CHANGED));
    }
    return removed;
  }

  @Override
  public void addResource(ResourceSpec resource) {
    add(catalog.resources, Objects.requireNonNull(resource, "resource"), ServerEvent.Kind.RESOURCES_LIST_CHANGED);
  }

  @Override
  public boolean removeResource(String uri) {
    return remove(catalog.resources, Objects.requireNonNull(uri, "uri"), ServerEvent.Kind.RESOURCES_LIST_CHANGED);
  }

  @Override
  public void addResourceTemplate(ResourceTemplateSpec template) {
    add(catalog.templates, Objects.requireNonNull(template, "template"), ServerEvent.Kind.RESOURCES_LIST_CHANGED);
  }

  @Override
  public boolean removeResourceTemplate(String uriTemplate) {
    return remove(
        catalog.templates, Objects.requireNonNull(uriTemplate, "uriTemplate"), ServerEvent.Kind.RESOURCES_LIST_CHANGED);
  }

  @Override
  public void addPrompt(PromptSpec prompt) {
    add(catalog.prompts, Objects.requireNonNull(prompt, "prompt"), ServerEvent.Kind.PROMPTS_LIST_CHANGED);
  }

  @Override
  public boolean removePrompt(String name) {
    return remove(catalog.prompts, Objects.requireNonNull(name, "name"), ServerEvent.Kind.PROMPTS_LIST_CHANGED);
  }

  /** Registers (or replaces) a feature; clients hear that the list changed. */
  private <T> void add(Registry<T> registry, T item, ServerEvent.Kind changed) {
    registry.put(item);
    publish(ServerEvent.of(changed));
  }

  /** Removes a feature; clients hear that the list changed, when it was there. */
  private <T> boolean remove(Registry<T> registry, String key, ServerEvent.Kind changed) {
    boolean removed = registry.remove(key);
    if (removed) {
      publish(ServerEvent.of(changed));
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
    subscriptions.endAll();
    runner.cancelAll();
    tasks.close();
    events.close();
    if (config.ownsBus()) {
      config.bus().close();
    }
    pool.close();
  }

  /** The server's capabilities as advertised now. */
  public ServerCapabilities capabilities() {
    return catalog.capabilities();
  }

  /** The protocol versions this server serves, newest first. */
  public List<String> supportedVersions() {
    return admitter.versionIds();
  }

  /** Number of live legacy sessions registered for notifications (tests, metrics). */
  public int legacySessionCount() {
    return events.sessionCount();
  }

  /** Number of handler calls running or queued (tests, metrics). */
  public int runningCalls() {
    return runner.count();
  }

  /** Server-to-client requests of live 2025-era sessions still waiting for the client (tests, metrics). */
  public int pendingServerRequests() {
    return events.pendingServerRequests();
  }

  /** Number of task handlers running on this instance (tests, metrics). */
  public int runningTasks() {
    return tasks.runningCount();
  }

  /** Number of open subscription streams (tests, metrics). */
  public int subscriptionCount() {
    return events.streamCount();
  }

  // ---------------------------------------------------------------- Dispatcher

  @Override
  public boolean servesLegacy() {
    return admitter.servesSessions();
  }

  @Override
  public JsonRpcCodec codec() {
    return codec;
  }

  @Override
  public java.util.Set<String> requiredScopes(String method, String target) {
    return config.scopeRules().required(method, target, catalog);
  }

  @Override
  public Optional<Tool> tool(String name) {
    return catalog.tool(name);
  }

  @Override
  public Admission admit(JsonRpcRequest request, TransportContext context) {
    return admitter.admit(Objects.requireNonNull(request, "request"), Objects.requireNonNull(context, "context"));
  }

  @Override
  public Call dispatch(
      Admission admission, TransportContext context, ResponseSink sink, boolean mayRunHere, RequestOrigin origin) {
    Objects.requireNonNull(admission, "admission");
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(sink, "sink");
    JsonRpcRequest request = admission.request();
    RequestObservation observation = RequestObservation.none();
    if (observing) {
      observation = observer.requestStarted(Observations.start(admission, context, origin, catalog));
      if (observation != RequestObservation.none()) {
        sink.observed(observation);
        sink = new ObservedSink(sink, observation, request.method());
      }
    }
    GuardedSink out = new GuardedSink(sink);
    boolean listen = McpMethods.SUBSCRIPTIONS_LISTEN.equals(request.method());
    CallImpl call = new CallImpl(out, listen);
    if (closed) {
      out.response(new JsonRpcFailure(request.id(), JsonRpcError.of(JsonRpcErrorCodes.INTERNAL_ERROR, "Server is shutting down")));
      return call;
    }
    if (admission instanceof Admission.Refused refused) {
      out.response(new JsonRpcFailure(request.id(), refused.error()));
      return call;
    }
    Admission.Admitted admitted = (Admission.Admitted) admission;
    switch (admitted.path()) {
      case INITIALIZE -> out.response(legacy.initialize(request, context));
      case SESSION -> {
        LegacySession session = admitted.session();
        Optional<JsonRpcResponse> itself = legacy.answerItself(request, session);
        if (itself.isPresent()) {
          out.response(itself.get());
        } else {
          runner.run(invocation(admitted, context, out, call, session, observation), context, mayRunHere);
        }
      }
      case MODERN -> {
        if (listen) {
          subscriptions.start(request, admitted.meta(), context.principal(), out, call);
        } else {
          runner.run(invocation(admitted, context, out, call, null, observation), context, mayRunHere);
        }
      }
    }
    return call;
  }

  private static FeatureRouter.Invocation invocation(
      Admission.Admitted admitted,
      TransportContext context,
      GuardedSink out,
      CallImpl call,
      LegacySession session,
      RequestObservation observation) {
    return new FeatureRouter.Invocation(
        admitted.request(), admitted.meta(), context.principal(), out, call, session, observation);
  }

  @Override
  public ServerObserver observer() {
    return observer;
  }

  @Override
  public Executor handoff() {
    return closed ? null : pool.handoff();
  }

  @Override
  public void notification(JsonRpcNotification notification, TransportContext context) {
    if (McpMethods.NOTIFICATIONS_INITIALIZED.equals(notification.method())) {
      legacy.initialized(context);
    } else if (McpMethods.NOTIFICATIONS_CANCELLED.equals(notification.method())) {
      runner.cancel(notification.params(), context);
    }
  }

  @Override
  public boolean clientResponse(JsonRpcResponse response, TransportContext context) {
    return legacy.clientResponse(response, context);
  }

  @Override
  public LegacySession restoreSession(TransportContext context, String id, SessionState state) {
    return legacy.restore(context, id, state);
  }

  @Override
  public void endSession(TransportContext context) {
    legacy.end(context);
  }

  /** For transports: the dispatcher behind a server built by this SDK. */
  static Dispatcher dispatcherOf(McpServer server) {
    if (server instanceof ServerImpl impl) {
      return impl;
    }
    throw new IllegalArgumentException("not an mcpkit server: " + server.getClass().getName());
  }
}
