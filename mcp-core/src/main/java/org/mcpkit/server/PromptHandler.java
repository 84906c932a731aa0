package org.mcpkit.server;

import org.mcpkit.protocol.GetPromptRequest;
import org.mcpkit.protocol.GetPromptResult;

/**
 * Renders a prompt. Required arguments declared on the prompt are checked before the call.
 */
@FunctionalInterface
public interface PromptHandler {
  /** Renders the prompt. */
  GetPromptResult get(RequestContext context, GetPromptRequest request) throws Exception;
}
