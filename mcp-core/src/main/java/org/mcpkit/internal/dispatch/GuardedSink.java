package org.mcpkit.internal.dispatch;

import org.mcpkit.jsonrpc.JsonRpcNotification;
import org.mcpkit.jsonrpc.JsonRpcResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serializes output of one call and enforces its end: nothing after the response or after
 * cancellation. Deliveries hold this object's monitor while calling the transport, so transports
 * must never wait for it from their own threads; {@link #close()} is lock-free for that reason.
 */
final class GuardedSink implements ResponseSink {
  private static final Logger LOG = LoggerFactory.getLogger(GuardedSink.class);
  private final ResponseSink delegate;
  /** No more output may start. Volatile so {@link #close()} never waits for a delivery. */
  private volatile boolean ended;
  /** Set once the last output was handed to the transport (or the call was cancelled). */
  private volatile boolean closed;

  GuardedSink(ResponseSink delegate) {
    this.delegate = delegate;
  }

  @Override
  public synchronized void notification(JsonRpcNotification notification) {
    if (ended) {
      return;
    }
    try {
      delegate.notification(notification);
    } catch (RuntimeException e) {
      LOG.debug("Transport refused a notification", e);
    }
  }

  @Override
  public synchronized boolean request(org.mcpkit.jsonrpc.JsonRpcRequest request) {
    if (ended) {
      return false;
    }
    try {
      return delegate.request(request);
    } catch (RuntimeException e) {
      LOG.debug("Transport refused a request", e);
      return false;
    }
  }

  @Override
  public synchronized void closeStream() {
    if (!ended) {
      try {
        delegate.closeStream();
      } catch (RuntimeException e) {
        LOG.debug("Transport refused to close the stream", e);
      }
    }
  }

  @Override
  public synchronized void response(JsonRpcResponse response) {
    if (ended) {
      return;
    }
    ended = true;
    try {
      delegate.response(response);
    } catch (RuntimeException e) {
      LOG.debug("Transport refused a response", e);
    } finally {
      closed = true;
    }
  }

  /**
   * Drops everything from now on; returns true if the call was still open. Takes no lock: a
   * transport may cancel from a container thread while a delivery of this call is in progress.
   */
  boolean close() {
    boolean wasOpen = !ended;
    ended = true;
    closed = true;
    return wasOpen;
  }

  /** Tells the transport that no response will come. Lock-free, like {@link #close()}. */
  @Override
  public void cancelled() {
    try {
      delegate.cancelled();
    } catch (RuntimeException e) {
      LOG.debug("Transport failed to release a cancelled call", e);
    }
  }

  /** Lock-free read, so callers holding their own locks never wait on a transport write. */
  boolean isClosed() {
    return closed;
  }
}
