package org.mcpkit.server;

import org.mcpkit.protocol.ReadResourceResult;

/** Reads a fixed resource. Called on the server's executor; may block. */
@FunctionalInterface
public interface ResourceHandler {
  /** Reads the resource with the given URI. */
  ReadResourceResult read(RequestContext context, String uri) throws Exception;
}
