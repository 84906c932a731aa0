package org.mcpkit.internal.dispatch;

/**
 * Ends a handler that asked for input the client has not supplied yet. Carries no stack trace;
 * the dispatcher reads the missing inputs from the context, so a handler that catches and
 * swallows this still ends with an input-required result.
 */
final class InputRequiredSignal extends RuntimeException {
  private static final long serialVersionUID = 1L;

  InputRequiredSignal() {
    super("input required", null, false, false);
  }
}
