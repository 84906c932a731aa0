package org.mcpkit.internal.schema;

import java.util.Map;
import org.mcpkit.protocol.CallToolResult;
import org.mcpkit.server.RequestContext;
import org.mcpkit.server.ToolHandler;

/**
 * A tool handler that binds the argument map to a record (and so checks it) before calling the
 * typed handler; the dispatcher validates every other tool's arguments against its declared
 * schema. Thread-safe when the typed handler it wraps is.
 */
@FunctionalInterface
public interface BoundToolHandler extends ToolHandler<Map<String, Object>> {
  @Override
  CallToolResult call(RequestContext context, Map<String, Object> arguments) throws Exception;
}
