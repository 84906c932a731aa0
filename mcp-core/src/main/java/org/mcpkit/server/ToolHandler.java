package org.mcpkit.server;

import org.mcpkit.protocol.CallToolResult;

/**
 * Runs a tool: the one handler shape for every tool. Called on the server's executor; may block.
 * Several calls may run at once, so an implementation shared between them must be thread-safe.
 *
 * <p>The arguments never reach the handler unchecked. A tool with a raw JSON Schema ({@link
 * ToolSpec#of}) gets a {@code ToolHandler<Map<String, Object>>}: the read-only argument map (empty
 * when the client sent none) after it was checked against the schema. A typed tool ({@link
 * ToolSpec#typed}) gets the arguments bound to its record. Either way, invalid arguments produce
 * an {@code isError} result naming every problem, and the handler is not called. Everything else
 * about the request (id, protocol revision, client capabilities, {@code _meta}, progress, log
 * messages, questions to the user) is on the {@link RequestContext}.
 *
 * <p>Return {@link CallToolResult#error} for failures the model should see; throw {@link
 * McpException} for a protocol error. Any other exception becomes an {@code isError} result with a
 * generic text (the details are logged).
 *
 * @param <A> the argument type: {@code Map<String, Object>} for a raw-schema tool, the argument
 *     record for a typed tool
 */
@FunctionalInterface
public interface ToolHandler<A> {
  /**
   * Handles one call.
   *
   * @param context the request being served, and how to talk back to the client
   * @param arguments the checked arguments
   * @return the result; never null
   * @throws Exception a failure, reported as described above
   */
  CallToolResult call(RequestContext context, A arguments) throws Exception;
}
