package org.mcpkit.server;

import java.util.Map;
import org.mcpkit.protocol.ReadResourceResult;

/**
 * Reads a resource: the one handler shape for fixed resources ({@link ResourceSpec}) and resource
 * templates ({@link ResourceTemplateSpec}). Called on the server's executor; may block. Several
 * reads may run at once, so an implementation shared between them must be thread-safe.
 *
 * <p>Throw {@link McpException#resourceNotFound} when the URI (or the template variables) name
 * nothing.
 */
@FunctionalInterface
public interface ResourceHandler {
  /**
   * Reads the resource.
   *
   * @param context the request being served, and how to talk back to the client
   * @param uri the URI the client asked for
   * @param variables the decoded template variables (read-only); empty for a fixed resource
   * @return the contents; never null
   * @throws Exception a failure; any exception other than {@link McpException} is logged and
   *     answered with a generic internal error
   */
  ReadResourceResult read(RequestContext context, String uri, Map<String, String> variables)
      throws Exception;
}
