package org.mcpkit.internal.dispatch;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.mcpkit.jsonrpc.JsonRpcError;
import org.mcpkit.jsonrpc.JsonRpcErrorCodes;
import org.mcpkit.jsonrpc.JsonRpcFailure;
import org.mcpkit.jsonrpc.JsonRpcNotification;
import org.mcpkit.jsonrpc.JsonRpcResponse;
import org.mcpkit.jsonrpc.JsonRpcSuccess;
import org.mcpkit.jsonrpc.RequestId;
import org.mcpkit.protocol.McpMethods;
import org.mcpkit.server.McpException;
import org.mcpkit.server.task.TaskRecord;
import org.mcpkit.server.task.TaskStatus;

/**
 * A handler's questions inside a task of a 2025-11-25 session: a real server-to-client request
 * with the related-task key, kept in the task's {@code inputRequests} (by request id) while the
 * task is {@code input_required}. The {@code tasks/result} calls of the session send it on their
 * streams, on whichever instance they arrive: its id names this instance, so the client's answer
 * comes back here (through the session bus when posted elsewhere). Only the asking session's calls
 * send it (a principal's task is visible in all its sessions, but the answer is routed by session). The handler waits on its own
 * thread until the answer, the task's cancellation (seen also when it happened on another
 * instance) or the timeout; then the question leaves the task, which is {@code working} again.
 */
final class TaskChannel implements SessionChannel {
  /**
   * The key of a question naming (by digest) the session it was asked in: its answer can only reach
   * the waiting handler through that session, so only that session's {@code tasks/result} calls
   * send it.
   */
  static final String SESSION = "session";
  /** How often a waiting handler looks whether its task was cancelled. */
  private static final long CHECK_MILLIS = 100;
  private final TaskRunner runner;
  private final String taskId;
  private final LegacySession session;
  private final ObjectMapper mapper;
  private final Duration timeout;
  private final BooleanSupplier cancelled;

  TaskChannel(
      TaskRunner runner, String taskId, LegacySession session, ObjectMapper mapper, Duration timeout, BooleanSupplier cancelled) {
    this.runner = runner;
    this.taskId = taskId;
    this.session = session;
    this.mapper = mapper;
    this.timeout = timeout;
    this.cancelled = cancelled;
  }

  @Override
  public LegacySession session() {
    return session;
  }

  @Override
  @SuppressWarnings("unchecked")
  public Object request(String method, Object params) throws InterruptedException {
    ServerRequests.checkLifecycle(session, method);
    RequestId id = ServerRequests.nextId(session);
    String key = String.valueOf(id.wireValue());
    Map<String, Object> p = params == null ? Map.of() : mapper.convertValue(params, Map.class);
    Map<String, Object> question = new LinkedHashMap<>();
    question.put("method", method);
    question.put("params", TaskNotices.related(p, taskId));
    question.put(SESSION, MrtrState.principalDigest(session.id())); // only this session's calls may carry it
    CompletableFuture<JsonRpcResponse> answer = new CompletableFuture<>();
    session.awaitAnswer(id, answer);
    try {
      Optional<TaskRecord> asked =
          runner.change(
              taskId,
              t -> t.status() == TaskStatus.WORKING || t.status() == TaskStatus.INPUT_REQUIRED
                  ? t.needingInput(with(t.inputRequests(), key, question), t.answers(), runner.now())
                  : t,
              session);
      if (asked.isEmpty() || asked.get().status() != TaskStatus.INPUT_REQUIRED) {
        throw new CancellationException("the task ended before " + method + " was sent");
      }
      JsonRpcResponse response = await(answer, id, method);
      if (response instanceof JsonRpcFailure failure) {
        throw mcp("The client answered " + method + " with error " + failure.error().code());
      }
      return ((JsonRpcSuccess) response).result();
    } finally {
      session.takeAnswer(id);
      runner.change(
          taskId,
          t -> t.status() == TaskStatus.INPUT_REQUIRED && t.inputRequests().containsKey(key)
              ? t.answered(t.answers(), without(t.inputRequests(), key), runner.now())
              : t,
          session);
    }
  }

  private JsonRpcResponse await(CompletableFuture<JsonRpcResponse> answer, RequestId id, String method)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        runner.notices().toSession(
            session,
            taskId,
            new JsonRpcNotification(
                McpMethods.NOTIFICATIONS_CANCELLED, Map.of("requestId", id.wireValue(), "reason", "timed out")));
        throw mcp("No answer to " + method + " within " + timeout.toMillis() + " ms");
      }
      try {
        return answer.get(Math.min(TimeUnit.NANOSECONDS.toMillis(left) + 1, CHECK_MILLIS), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        if (cancelled.getAsBoolean()) {
          throw new InterruptedException("task cancelled while waiting for " + method);
        }
      } catch (ExecutionException | CancellationException e) {
        throw mcp("Session ended before " + method + " was answered");
      }
    }
  }

  private static Map<String, Object> with(Map<String, Object> map, String key, Object value) {
    Map<String, Object> out = new LinkedHashMap<>(map);
    out.put(key, value);
    return out;
  }

  private static Map<String, Object> without(Map<String, Object> map, String key) {
    Map<String, Object> out = new LinkedHashMap<>(map);
    out.remove(key);
    return out;
  }

  private static McpException mcp(String message) {
    return new McpException(JsonRpcError.of(JsonRpcErrorCodes.INTERNAL_ERROR, message));
  }
}
