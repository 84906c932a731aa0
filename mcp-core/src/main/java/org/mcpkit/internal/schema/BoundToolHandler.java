package org.mcpkit.internal.schema;

import org.mcpkit.protocol.CallToolRequest;
import org.mcpkit.protocol.CallToolResult;
import org.mcpkit.server.RequestContext;
import org.mcpkit.server.ToolHandler;

/**
 * A tool handler whose arguments are bound to a record (and so already checked); the dispatcher
 * validates every other tool's arguments against its declared schema.
 */
@FunctionalInterface
public interface BoundToolHandler extends ToolHandler {
  @Override
  CallToolResult call(RequestContext context, CallToolRequest request) throws Exception;
}
