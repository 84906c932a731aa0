package org.mcpkit.server.task;

import java.time.Duration;
import java.util.Objects;

/**
 * How a server runs tasks: where they are stored, how long they are kept, the polling interval
 * suggested to clients, and how many unfinished tasks one principal may have. Immutable; set with
 * {@code McpServer.Builder.tasks(...)}.
 */
public final class TaskOptions {
  /** The extension id clients declare and the server advertises. */
  public static final String EXTENSION_ID = "io.modelcontextprotocol/tasks";

  private final TaskStore store;
  private final Duration ttl;
  private final Duration pollInterval;
  private final int maxActivePerPrincipal;

  private TaskOptions(Builder b) {
    this.store = b.store != null ? b.store : TaskStore.inMemory(b.maxTasks);
    this.ttl = b.ttl;
    this.pollInterval = b.pollInterval;
    this.maxActivePerPrincipal = b.maxActivePerPrincipal;
  }

  /** The defaults: in memory (10,000 tasks), kept one hour, poll every second, 32 unfinished per principal. */
  public static TaskOptions defaults() {
    return builder().build();
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Where tasks are stored. */
  public TaskStore store() {
    return store;
  }

  /** How long a task is kept after it was created. */
  public Duration ttl() {
    return ttl;
  }

  /** The polling interval suggested to clients. */
  public Duration pollInterval() {
    return pollInterval;
  }

  /** How many unfinished tasks one principal (or all anonymous clients together) may have. */
  public int maxActivePerPrincipal() {
    return maxActivePerPrincipal;
  }

  /** Builds {@link TaskOptions}. Not thread-safe. */
  public static final class Builder {
    private TaskStore store;
    private int maxTasks = 10_000;
    private Duration ttl = Duration.ofHours(1);
    private Duration pollInterval = Duration.ofSeconds(1);
    private int maxActivePerPrincipal = 32;

    private Builder() {}

    /** The store; shared by instances that answer for each other's tasks. Default: in memory. */
    public Builder store(TaskStore store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /** The capacity of the default in-memory store (ignored with {@link #store}). */
    public Builder maxTasks(int maxTasks) {
      if (maxTasks < 1) {
        throw new IllegalArgumentException("maxTasks must be positive");
      }
      this.maxTasks = maxTasks;
      return this;
    }

    /** How long a task is kept after it was created (whole milliseconds, at least one). */
    public Builder ttl(Duration ttl) {
      this.ttl = positive(ttl, "ttl");
      return this;
    }

    /** The polling interval suggested to clients (whole milliseconds, at least one). */
    public Builder pollInterval(Duration pollInterval) {
      this.pollInterval = positive(pollInterval, "pollInterval");
      return this;
    }

    /** How many unfinished tasks one principal may have; more are refused with a clear error. */
    public Builder maxActivePerPrincipal(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxActivePerPrincipal must be positive");
      }
      this.maxActivePerPrincipal = max;
      return this;
    }

    /** Builds the options. */
    public TaskOptions build() {
      return new TaskOptions(this);
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.toMillis() < 1) {
        throw new IllegalArgumentException(name + " must be at least one millisecond");
      }
      return Duration.ofMillis(d.toMillis());
    }
  }
}
