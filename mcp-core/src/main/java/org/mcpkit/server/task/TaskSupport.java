package org.mcpkit.server.task;

/**
 * Whether a tool's calls may run as tasks, declared when the tool is registered ({@code
 * ToolSpec.withTaskSupport}). The handler is the same either way: a call that becomes a task runs
 * it in the background, and the client fetches the result with {@code tasks/get}.
 */
public enum TaskSupport {
  /** Never a task: every call answers with its result (the default). */
  FORBIDDEN,
  /**
   * A task when the request declares the tasks extension in its client capabilities; otherwise
   * the call runs as usual and answers with its result.
   */
  OPTIONAL,
  /**
   * Always a task: a 2026-07-28 request that does not declare the tasks extension is refused with
   * -32021 naming the extension. 2025-era sessions run the call as usual.
   */
  REQUIRED
}
