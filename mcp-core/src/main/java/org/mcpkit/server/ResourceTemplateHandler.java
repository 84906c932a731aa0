package org.mcpkit.server;

import java.util.Map;
import org.mcpkit.protocol.ReadResourceResult;

/**
 * Reads a resource matched by a URI template. Throw {@link McpException#resourceNotFound} when
 * the variables name nothing.
 */
@FunctionalInterface
public interface ResourceTemplateHandler {
  /** Reads the resource; {@code variables} holds the decoded template variables. */
  ReadResourceResult read(RequestContext context, String uri, Map<String, String> variables)
      throws Exception;
}
