package org.mcpkit.internal.dispatch;

/** A dispatched request. */
public interface Call {
  /**
   * Cancels the request: its handler is interrupted, and nothing more reaches the sink. Safe to
   * call more than once and after completion.
   */
  void cancel();

  /** True once the call answered or was cancelled: nothing more will come from it. */
  boolean isDone();

  /** True for long-lived subscription streams ({@code subscriptions/listen}). */
  boolean isSubscription();
}
