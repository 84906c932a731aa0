package org.mcpkit.internal.dispatch;

import org.mcpkit.server.ToolSpec;
import org.mcpkit.server.task.TaskOptions;
import org.mcpkit.server.task.TaskSupport;

/**
 * The step of {@code tools/call} before the handler: a tool's intake questions are asked first
 * (input-required rounds for 2026-07-28 clients, server requests in a 2025-era session), then a
 * call the tasks extension covers becomes a task instead of running here.
 */
final class TaskCalls {
  /** Marker: the intake is not complete, answer input-required. */
  static final Object INPUT_REQUIRED = new Object();

  private TaskCalls() {}

  /**
   * Null to run the handler here; {@link #INPUT_REQUIRED} when intake answers are missing; else
   * the {@code CreateTaskResult} of the task just started.
   */
  static Object intakeOrTask(
      FeatureRouter.Invocation inv,
      ToolSpec spec,
      CallContext ctx,
      TaskRunner tasks,
      TaskMethods methods,
      LegacyTasks legacy) {
    if (!spec.intake().isEmpty()) {
      try {
        ctx.inputs(spec.intake());
      } catch (InputRequiredSignal signal) {
        return INPUT_REQUIRED;
      }
    }
    if (!inv.modern()) {
      // a 2025-11-25 session: a task when params.task asks for one (the experimental tasks)
      return LegacyTasks.serves(inv.meta().version(), legacy.catalog()) ? legacy.call(inv, spec, ctx.answers()) : null;
    }
    boolean task =
        inv.modern()
            && spec.taskSupport() != TaskSupport.FORBIDDEN
            && inv.meta().capabilities().hasExtension(TaskOptions.EXTENSION_ID);
    if (!task) {
      return null;
    }
    return methods.created(tasks.start(inv, spec, ctx.answers()));
  }
}
