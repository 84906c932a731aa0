package org.mcpkit.internal.dispatch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.mcpkit.server.McpException;
import org.mcpkit.server.task.TaskRecord;
import org.mcpkit.server.task.TaskStatus;

/**
 * The extension's methods and wire shapes: {@code tasks/get} (the task with its result, error or
 * questions inlined), {@code tasks/update} (answers; the handler resumes once none is
 * outstanding), {@code tasks/cancel} (idempotent), and the {@code CreateTaskResult} of a call. A
 * task of another principal is "not found", like an unknown or expired one. Thread-safe.
 */
final class TaskMethods {
  private final TaskRunner runner;
  private final Envelopes envelopes;
  private final ObjectMapper mapper;

  TaskMethods(TaskRunner runner, Envelopes envelopes, ObjectMapper mapper) {
    this.runner = runner;
    this.envelopes = envelopes;
    this.mapper = mapper;
  }

  /** Routes a tasks method of an admitted modern request. */
  Object route(FeatureRouter.Invocation inv) {
    Map<String, Object> params = inv.request().params();
    String taskId = params.get("taskId") instanceof String s ? s : null;
    if (taskId == null) {
      throw McpException.invalidParams("Invalid params: taskId is required");
    }
    String owner = TaskRunner.owner(inv.principal());
    switch (inv.request().method()) {
      case org.mcpkit.protocol.McpMethods.TASKS_GET: {
        TaskRecord task = find(taskId, owner);
        return envelopes.complete(detailed(task), false, false, true);
      }
      case org.mcpkit.protocol.McpMethods.TASKS_UPDATE:
        return update(inv, taskId, owner, params.get("inputResponses"));
      default: {
        find(taskId, owner);
        Optional<TaskRecord> after =
            runner.change(
                taskId,
                t -> t.status().isTerminal() ? t : t.withStatus(TaskStatus.CANCELLED, "Cancelled by the client", runner.now()),
                null);
        if (after.isPresent() && after.get().status() == TaskStatus.CANCELLED) {
          runner.interrupt(taskId);
        }
        return envelopes.complete(Map.of(), false, false, true);
      }
    }
  }

  private Object update(FeatureRouter.Invocation inv, String taskId, String owner, Object responses) {
    if (!(responses instanceof Map<?, ?> given)) {
      throw McpException.invalidParams("Invalid params: inputResponses must be an object");
    }
    find(taskId, owner);
    AtomicReference<TaskStatus> before = new AtomicReference<>();
    Optional<TaskRecord> after =
        runner.change(
            taskId,
            t -> {
              before.set(t.status());
              if (t.status() != TaskStatus.INPUT_REQUIRED) {
                return t; // nothing outstanding: answers are ignored
              }
              Map<String, Object> answers = new LinkedHashMap<>(t.answers());
              Map<String, Object> outstanding = new LinkedHashMap<>(t.inputRequests());
              boolean matched = false;
              for (Map.Entry<?, ?> e : given.entrySet()) {
                if (e.getKey() instanceof String key && outstanding.containsKey(key) && e.getValue() != null) {
                  answers.put(key, e.getValue());
                  outstanding.remove(key);
                  matched = true;
                }
              }
              return matched ? t.answered(answers, outstanding, runner.now()) : t;
            },
            null);
    if (after.isPresent()
        && before.get() == TaskStatus.INPUT_REQUIRED
        && after.get().status() == TaskStatus.WORKING) {
      runner.resume(after.get(), inv.principal());
    }
    return envelopes.complete(Map.of(), false, false, true);
  }

  private TaskRecord find(String taskId, String owner) {
    Optional<TaskRecord> task = runner.store().get(taskId, runner.now());
    if (task.isEmpty() || !task.get().owner().equals(owner)) {
      throw McpException.invalidParams("Task not found");
    }
    return task.get();
  }

  /** The task as {@code tasks/get} (and {@code notifications/tasks}) shows it. */
  static Map<String, Object> detailed(TaskRecord task) {
    Map<String, Object> m = base(task);
    switch (task.status()) {
      case INPUT_REQUIRED -> m.put("inputRequests", task.inputRequests());
      case COMPLETED -> m.put("result", task.result() == null ? Map.of() : task.result());
      case FAILED -> m.put("error", task.error() == null ? Map.of("code", -32603, "message", "Internal error") : task.error());
      default -> {}
    }
    return m;
  }

  /** The {@code CreateTaskResult} answering the call that created the task. */
  Object created(TaskRecord task) {
    ObjectNode node = (ObjectNode) envelopes.complete(base(task), false, false, true);
    node.put("resultType", "task");
    return node;
  }

  private static Map<String, Object> base(TaskRecord task) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("taskId", task.taskId());
    m.put("status", task.status().wire());
    task.statusMessageOptional().ifPresent(s -> m.put("statusMessage", s));
    m.put("createdAt", task.createdAt().toString());
    m.put("lastUpdatedAt", task.lastUpdatedAt().toString());
    m.put("ttlMs", task.ttl().toMillis());
    m.put("pollIntervalMs", task.pollInterval().toMillis());
    return m;
  }
}
