package org.mcpkit.internal.dispatch;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.mcpkit.jsonrpc.JsonRpcMessage;
import org.mcpkit.jsonrpc.JsonRpcNotification;
import org.mcpkit.server.NotificationBus;
import org.mcpkit.server.ServerEvent;
import org.mcpkit.server.task.TaskRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells clients that a task changed. Every change of status (or of the questions outstanding) is
 * published on the {@link NotificationBus} as a {@link ServerEvent.Kind#TASK_STATUS} event, which
 * every instance sharing the bus delivers to its {@code subscriptions/listen} streams that named
 * the task ({@code notifications/tasks}, read from the store). A task a 2025-11-25 session started
 * also tells that session ({@code notifications/tasks/status}, and the handler's progress and log
 * notifications): on the {@code tasks/result} calls waiting for it on this instance when there
 * are any, else on the session's stream, here or on the instance holding it. Thread-safe.
 */
final class TaskNotices {
  private static final Logger LOG = LoggerFactory.getLogger(TaskNotices.class);
  static final String STATUS_2025 = "notifications/tasks/status";
  private final NotificationBus bus;
  /** {@code tasks/result} calls of sessions waiting on this instance, by task id. */
  private final Map<String, Set<GuardedSink>> waiting = new ConcurrentHashMap<>();

  TaskNotices(NotificationBus bus) {
    this.bus = bus;
  }

  /**
   * A stored change from {@code before} to {@code after}: told when the status or the outstanding
   * questions differ. {@code session} is the 2025-11-25 session to tell as well, or null.
   */
  void changed(TaskRecord before, TaskRecord after, LegacySession session) {
    if (before == null
        || (before.status() == after.status() && before.inputRequests().equals(after.inputRequests()))) {
      return;
    }
    try {
      bus.publish(ServerEvent.taskStatus(after.taskId()));
    } catch (RuntimeException e) {
      LOG.warn("Publishing a task status failed", e);
    }
    if (session != null && before.status() != after.status()) {
      toSession(session, after.taskId(), new JsonRpcNotification(STATUS_2025, LegacyTasks.wire(after)));
    }
  }

  /** A notification about a session's task: to the waiting {@code tasks/result} calls, else the session's stream. */
  void toSession(LegacySession session, String taskId, JsonRpcNotification notification) {
    Set<GuardedSink> sinks = waiting.get(taskId);
    if (sinks != null && !sinks.isEmpty()) {
      for (GuardedSink sink : sinks) {
        sink.notification(notification);
      }
      return;
    }
    Consumer<JsonRpcMessage> out = session.channel();
    if (out == null) {
      return; // no stream open anywhere: the client polls
    }
    try {
      out.accept(notification);
    } catch (RuntimeException e) {
      LOG.debug("Task notification not delivered", e);
    }
  }

  /** A waiting call's registration; closing it removes the call. */
  interface Waiting extends AutoCloseable {
    @Override
    void close();
  }

  /** Registers a {@code tasks/result} call waiting for the task; closing the handle removes it. */
  Waiting await(String taskId, GuardedSink sink) {
    waiting.computeIfAbsent(taskId, k -> ConcurrentHashMap.newKeySet()).add(sink);
    return () ->
        waiting.computeIfPresent(
            taskId,
            (k, set) -> {
              set.remove(sink);
              return set.isEmpty() ? null : set;
            });
  }

  /** {@code params} with the related-task key of 2025-11-25 added to its {@code _meta}. */
  static Map<String, Object> related(Map<String, Object> params, String taskId) {
    Map<String, Object> out = new LinkedHashMap<>(params);
    Map<String, Object> meta = new LinkedHashMap<>();
    if (params.get("_meta") instanceof Map<?, ?> m) {
      m.forEach((k, v) -> meta.put(String.valueOf(k), v));
    }
    meta.put(LegacyTasks.RELATED_TASK, Map.of("taskId", taskId));
    out.put("_meta", meta);
    return out;
  }
}
