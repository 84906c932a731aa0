package org.mcpkit.server;

import org.mcpkit.protocol.CompleteRequest;
import org.mcpkit.protocol.CompleteResult;

/** Suggests values for a prompt or resource-template argument. */
@FunctionalInterface
public interface CompletionHandler {
  /** Returns at most 100 suggestions. */
  CompleteResult complete(RequestContext context, CompleteRequest request) throws Exception;
}
