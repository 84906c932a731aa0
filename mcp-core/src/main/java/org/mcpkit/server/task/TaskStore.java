package org.mcpkit.server.task;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.mcpkit.internal.task.InMemoryTaskStore;

/**
 * Where tasks live, so that a task outlives the request that started it and any instance sharing
 * the store can answer for it. The engine passes its clock's {@code now} to every call; a store
 * treats a task as gone once {@code now} is past its {@link TaskRecord#expiresAt()}. Called on
 * handler threads only (never on an I/O thread); implementations must be thread-safe.
 */
public interface TaskStore {
  /** What {@link #create} did. */
  enum Created {
    /** Stored. */
    CREATED,
    /** Refused: the owner already has the most unfinished tasks allowed. */
    OWNER_LIMIT,
    /** Refused: the store holds as many tasks as it may. */
    FULL
  }

  /**
   * Stores a new task unless its owner already has {@code maxActivePerOwner} tasks that have not
   * ended (checked and stored atomically). Once this returns {@link Created#CREATED}, {@link #get}
   * finds the task on every instance sharing the store.
   */
  Created create(TaskRecord task, int maxActivePerOwner, Instant now);

  /** The task, unless unknown or expired. */
  Optional<TaskRecord> get(String taskId, Instant now);

  /**
   * Replaces the task atomically with {@code change.apply(current)}; returns the stored result, or
   * empty when the task is unknown or expired. {@code change} must be free of side effects: a
   * store may call it more than once.
   */
  Optional<TaskRecord> update(String taskId, UnaryOperator<TaskRecord> change, Instant now);

  /**
   * Up to {@code limit} live (unexpired) tasks of {@code owner} that come after {@code after}, in
   * the order of {@link Position}: creation time, then task id. Pages that follow each other see
   * every task of the owner that lived throughout, exactly once. Used for the {@code tasks/list}
   * of 2025-11-25 sessions.
   */
  List<TaskRecord> list(String owner, Position after, int limit, Instant now);

  /**
   * Where a listing stands: after the task created at {@code createdAt} with id {@code taskId}
   * (tasks are ordered by creation time, then id). {@link #FIRST} lies before every task.
   *
   * @param createdAt the creation time of the last task seen
   * @param taskId the id of the last task seen
   */
  record Position(Instant createdAt, String taskId) implements Comparable<Position> {
    /** Before every task. */
    public static final Position FIRST = new Position(Instant.MIN, "");

    /** Validates the components. */
    public Position {
      Objects.requireNonNull(createdAt, "createdAt");
      Objects.requireNonNull(taskId, "taskId");
    }

    /** The position of a task. */
    public static Position of(TaskRecord task) {
      return new Position(task.createdAt(), task.taskId());
    }

    /** Whether this is {@link #FIRST}. */
    public boolean isFirst() {
      return equals(FIRST);
    }

    @Override
    public int compareTo(Position other) {
      int c = createdAt.compareTo(other.createdAt);
      return c != 0 ? c : taskId.compareTo(other.taskId);
    }
  }

  /**
   * An in-memory store holding at most {@code maxTasks} tasks: expired ones are dropped as they
   * are met and whenever the store is full; a full store of live tasks refuses new ones.
   */
  static TaskStore inMemory(int maxTasks) {
    if (maxTasks < 1) {
      throw new IllegalArgumentException("maxTasks must be positive");
    }
    return new InMemoryTaskStore(maxTasks);
  }
}
