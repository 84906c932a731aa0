package org.mcpkit.server;

import java.util.Objects;
import org.mcpkit.protocol.Resource;

/**
 * A fixed resource and the code that reads it. Immutable.
 *
 * @param resource the resource as listed to clients
 * @param handler the code; called with an empty variable map
 */
public record ResourceSpec(Resource resource, ResourceHandler handler) {
  /** Creates a spec. */
  public ResourceSpec {
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(handler, "handler");
  }

  /** Creates a spec. */
  public static ResourceSpec of(Resource resource, ResourceHandler handler) {
    return new ResourceSpec(resource, handler);
  }
}
