package org.mcpkit.internal.task;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.mcpkit.server.task.TaskRecord;
import org.mcpkit.server.task.TaskStore;

/**
 * {@link TaskStore} in one JVM: a map in creation order under one lock (every operation is a few
 * map steps). Expired tasks are dropped when met and, when the store is full, swept before a new
 * one is refused.
 */
public final class InMemoryTaskStore implements TaskStore {
  private final int maxTasks;
  private final Map<String, TaskRecord> tasks = new LinkedHashMap<>();

  /** A store holding at most {@code maxTasks} tasks. */
  public InMemoryTaskStore(int maxTasks) {
    this.maxTasks = maxTasks;
  }

  @Override
  public synchronized Created create(TaskRecord task, int maxActivePerOwner, Instant now) {
    if (tasks.size() >= maxTasks) {
      sweep(now);
      if (tasks.size() >= maxTasks) {
        return Created.FULL;
      }
    }
    int active = 0;
    for (Iterator<TaskRecord> it = tasks.values().iterator(); it.hasNext(); ) {
      TaskRecord t = it.next();
      if (expired(t, now)) {
        it.remove();
      } else if (t.owner().equals(task.owner()) && !t.status().isTerminal()) {
        active++;
      }
    }
    if (active >= maxActivePerOwner) {
      return Created.OWNER_LIMIT;
    }
    if (tasks.putIfAbsent(task.taskId(), task) != null) {
      throw new IllegalStateException("duplicate task id");
    }
    return Created.CREATED;
  }

  @Override
  public synchronized Optional<TaskRecord> get(String taskId, Instant now) {
    TaskRecord t = tasks.get(taskId);
    if (t != null && expired(t, now)) {
      tasks.remove(taskId);
      return Optional.empty();
    }
    return Optional.ofNullable(t);
  }

  @Override
  public synchronized Optional<TaskRecord> update(String taskId, UnaryOperator<TaskRecord> change, Instant now) {
    Optional<TaskRecord> current = get(taskId, now);
    if (current.isEmpty()) {
      return current;
    }
    TaskRecord next = change.apply(current.get());
    if (next == null || !next.taskId().equals(taskId)) {
      throw new IllegalArgumentException("an update must keep the task");
    }
    tasks.put(taskId, next);
    return Optional.of(next);
  }

  @Override
  public synchronized List<TaskRecord> list(String owner, Position after, int limit, Instant now) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive");
    }
    List<TaskRecord> mine = new ArrayList<>();
    for (Iterator<TaskRecord> it = tasks.values().iterator(); it.hasNext(); ) {
      TaskRecord t = it.next();
      if (expired(t, now)) {
        it.remove();
      } else if (t.owner().equals(owner) && Position.of(t).compareTo(after) > 0) {
        mine.add(t);
      }
    }
    mine.sort(Comparator.comparing(Position::of));
    return List.copyOf(mine.subList(0, Math.min(limit, mine.size())));
  }

  /** Number of tasks held, expired ones included until they are met (tests). */
  public synchronized int size() {
    return tasks.size();
  }

  private void sweep(Instant now) {
    tasks.values().removeIf(t -> expired(t, now));
  }

  private static boolean expired(TaskRecord t, Instant now) {
    return now.isAfter(t.expiresAt());
  }
}
