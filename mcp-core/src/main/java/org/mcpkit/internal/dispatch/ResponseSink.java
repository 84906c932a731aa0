package org.mcpkit.internal.dispatch;

import org.mcpkit.jsonrpc.JsonRpcNotification;
import org.mcpkit.jsonrpc.JsonRpcResponse;

/**
 * Where the dispatcher sends the output of one request. Calls for one request are never
 * concurrent (the dispatcher serializes them), but may come from any thread. After {@link
 * #response} nothing more is sent; after the call is cancelled, nothing at all.
 */
public interface ResponseSink {
  /**
   * A request-scoped notification (progress, log message) or, on a subscription stream, a
   * subscription notification. Sent before the final response.
   */
  void notification(JsonRpcNotification notification);

  /**
   * Legacy era: a server-to-client request (elicitation, sampling, roots) related to this call,
   * sent on the call's own stream. Returns false when this transport cannot carry one here.
   */
  default boolean request(org.mcpkit.jsonrpc.JsonRpcRequest request) {
    return false;
  }

  /**
   * Legacy era over HTTP: ends the call's SSE connection now with a retry hint; what follows is
   * kept for the client to resume. Transports without resumable streams ignore it.
   */
  default void closeStream() {}

  /**
   * The call was cancelled before it answered (by the client, a disconnect, a drain or the end of
   * its session): no response will come, so the transport frees what it holds for the call. May
   * be called on any thread, also while another output of the call is being delivered.
   */
  default void cancelled() {}

  /**
   * While an observer is attached: the request's observation, given once before any output, so
   * the transport can enter it where it logs for the request (a stream writer's thread).
   */
  default void observed(org.mcpkit.server.observe.RequestObservation observation) {}

  /** The final response, sent exactly once unless the call is cancelled first. */
  void response(JsonRpcResponse response);
}
