package org.mcpkit.server;

import org.mcpkit.protocol.CallToolResult;

/**
 * Runs a tool whose arguments are bound to a Java record. Invalid arguments never reach the
 * handler: the caller gets an {@code isError} result naming every problem.
 *
 * @param <A> the argument record type
 */
@FunctionalInterface
public interface TypedToolHandler<A extends Record> {
  /** Handles one call with bound arguments. */
  CallToolResult call(RequestContext context, A arguments) throws Exception;
}
