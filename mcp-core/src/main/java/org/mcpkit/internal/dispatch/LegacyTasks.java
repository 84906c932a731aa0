package org.mcpkit.internal.dispatch;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.mcpkit.jsonrpc.JsonRpcError;
import org.mcpkit.jsonrpc.JsonRpcErrorCodes;
import org.mcpkit.jsonrpc.JsonRpcRequest;
import org.mcpkit.jsonrpc.RequestId;
import org.mcpkit.protocol.McpMethods;
import org.mcpkit.protocol.ProtocolVersion;
import org.mcpkit.protocol.Tool;
import org.mcpkit.protocol.ToolExecution;
import org.mcpkit.server.McpException;
import org.mcpkit.server.ToolSpec;
import org.mcpkit.server.task.TaskRecord;
import org.mcpkit.server.task.TaskStatus;
import org.mcpkit.server.task.TaskStore;
import org.mcpkit.server.task.TaskSupport;

/**
 * The experimental tasks of protocol revision 2025-11-25, for sessions that negotiated it, on the
 * same store as the 2026-07-28 extension: the {@code tasks} capability ({@code list}, {@code cancel}
 * and task-augmented {@code tools/call}), {@code execution.taskSupport} on listed tools, a {@code
 * tools/call} with {@code params.task} answered with {@code CreateTaskResult} ({@code {task: {...}}},
 * the requested {@code ttl} honoured up to the configured one), {@code tasks/get}, {@code tasks/list}
 * (the owner's tasks, oldest first, paged with opaque cursors), {@code tasks/result} (waits for the
 * end, sending the handler's questions on its stream meanwhile, then the tool's result with {@code
 * io.modelcontextprotocol/related-task}, or its JSON-RPC error) and {@code tasks/cancel} (-32602
 * once ended). A tool result with {@code isError} shows as {@code failed}, as 2025-11-25 says (the
 * store keeps it completed, as the 2026-07-28 extension says; {@code tasks/result} returns it). A
 * task belongs to the principal, or to the session when anonymous. Thread-safe.
 */
final class LegacyTasks {
  static final String RELATED_TASK = "io.modelcontextprotocol/related-task";
  /** The {@code tasks} capability shown in {@code initialize}. */
  static final Map<String, Object> CAPABILITY =
      Map.of("list", Map.of(), "cancel", Map.of(), "requests", Map.of("tools", Map.of("call", Map.of())));
  private static final String CURSOR_PREFIX = "mcpkit:t:";

  private final TaskRunner runner;
  private final ServerConfig config;
  private final Catalog catalog;

  LegacyTasks(TaskRunner runner, ServerConfig config, Catalog catalog) {
    this.runner = runner;
    this.config = config;
    this.catalog = catalog;
  }

  Catalog catalog() {
    return catalog;
  }

  /** Whether a session of this revision is served tasks, given the tools registered. */
  static boolean serves(ProtocolVersion version, Catalog catalog) {
    return version == ProtocolVersion.V2025_11_25 && catalog.offersTasks();
  }

  /** Whether {@code method} is one of the tasks methods a session may call. */
  static boolean isMethod(String method) {
    return McpMethods.TASKS_GET.equals(method)
        || TASKS_RESULT.equals(method)
        || TASKS_LIST.equals(method)
        || McpMethods.TASKS_CANCEL.equals(method);
  }

  static final String TASKS_RESULT = "tasks/result";
  static final String TASKS_LIST = "tasks/list";

  /** The tool as a 2025-11-25 session lists it: with {@code execution.taskSupport} when it may run as a task. */
  static Tool listed(ToolSpec spec) {
    Tool t = spec.tool();
    if (spec.taskSupport() == TaskSupport.FORBIDDEN || t.execution() != null) {
      return t;
    }
    String support = spec.taskSupport() == TaskSupport.REQUIRED ? "required" : "optional";
    return new Tool(
        t.name(), t.title(), t.description(), t.inputSchema(), t.outputSchema(), t.icons(), t.annotations(),
        new ToolExecution(support), t.meta());
  }

  /** Who may see a session's task: the principal, else the session itself. */
  static String owner(FeatureRouter.Invocation inv) {
    String principal = TaskRunner.owner(inv.principal());
    return principal.isEmpty() ? "session:" + MrtrState.principalDigest(inv.session().id()) : principal;
  }

  /**
   * For a {@code tools/call} of a 2025-11-25 session: the {@code CreateTaskResult} when the call
   * asks for a task, null to run it as an ordinary call; -32601 for a task of a tool that forbids
   * them or an ordinary call of one that requires one.
   */
  Object call(FeatureRouter.Invocation inv, ToolSpec spec, Map<String, Object> answers) {
    Object task = inv.request().params().get("task");
    if (task == null) {
      if (spec.taskSupport() == TaskSupport.REQUIRED) {
        throw new McpException(
            JsonRpcError.of(
                JsonRpcErrorCodes.METHOD_NOT_FOUND,
                "Tool '" + spec.tool().name() + "' must be called as a task (params.task)"));
      }
      return null;
    }
    if (!(task instanceof Map<?, ?> params)) {
      throw McpException.invalidParams("Invalid params: task must be an object");
    }
    if (spec.taskSupport() == TaskSupport.FORBIDDEN) {
      throw new McpException(
          JsonRpcError.of(
              JsonRpcErrorCodes.METHOD_NOT_FOUND, "Tool '" + spec.tool().name() + "' does not run as a task"));
    }
    Duration ttl = runner.defaultTtl();
    if (params.get("ttl") instanceof Number n && n.longValue() > 0 && n.longValue() < ttl.toMillis()) {
      ttl = Duration.ofMillis(n.longValue());
    }
    TaskRecord created = runner.start(inv, spec, answers, ttl, owner(inv));
    return Map.of("task", wire(created));
  }

  /** Routes {@code tasks/get}, {@code tasks/list}, {@code tasks/result} and {@code tasks/cancel} of a session. */
  Object route(FeatureRouter.Invocation inv) throws InterruptedException {
    if (TASKS_LIST.equals(inv.request().method())) {
      return list(inv);
    }
    String taskId = inv.request().params().get("taskId") instanceof String s ? s : null;
    if (taskId == null) {
      throw McpException.invalidParams("Invalid params: taskId is required");
    }
    String owner = owner(inv);
    TaskRecord task = find(taskId, owner);
    switch (inv.request().method()) {
      case McpMethods.TASKS_GET:
        return wire(task);
      case McpMethods.TASKS_CANCEL: {
        if (task.status().isTerminal()) {
          throw McpException.invalidParams("Task already ended (" + status(task) + ")");
        }
        Optional<TaskRecord> after =
            runner.change(
                taskId,
                t -> t.status().isTerminal() ? t : t.withStatus(TaskStatus.CANCELLED, "Cancelled by the client", runner.now()),
                inv.session());
        if (after.isEmpty()) {
          throw McpException.invalidParams("Task not found");
        }
        if (after.get().status() != TaskStatus.CANCELLED) {
          throw McpException.invalidParams("Task already ended (" + status(after.get()) + ")");
        }
        runner.interrupt(taskId);
        return wire(after.get());
      }
      default:
        return result(inv, awaitEnd(inv, task));
    }
  }

  /**
   * One page of the caller's tasks: {@code config.pageSize()} at most, oldest first; -32602 for a
   * cursor this server did not hand out.
   */
  private Object list(FeatureRouter.Invocation inv) {
    Object cursor = inv.request().params().get("cursor");
    if (cursor != null && !(cursor instanceof String)) {
      throw McpException.invalidParams("Invalid params: invalid cursor");
    }
    TaskStore.Position after = decodeCursor((String) cursor);
    int size = config.pageSize();
    List<TaskRecord> found = runner.store().list(owner(inv), after, size + 1, runner.now());
    List<Map<String, Object>> tasks = new ArrayList<>();
    for (TaskRecord t : found.subList(0, Math.min(size, found.size()))) {
      tasks.add(wire(t));
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("tasks", tasks);
    if (found.size() > size) {
      out.put("nextCursor", encodeCursor(TaskStore.Position.of(found.get(size - 1))));
    }
    return out;
  }

  static String encodeCursor(TaskStore.Position p) {
    String text = CURSOR_PREFIX + p.createdAt().getEpochSecond() + ":" + p.createdAt().getNano() + ":" + p.taskId();
    return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  static TaskStore.Position decodeCursor(String cursor) {
    if (cursor == null || cursor.isEmpty()) {
      return TaskStore.Position.FIRST;
    }
    try {
      String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (text.startsWith(CURSOR_PREFIX)) {
        String[] parts = text.substring(CURSOR_PREFIX.length()).split(":", 3);
        if (parts.length == 3 && !parts[2].isEmpty()) {
          Instant at = Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
          return new TaskStore.Position(at, parts[2]);
        }
      }
    } catch (RuntimeException e) {
      // fall through: not one of ours
    }
    throw McpException.invalidParams("Invalid params: invalid cursor");
  }

  /**
   * Waits (polling the store, so a task run by another instance is seen too) until the task ends;
   * meanwhile the handler's questions go out on this call's stream, each once, and the task's
   * notifications come here rather than to the session's stream.
   */
  private TaskRecord awaitEnd(FeatureRouter.Invocation inv, TaskRecord task) throws InterruptedException {
    TaskNotices.Waiting waiting = runner.notices().await(task.taskId(), inv.out());
    try {
      return awaitEnd(inv, task, new HashSet<>());
    } finally {
      waiting.close();
    }
  }

  private TaskRecord awaitEnd(FeatureRouter.Invocation inv, TaskRecord task, Set<String> sent) throws InterruptedException {
    long deadline = System.nanoTime() + config.clientRequestTimeout().toNanos();
    long pause = Math.max(10, Math.min(250, task.pollInterval().toMillis()));
    TaskRecord t = task;
    while (!t.status().isTerminal()) {
      if (t.status() == TaskStatus.INPUT_REQUIRED) {
        ask(inv, t, sent);
      }
      if (System.nanoTime() - deadline >= 0) {
        throw new McpException(
            JsonRpcError.of(JsonRpcErrorCodes.INTERNAL_ERROR, "Task still running; call tasks/result again"));
      }
      if (inv.call() != null && inv.call().isCancelled()) {
        throw new InterruptedException("tasks/result cancelled");
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(pause));
      if (Thread.interrupted()) {
        throw new InterruptedException("tasks/result interrupted");
      }
      t = runner.store().get(t.taskId(), runner.now()).orElseThrow(() -> McpException.invalidParams("Task not found"));
    }
    return t;
  }

  /** Sends the task's outstanding questions of this session that this call has not sent yet on its stream. */
  private static void ask(FeatureRouter.Invocation inv, TaskRecord t, Set<String> sent) {
    String here = MrtrState.principalDigest(inv.session().id());
    for (Map.Entry<String, Object> q : t.inputRequests().entrySet()) {
      if (sent.contains(q.getKey()) || !(q.getValue() instanceof Map<?, ?> question)
          || !here.equals(question.get(TaskChannel.SESSION))) {
        continue; // sent already, or asked in another session of the principal
      }
      Object method = question.get("method");
      Map<String, Object> params = question.get("params") instanceof Map<?, ?> p ? cast(p) : Map.of();
      if (method instanceof String m && inv.out().request(new JsonRpcRequest(RequestId.of(q.getKey()), m, params))) {
        sent.add(q.getKey());
      }
    }
  }

  /** What the underlying call returned: its result with the related-task key, or its error. */
  private static Object result(FeatureRouter.Invocation inv, TaskRecord task) {
    switch (task.status()) {
      case COMPLETED: {
        Map<String, Object> out = new LinkedHashMap<>(task.result() == null ? Map.of() : task.result());
        Map<String, Object> meta =
            out.get("_meta") instanceof Map<?, ?> m ? new LinkedHashMap<>(cast(m)) : new LinkedHashMap<>();
        meta.put(RELATED_TASK, Map.of("taskId", task.taskId()));
        out.put("_meta", meta);
        return out;
      }
      case FAILED: {
        Map<String, Object> e = task.error() == null ? Map.of() : task.error();
        int code = e.get("code") instanceof Number n ? n.intValue() : JsonRpcErrorCodes.INTERNAL_ERROR;
        String message = e.get("message") instanceof String s ? s : "Internal error";
        throw new McpException(new JsonRpcError(code, message, e.get("data")));
      }
      default:
        throw new McpException(JsonRpcError.of(JsonRpcErrorCodes.INTERNAL_ERROR, "Task cancelled"));
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> cast(Map<?, ?> m) {
    return (Map<String, Object>) m;
  }

  private TaskRecord find(String taskId, String owner) {
    Optional<TaskRecord> task = runner.store().get(taskId, runner.now());
    if (task.isEmpty() || !task.get().owner().equals(owner)) {
      throw McpException.invalidParams("Task not found");
    }
    return task.get();
  }

  /**
   * The status a 2025-11-25 client sees: a completed tool call whose result has {@code isError}
   * is {@code failed} (2025-11-25, "Task Execution Errors").
   */
  static String status(TaskRecord task) {
    return isErrorResult(task) ? TaskStatus.FAILED.wire() : task.status().wire();
  }

  private static boolean isErrorResult(TaskRecord task) {
    return task.status() == TaskStatus.COMPLETED && task.result() != null && Boolean.TRUE.equals(task.result().get("isError"));
  }

  /** The 2025-11-25 {@code Task} shape. */
  static Map<String, Object> wire(TaskRecord task) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("taskId", task.taskId());
    m.put("status", status(task));
    if (isErrorResult(task) && task.statusMessage() == null) {
      Object name = task.request().get("name");
      m.put("statusMessage", "Tool '" + (name instanceof String n ? n : "") + "' returned an error result; tasks/result returns it");
    }
    task.statusMessageOptional().ifPresent(s -> m.put("statusMessage", s));
    m.put("createdAt", task.createdAt().toString());
    m.put("lastUpdatedAt", task.lastUpdatedAt().toString());
    m.put("ttl", task.ttl().toMillis());
    m.put("pollInterval", task.pollInterval().toMillis());
    return m;
  }
}
