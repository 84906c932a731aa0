package org.mcpkit.server;

import org.mcpkit.protocol.CallToolRequest;
import org.mcpkit.protocol.CallToolResult;

/**
 * Runs a tool. Called on the server's executor; may block. Return {@link CallToolResult#error}
 * for failures the model should see; throw {@link McpException} for a protocol error. Any other
 * exception becomes an {@code isError} result with a generic text (the details are logged).
 */
@FunctionalInterface
public interface ToolHandler {
  /** Handles one call. */
  CallToolResult call(RequestContext context, CallToolRequest request) throws Exception;
}
