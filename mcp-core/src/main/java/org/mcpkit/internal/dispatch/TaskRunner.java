package org.mcpkit.internal.dispatch;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.security.Principal;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import org.mcpkit.jsonrpc.JsonRpcError;
import org.mcpkit.jsonrpc.JsonRpcErrorCodes;
import org.mcpkit.jsonrpc.JsonRpcNotification;
import org.mcpkit.jsonrpc.JsonRpcResponse;
import org.mcpkit.jsonrpc.RequestId;
import org.mcpkit.protocol.CallToolResult;
import org.mcpkit.protocol.InputRequest;
import org.mcpkit.protocol.McpMethods;
import org.mcpkit.server.McpException;
import org.mcpkit.server.ToolSpec;
import org.mcpkit.server.task.TaskOptions;
import org.mcpkit.server.task.TaskRecord;
import org.mcpkit.server.task.TaskStatus;
import org.mcpkit.server.task.TaskStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tool calls as tasks: creates the task in the {@link TaskStore} (so {@code tasks/get} finds
 * it before the client hears of it), runs the tool's handler in the background on the handler
 * executor, and records what it ends with: a result, a JSON-RPC error, or questions for the client
 * ({@code input_required}; the handler runs again from the top once every one is answered, as with
 * input-required rounds). Inside a task of a 2026-07-28 client, {@code ctx.progress} updates the
 * status message and {@code ctx.log} sends nothing (the extension carries neither). Inside a task of
 * a 2025-11-25 session, progress (with the call's progress token) and log notifications go to the
 * session with the related-task key, and {@code ctx.elicit/sample/roots} are real server requests
 * ({@link TaskChannel}). Every change of status is told through {@link TaskNotices}. Thread-safe.
 */
final class TaskRunner {
  private static final Logger LOG = LoggerFactory.getLogger(TaskRunner.class);
  /** The progress token handlers see inside a task: progress goes to the status message. */
  private static final String TASK_PROGRESS = "task";
  private final ServerConfig config;
  private final TaskOptions options;
  private final Catalog catalog;
  private final HandlerPool pool;
  private final ObjectMapper mapper;
  private final SecureRandom random = new SecureRandom();
  private final TaskNotices notices;
  /** Handlers running on this instance, by task id. */
  private final Map<String, CallImpl> running = new ConcurrentHashMap<>();

  TaskRunner(ServerConfig config, TaskOptions options, Catalog catalog, HandlerPool pool, ObjectMapper mapper) {
    this.config = config;
    this.options = options;
    this.catalog = catalog;
    this.pool = pool;
    this.mapper = mapper;
    this.notices = new TaskNotices(config.bus());
  }

  TaskNotices notices() {
    return notices;
  }

  /**
   * Changes the task in the store and tells who listens ({@link TaskNotices}); {@code session} is
   * the 2025-11-25 session to tell as well, or null.
   */
  Optional<TaskRecord> change(String taskId, java.util.function.UnaryOperator<TaskRecord> op, LegacySession session) {
    java.util.concurrent.atomic.AtomicReference<TaskRecord> before = new java.util.concurrent.atomic.AtomicReference<>();
    Optional<TaskRecord> after =
        store().update(
            taskId,
            t -> {
              before.set(t);
              return op.apply(t);
            },
            now());
    after.ifPresent(a -> notices.changed(before.get(), a, session));
    return after;
  }

  TaskStore store() {
    return options.store();
  }

  Instant now() {
    return config.clock().instant();
  }

  /** Who may see a task: the principal's digest, "" when anonymous. */
  static String owner(Principal principal) {
    String digest = principal == null ? null : MrtrState.principalDigest(principal.getName());
    return digest == null ? "" : digest;
  }

  /**
   * Creates the task of a call and starts its handler; returns the task as created. Throws -32603
   * with a clear message when the principal's cap or the store's capacity is reached.
   */
  TaskRecord start(FeatureRouter.Invocation inv, ToolSpec spec, Map<String, Object> answers) {
    return start(inv, spec, answers, options.ttl(), owner(inv.principal()));
  }

  /** The TTL of a task unless a 2025-era client asks for a shorter one. */
  Duration defaultTtl() {
    return options.ttl();
  }

  /**
   * As {@link #start(FeatureRouter.Invocation, ToolSpec, Map)}, with the task's TTL and owner given
   * (2025-11-25 sessions: the requested TTL, the session as owner when anonymous); a session's
   * handler runs with the session's request metadata.
   */
  TaskRecord start(FeatureRouter.Invocation inv, ToolSpec spec, Map<String, Object> answers, Duration ttl, String owner) {
    Map<String, Object> request = new LinkedHashMap<>(inv.request().params());
    request.remove("inputResponses");
    request.remove("requestState");
    request.remove("task"); // a 2025-era hint; the server decides
    Instant now = now();
    TaskRecord task = TaskRecord.working(newId(), owner, now, ttl, options.pollInterval(), request, answers);
    switch (store().create(task, options.maxActivePerPrincipal(), now)) {
      case OWNER_LIMIT -> throw new McpException(
          JsonRpcError.of(
              JsonRpcErrorCodes.INTERNAL_ERROR,
              "Too many unfinished tasks for this client (limit "
                  + options.maxActivePerPrincipal()
                  + "); retry when one has finished"));
      case FULL -> throw new McpException(
          JsonRpcError.of(JsonRpcErrorCodes.INTERNAL_ERROR, "Server busy: no room for another task, retry later"));
      default -> {}
    }
    launch(task, spec, inv.principal(), inv.modern() ? null : inv.meta(), inv.session());
    return task;
  }

  /** Runs the task's handler again (its questions were answered), here. */
  void resume(TaskRecord task, Principal principal) {
    Object name = task.request().get("name");
    ToolSpec spec = name instanceof String s ? catalog.tools.get(s) : null;
    if (spec == null) {
      finish(task.taskId(), t -> t.failed(errorMap(McpException.invalidParams("Unknown tool").error()), "Tool is gone", now()), null);
      return;
    }
    launch(task, spec, principal, null, null);
  }

  /** Cancels the task's handler when it runs here (the store already says cancelled). */
  void interrupt(String taskId) {
    CallImpl call = running.get(taskId);
    if (call != null) {
      call.cancel();
    }
  }

  /** Server close: stops every handler running here. */
  void close() {
    for (CallImpl call : List.copyOf(running.values())) {
      call.cancel();
    }
  }

  /** Number of task handlers running on this instance (tests). */
  int runningCount() {
    return running.size();
  }

  /**
   * Runs the task's handler in the background; {@code sessionMeta} and {@code session} are those of
   * a 2025-era session's call, else null.
   */
  private void launch(TaskRecord task, ToolSpec spec, Principal principal, RequestMeta sessionMeta, LegacySession session) {
    RequestMeta meta = sessionMeta;
    if (meta == null) {
      try {
        meta = RequestMeta.parse(task.request(), mapper);
      } catch (RequestMeta.Invalid e) {
        finish(task.taskId(), t -> t.failed(errorMap(e.error), "Invalid request", now()), null);
        return;
      }
    }
    String taskId = task.taskId();
    GuardedSink sink = new GuardedSink(new ProgressSink(taskId, session));
    CallImpl call = new CallImpl(sink, false);
    @SuppressWarnings("unchecked")
    Map<String, Object> args =
        task.request().get("arguments") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    Map<String, Object> answers = new LinkedHashMap<>(task.answers());
    java.util.function.BooleanSupplier cancelledInStore = () -> cancelledInStore(taskId);
    Object progressToken = session != null && meta.progressToken() != null ? meta.progressToken() : TASK_PROGRESS;
    SessionChannel channel =
        session == null
            ? null
            : new TaskChannel(this, taskId, session, mapper, config.clientRequestTimeout(), cancelledInStore);
    TaskContext ctx =
        new TaskContext(
            RequestId.of(taskId), meta, principal, sink, call, mapper, answers, cancelledInStore, progressToken, channel);
    FutureTask<Void> future =
        new FutureTask<>(
            () -> {
              try {
                run(taskId, spec, ctx, args, session);
              } finally {
                running.remove(taskId, call);
              }
              return null;
            });
    running.put(taskId, call);
    call.attach(future);
    try {
      pool.executor().execute(future);
    } catch (RejectedExecutionException e) {
      running.remove(taskId, call);
      finish(taskId, t -> t.failed(errorMap(JsonRpcError.of(JsonRpcErrorCodes.INTERNAL_ERROR, "Server busy")), "Server busy", now()), session);
    }
  }

  private void run(String taskId, ToolSpec spec, TaskContext ctx, Map<String, Object> args, LegacySession session) {
    String name = spec.tool().name();
    CallToolResult result;
    try {
      if (ctx.isCancelled()) {
        return;
      }
      result = spec.handler().call(ctx, args);
    } catch (InputRequiredSignal signal) {
      result = null;
    } catch (McpException e) {
      JsonRpcError error = e.error();
      finish(taskId, t -> t.failed(errorMap(error), error.message(), now()), session);
      return;
    } catch (InterruptedException e) {
      return; // cancelled: the store says so already
    } catch (Exception e) {
      if (ctx.isCancelled()) {
        return;
      }
      if (ctx.missingInputs().isEmpty()) {
        LOG.error("Tool {} failed in a task", name, e);
        result = CallToolResult.error("Tool '" + name + "' failed");
      } else {
        result = null;
      }
    }
    if (ctx.isCancelled()) {
      return;
    }
    Map<String, InputRequest> missing = ctx.missingInputs();
    if (!missing.isEmpty()) { // only 2026-07-28 tasks: a session's handler asks with real requests
      Map<String, Object> questions = new LinkedHashMap<>();
      missing.forEach((k, v) -> questions.put(k, mapper.convertValue(v, Map.class)));
      Map<String, Object> answers = new LinkedHashMap<>(ctx.answers());
      finish(taskId, t -> t.needingInput(questions, answers, now()), session);
      return;
    }
    if (result == null) {
      LOG.error("Tool {} returned null in a task", name);
      result = CallToolResult.error("Tool '" + name + "' failed");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> wire = mapper.convertValue(result, Map.class);
    finish(taskId, t -> t.completed(wire, now()), session);
  }

  /** Applies an outcome unless the task ended meanwhile (cancelled, expired). */
  private void finish(String taskId, java.util.function.UnaryOperator<TaskRecord> outcome, LegacySession session) {
    change(taskId, t -> t.status() == TaskStatus.WORKING ? outcome.apply(t) : t, session);
  }

  private boolean cancelledInStore(String taskId) {
    Optional<TaskRecord> t = store().get(taskId, now());
    return t.isEmpty() || t.get().status() == TaskStatus.CANCELLED;
  }

  static Map<String, Object> errorMap(JsonRpcError error) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("code", error.code());
    m.put("message", error.message());
    if (error.data() != null) {
      m.put("data", error.data());
    }
    return m;
  }

  private String newId() {
    byte[] bytes = new byte[24];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /**
   * The sink of a background run: progress becomes the status message; in a 2025-11-25 session's
   * task, progress with the call's own token and log messages also go to the session with the
   * related-task key; nothing else goes out.
   */
  private final class ProgressSink implements ResponseSink {
    private final String taskId;
    private final LegacySession session;

    ProgressSink(String taskId, LegacySession session) {
      this.taskId = taskId;
      this.session = session;
    }

    @Override
    public void notification(JsonRpcNotification notification) {
      boolean progress = McpMethods.NOTIFICATIONS_PROGRESS.equals(notification.method());
      Map<String, Object> p = notification.params();
      if (session != null && (!progress || !TASK_PROGRESS.equals(p.get("progressToken")))) {
        notices.toSession(
            session, taskId, new JsonRpcNotification(notification.method(), TaskNotices.related(p, taskId)));
      }
      if (!progress) {
        return;
      }
      String text =
          p.get("message") instanceof String s
              ? s
              : "Progress " + number(p.get("progress")) + (p.get("total") == null ? "" : " of " + number(p.get("total")));
      store().update(taskId, t -> t.status() == TaskStatus.WORKING ? t.withStatusMessage(text, now()) : t, now());
    }

    @Override
    public void response(JsonRpcResponse response) {}

    private String number(Object n) {
      return n instanceof Double d && d == Math.rint(d) ? String.valueOf(d.longValue()) : String.valueOf(n);
    }
  }

  /** The handler's context inside a task: cancelled also when the store says so (another instance). */
  private static final class TaskContext extends CallContext {
    private final java.util.function.BooleanSupplier cancelledElsewhere;
    private final CallImpl call;
    private volatile long nextCheck;

    TaskContext(
        RequestId id,
        RequestMeta meta,
        Principal principal,
        GuardedSink sink,
        CallImpl call,
        ObjectMapper mapper,
        Map<String, Object> answers,
        java.util.function.BooleanSupplier cancelledElsewhere,
        Object progressToken,
        SessionChannel channel) {
      super(
          id,
          McpMethods.TOOLS_CALL,
          meta.version(),
          meta.capabilities(),
          meta.clientInfo(),
          principal,
          meta.raw(),
          null,
          progressToken,
          sink,
          call,
          mapper,
          answers,
          channel);
      this.call = call;
      this.cancelledElsewhere = cancelledElsewhere;
      this.nextCheck = System.nanoTime();
    }

    @Override
    public boolean isCancelled() {
      if (call.isCancelled()) {
        return true;
      }
      long t = System.nanoTime();
      if (t - nextCheck >= 0) {
        nextCheck = t + 100_000_000L; // look at the store at most every 100 ms
        return cancelledElsewhere.getAsBoolean();
      }
      return false;
    }
  }
}
