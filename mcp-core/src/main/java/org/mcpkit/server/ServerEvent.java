package org.mcpkit.server;

import java.util.Objects;
import java.util.Optional;

/**
 * A change that subscribers may be told about: a list changed, a resource was updated, or a task's
 * status changed.
 *
 * @param kind what changed
 * @param uri the resource URI for {@link Kind#RESOURCE_UPDATED}; null otherwise (wire-like value)
 * @param taskId the task for {@link Kind#TASK_STATUS}; null otherwise (wire-like value)
 */
public record ServerEvent(Kind kind, String uri, String taskId) {
  /** What changed. */
  public enum Kind {
    /** The tool list changed. */
    TOOLS_LIST_CHANGED,
    /** The prompt list changed. */
    PROMPTS_LIST_CHANGED,
    /** The resource list changed. */
    RESOURCES_LIST_CHANGED,
    /** One resource changed. */
    RESOURCE_UPDATED,
    /**
     * One task's status (or its outstanding questions) changed. The event carries only the id:
     * each instance reads the task from the shared store and tells the listen streams that asked
     * for it and whose principal owns it.
     */
    TASK_STATUS
  }

  /** Creates an event. */
  public ServerEvent {
    Objects.requireNonNull(kind, "kind");
    if ((kind == Kind.RESOURCE_UPDATED) != (uri != null)) {
      throw new IllegalArgumentException("uri is required exactly for RESOURCE_UPDATED");
    }
    if ((kind == Kind.TASK_STATUS) != (taskId != null)) {
      throw new IllegalArgumentException("taskId is required exactly for TASK_STATUS");
    }
  }

  /** An event of a kind that carries a URI or nothing (not {@link Kind#TASK_STATUS}). */
  public ServerEvent(Kind kind, String uri) {
    this(kind, uri, null);
  }

  /** An event without a URI. */
  public static ServerEvent of(Kind kind) {
    return new ServerEvent(kind, null, null);
  }

  /** A resource-updated event. */
  public static ServerEvent resourceUpdated(String uri) {
    return new ServerEvent(Kind.RESOURCE_UPDATED, Objects.requireNonNull(uri, "uri"), null);
  }

  /** A task-status event. */
  public static ServerEvent taskStatus(String taskId) {
    return new ServerEvent(Kind.TASK_STATUS, null, Objects.requireNonNull(taskId, "taskId"));
  }

  /** The URI, for resource updates. */
  public Optional<String> resourceUri() {
    return Optional.ofNullable(uri);
  }

  /** The task id, for task-status events. */
  public Optional<String> statusTaskId() {
    return Optional.ofNullable(taskId);
  }
}
