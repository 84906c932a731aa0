package org.mcpkit.internal.dispatch;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.mcpkit.jsonrpc.JsonRpcError;
import org.mcpkit.jsonrpc.JsonRpcErrorCodes;
import org.mcpkit.protocol.McpMethods;
import org.mcpkit.protocol.ProtocolVersion;
import org.mcpkit.protocol.Tool;
import org.mcpkit.protocol.ToolExecution;
import org.mcpkit.server.McpException;
import org.mcpkit.server.ToolSpec;
import org.mcpkit.server.task.TaskRecord;
import org.mcpkit.server.task.TaskStatus;
import org.mcpkit.server.task.TaskSupport;

/**
 * The experimental tasks of protocol revision 2025-11-25, for sessions that negotiated it, on the
 * same store as the 2026-07-28 extension: the {@code tasks} capability ({@code cancel} and
 * task-augmented {@code tools/call}; no {@code list}, which the store SPI cannot enumerate), {@code
 * execution.taskSupport} on listed tools, a {@code tools/call} with {@code params.task} answered with
 * {@code CreateTaskResult} ({@code {task: {...}}}, the requested {@code ttl} honoured up to the
 * configured one), {@code tasks/get}, {@code tasks/result} (waits for the end, then the tool's result
 * with {@code io.modelcontextprotocol/related-task}, or its JSON-RPC error) and {@code tasks/cancel}
 * (-32602 once ended). A task belongs to the principal, or to the session when anonymous. A handler
 * that asks the client for input inside such a task fails it with a clear error (questions reach
 * 2025-era clients only on the call's own stream). Thread-safe.
 */
final class LegacyTasks {
  static final String RELATED_TASK = "io.modelcontextprotocol/related-task";
  /** The {@code tasks} capability shown in {@code initialize}. */
  static final Map<String, Object> CAPABILITY =
      Map.of("cancel", Map.of(), "requests", Map.of("tools", Map.of("call", Map.of())));

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
    return McpMethods.TASKS_GET.equals(method) || TASKS_RESULT.equals(method) || McpMethods.TASKS_CANCEL.equals(method);
  }

  static final String TASKS_RESULT = "tasks/result";

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

  /** Routes {@code tasks/get}, {@code tasks/result} and {@code tasks/cancel} of a session. */
  Object route(FeatureRouter.Invocation inv) throws InterruptedException {
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
          throw McpException.invalidParams("Task already ended (" + task.status().wire() + ")");
        }
        Optional<TaskRecord> after =
            runner.store().update(
                taskId,
                t -> t.status().isTerminal() ? t : t.withStatus(TaskStatus.CANCELLED, "Cancelled by the client", runner.now()),
                runner.now());
        if (after.isEmpty()) {
          throw McpException.invalidParams("Task not found");
        }
        if (after.get().status() != TaskStatus.CANCELLED) {
          throw McpException.invalidParams("Task already ended (" + after.get().status().wire() + ")");
        }
        runner.interrupt(taskId);
        return wire(after.get());
      }
      default:
        return result(inv, awaitEnd(inv, task));
    }
  }

  /** Waits (polling the store, so a task run by another instance is seen too) until the task ends. */
  private TaskRecord awaitEnd(FeatureRouter.Invocation inv, TaskRecord task) throws InterruptedException {
    long deadline = System.nanoTime() + config.clientRequestTimeout().toNanos();
    long pause = Math.max(10, Math.min(250, task.pollInterval().toMillis()));
    TaskRecord t = task;
    while (!t.status().isTerminal()) {
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

  /** The 2025-11-25 {@code Task} shape. */
  static Map<String, Object> wire(TaskRecord task) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("taskId", task.taskId());
    m.put("status", task.status().wire());
    task.statusMessageOptional().ifPresent(s -> m.put("statusMessage", s));
    m.put("createdAt", task.createdAt().toString());
    m.put("lastUpdatedAt", task.lastUpdatedAt().toString());
    m.put("ttl", task.ttl().toMillis());
    m.put("pollInterval", task.pollInterval().toMillis());
    return m;
  }
}
