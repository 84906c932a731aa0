package org.mcpkit.server;

import org.mcpkit.protocol.CreateMessageResult;
import org.mcpkit.protocol.ElicitResult;
import org.mcpkit.protocol.ListRootsResult;

/** The answers to {@link RequestContext#inputs}, typed by the kind of question. Immutable. */
public interface InputResponses {
  /** The answer to the elicitation asked under {@code key}. */
  ElicitResult elicitation(String key);

  /** The answer to the sampling request asked under {@code key}. */
  CreateMessageResult sampling(String key);

  /** The answer to the roots request asked under {@code key}. */
  ListRootsResult roots(String key);
}
