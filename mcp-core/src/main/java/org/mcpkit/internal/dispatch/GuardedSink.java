package org.mcpkit.internal.dispatch;

import org.mcpkit.jsonrpc.JsonRpcNotification;
import org.mcpkit.jsonrpc.JsonRpcResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serializes output of one call and enforces its end: nothing after the response or after
 * cancellation.
 */
final class GuardedSink implements ResponseSink {
  private static final Logger LOG = LoggerFactory.getLogger(GuardedSink.class);
  private final ResponseSink delegate;
  private volatile boolean closed;

  GuardedSink(ResponseSink delegate) {
    this.delegate = delegate;
  }

  @Override
  public synchronized void notification(JsonRpcNotification notification) {
    if (closed) {
      return;
    }
    try {
      delegate.notification(notification);
    } catch (RuntimeException e) {
      LOG.debug("Transport refused a notification", e);
    }
  }

  @Override
  public synchronized void response(JsonRpcResponse response) {
    if (closed) {
      return;
    }
    closed = true;
    try {
      delegate.response(response);
    } catch (RuntimeException e) {
      LOG.debug("Transport refused a response", e);
    }
  }

  /** Drops everything from now on; returns true if the call was still open. */
  synchronized boolean close() {
    boolean wasOpen = !closed;
    closed = true;
    return wasOpen;
  }

  /** Lock-free read, so callers holding their own locks never wait on a transport write. */
  boolean isClosed() {
    return closed;
  }
}
