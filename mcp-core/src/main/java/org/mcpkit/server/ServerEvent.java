package org.mcpkit.server;

import java.util.Objects;
import java.util.Optional;

/**
 * A change that subscribers may be told about: a list changed, or a resource was updated.
 *
 * @param kind what changed
 * @param uri the resource URI for {@link Kind#RESOURCE_UPDATED}; null otherwise (wire-like value)
 */
public record ServerEvent(Kind kind, String uri) {
  /** What changed. */
  public enum Kind {
    /** The tool list changed. */
    TOOLS_LIST_CHANGED,
    /** The prompt list changed. */
    PROMPTS_LIST_CHANGED,
    /** The resource list changed. */
    RESOURCES_LIST_CHANGED,
    /** One resource changed. */
    RESOURCE_UPDATED
  }

  /** Creates an event. */
  public ServerEvent {
    Objects.requireNonNull(kind, "kind");
    if ((kind == Kind.RESOURCE_UPDATED) != (uri != null)) {
      throw new IllegalArgumentException("uri is required exactly for RESOURCE_UPDATED");
    }
  }

  /** An event without a URI. */
  public static ServerEvent of(Kind kind) {
    return new ServerEvent(kind, null);
  }

  /** A resource-updated event. */
  public static ServerEvent resourceUpdated(String uri) {
    return new ServerEvent(Kind.RESOURCE_UPDATED, Objects.requireNonNull(uri, "uri"));
  }

  /** The URI, for resource updates. */
  public Optional<String> resourceUri() {
    return Optional.ofNullable(uri);
  }
}
