package org.mcpkit.internal.dispatch;

import java.security.Principal;
import java.util.Optional;

/**
 * Per-request facts a transport knows: the authenticated principal (if any) and a key that
 * scopes request ids for cancellation (the stdio process, an HTTP session).
 *
 * @param principal the authenticated principal, or null
 * @param scope an object identifying the connection or session; ids are unique within it
 */
public record TransportContext(Principal principal, Object scope) {
  /** A context with no principal and a fresh scope. */
  public static TransportContext anonymous() {
    return new TransportContext(null, new Object());
  }

  /** The principal, if the transport authenticated one. */
  public Optional<Principal> principalOptional() {
    return Optional.ofNullable(principal);
  }
}
