package org.mcpkit.internal.dispatch;

import java.util.concurrent.Future;

/** A running call: cancellation stops the handler and silences the sink. */
final class CallImpl implements Call {
  private final GuardedSink sink;
  private final boolean subscription;
  private volatile boolean cancelled;
  private volatile Future<?> future;
  private volatile AutoCloseable resource;
  private volatile Runnable onEnd;

  CallImpl(GuardedSink sink, boolean subscription) {
    this.sink = sink;
    this.subscription = subscription;
  }

  void attach(Future<?> future) {
    this.future = future;
    if (cancelled) {
      future.cancel(true);
    }
  }

  void attach(AutoCloseable resource) {
    this.resource = resource;
    if (cancelled) {
      closeQuietly(resource);
    }
  }

  void onEnd(Runnable onEnd) {
    this.onEnd = onEnd;
  }

  boolean isCancelled() {
    return cancelled;
  }

  @Override
  public void cancel() {
    if (cancelled) {
      return;
    }
    cancelled = true;
    boolean unanswered = sink.close();
    Future<?> f = future;
    if (f != null) {
      f.cancel(true);
    }
    AutoCloseable r = resource;
    if (r != null) {
      closeQuietly(r);
    }
    Runnable end = onEnd;
    if (end != null) {
      end.run();
    }
    if (unanswered) {
      sink.cancelled();
    }
  }

  @Override
  public boolean isDone() {
    return cancelled || sink.isClosed();
  }

  @Override
  public boolean isSubscription() {
    return subscription;
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      // closing a subscription handle cannot fail in a way the caller could act on
    }
  }
}
