package org.mcpkit.server.task;

/** The state of a task; the last three are terminal. */
public enum TaskStatus {
  /** The handler is running (or about to run again with new answers). */
  WORKING("working"),
  /** The handler needs answers from the client ({@code tasks/update}). */
  INPUT_REQUIRED("input_required"),
  /**
   * The handler returned a result (also an {@code isError} one, as the 2026-07-28 extension says;
   * a 2025-11-25 session is shown such a task as {@code failed}, as that revision says).
   */
  COMPLETED("completed"),
  /** The handler ended with a JSON-RPC error. */
  FAILED("failed"),
  /** The client cancelled the task before it ended. */
  CANCELLED("cancelled");

  private final String wire;

  TaskStatus(String wire) {
    this.wire = wire;
  }

  /** The status as sent on the wire. */
  public String wire() {
    return wire;
  }

  /** Whether the task has ended (completed, failed or cancelled). */
  public boolean isTerminal() {
    return this == COMPLETED || this == FAILED || this == CANCELLED;
  }
}
