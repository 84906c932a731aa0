package org.mcpkit.server.task;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One task as a {@link TaskStore} keeps it: immutable, JSON-friendly (the maps hold only what
 * Jackson reads and writes: maps, lists, strings, numbers, booleans, null), so a store may serialize
 * it as it likes. Everything a server instance needs to answer for the task, or to run its handler
 * again with new answers, is here.
 *
 * @param taskId the unguessable id the client holds
 * @param owner who may see the task: a digest of the authenticated principal, "" when anonymous
 * @param status the current status
 * @param statusMessage a short text for the status, or null
 * @param createdAt when the task was created
 * @param lastUpdatedAt when the status, message or payload last changed
 * @param ttl how long after {@code createdAt} the task is kept
 * @param pollInterval the polling interval suggested to the client
 * @param request the {@code tools/call} params the task serves (name, arguments, {@code _meta})
 * @param answers the client's answers so far, by input key
 * @param inputRequests the questions outstanding while {@code input_required}, by key (wire form)
 * @param result the tool result once completed (wire form), or null
 * @param error the JSON-RPC error once failed ({@code code}, {@code message}, {@code data}), or null
 */
public record TaskRecord(
    String taskId,
    String owner,
    TaskStatus status,
    String statusMessage,
    Instant createdAt,
    Instant lastUpdatedAt,
    Duration ttl,
    Duration pollInterval,
    Map<String, Object> request,
    Map<String, Object> answers,
    Map<String, Object> inputRequests,
    Map<String, Object> result,
    Map<String, Object> error) {

  /** Validates and copies the components. */
  public TaskRecord {
    Objects.requireNonNull(taskId, "taskId");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(lastUpdatedAt, "lastUpdatedAt");
    Objects.requireNonNull(ttl, "ttl");
    Objects.requireNonNull(pollInterval, "pollInterval");
    request = copy(Objects.requireNonNull(request, "request"));
    answers = copy(Objects.requireNonNull(answers, "answers"));
    inputRequests = copy(Objects.requireNonNull(inputRequests, "inputRequests"));
    result = result == null ? null : copy(result);
    error = error == null ? null : copy(error);
  }

  /** A new working task. */
  public static TaskRecord working(
      String taskId,
      String owner,
      Instant now,
      Duration ttl,
      Duration pollInterval,
      Map<String, Object> request,
      Map<String, Object> answers) {
    return new TaskRecord(
        taskId, owner, TaskStatus.WORKING, null, now, now, ttl, pollInterval, request, answers, Map.of(), null, null);
  }

  /** When the task may be discarded: {@code createdAt + ttl}. */
  public Instant expiresAt() {
    return createdAt.plus(ttl);
  }

  /** The status message, if any. */
  public Optional<String> statusMessageOptional() {
    return Optional.ofNullable(statusMessage);
  }

  /** A copy with a new status and message, updated at {@code now}; questions cleared unless input is required. */
  public TaskRecord withStatus(TaskStatus next, String message, Instant now) {
    return new TaskRecord(
        taskId, owner, next, message, createdAt, now, ttl, pollInterval, request, answers,
        next == TaskStatus.INPUT_REQUIRED ? inputRequests : Map.of(), result, error);
  }

  /** A copy with a new status message only. */
  public TaskRecord withStatusMessage(String message, Instant now) {
    return new TaskRecord(
        taskId, owner, status, message, createdAt, now, ttl, pollInterval, request, answers, inputRequests, result, error);
  }

  /** A copy waiting for the given questions, keeping the answers given so far. */
  public TaskRecord needingInput(Map<String, Object> questions, Map<String, Object> answersSoFar, Instant now) {
    return new TaskRecord(
        taskId, owner, TaskStatus.INPUT_REQUIRED, "Waiting for input from the client", createdAt, now, ttl,
        pollInterval, request, answersSoFar, questions, null, null);
  }

  /** A copy with answers added and the questions still outstanding. */
  public TaskRecord answered(Map<String, Object> allAnswers, Map<String, Object> outstanding, Instant now) {
    TaskStatus next = outstanding.isEmpty() ? TaskStatus.WORKING : TaskStatus.INPUT_REQUIRED;
    return new TaskRecord(
        taskId, owner, next, next == TaskStatus.WORKING ? null : statusMessage, createdAt, now, ttl, pollInterval,
        request, allAnswers, outstanding, null, null);
  }

  /** The completed copy holding the tool result. */
  public TaskRecord completed(Map<String, Object> toolResult, Instant now) {
    return new TaskRecord(
        taskId, owner, TaskStatus.COMPLETED, null, createdAt, now, ttl, pollInterval, request, answers, Map.of(),
        toolResult, null);
  }

  /** The failed copy holding the JSON-RPC error. */
  public TaskRecord failed(Map<String, Object> rpcError, String message, Instant now) {
    return new TaskRecord(
        taskId, owner, TaskStatus.FAILED, message, createdAt, now, ttl, pollInterval, request, answers, Map.of(),
        null, rpcError);
  }

  private static Map<String, Object> copy(Map<String, Object> map) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }
}
