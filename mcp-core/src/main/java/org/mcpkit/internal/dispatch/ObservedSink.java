package org.mcpkit.internal.dispatch;

import org.mcpkit.jsonrpc.JsonRpcNotification;
import org.mcpkit.jsonrpc.JsonRpcRequest;
import org.mcpkit.jsonrpc.JsonRpcResponse;
import org.mcpkit.server.observe.RequestObservation;
import org.mcpkit.server.observe.RequestOutcome;

/**
 * Ends a request's observation when its answer goes out (before the transport gets it, so a client
 * that has the answer finds it counted) or when it is cancelled. Sits under the {@link GuardedSink},
 * which lets exactly one of the two through. Used only while an observer is attached.
 */
final class ObservedSink implements ResponseSink {
  private final ResponseSink delegate;
  private final RequestObservation observation;
  private final String method;

  ObservedSink(ResponseSink delegate, RequestObservation observation, String method) {
    this.delegate = delegate;
    this.observation = observation;
    this.method = method;
  }

  @Override
  public void notification(JsonRpcNotification notification) {
    delegate.notification(notification);
  }

  @Override
  public boolean request(JsonRpcRequest request) {
    return delegate.request(request);
  }

  @Override
  public void closeStream() {
    delegate.closeStream();
  }

  @Override
  public void cancelled() {
    observation.end(RequestOutcome.cancelled()); // guarded: never throws
    delegate.cancelled();
  }

  @Override
  public void response(JsonRpcResponse response) {
    observation.end(Observations.outcome(response, method)); // guarded: never throws
    delegate.response(response);
  }
}
