package org.mcpkit.internal.dispatch;

/**
 * How a handler in a 2025-era session asks the client (elicitation, sampling, roots): a real
 * server-to-client request, answered before the handler goes on. {@link LegacyChannel} sends it
 * on the call's own stream; {@link TaskChannel} inside a task, where the call has already been
 * answered.
 */
interface SessionChannel {
  /** The session asked. */
  LegacySession session();

  /**
   * Sends the request and waits for the client's result; {@link org.mcpkit.server.McpException}
   * when it cannot be sent, is answered with an error or not in time.
   */
  Object request(String method, Object params) throws InterruptedException;
}
