package org.mcpkit.internal.dispatch;

import java.security.Principal;
import java.util.Optional;

/**
 * Per-request facts a transport knows: the authenticated principal (if any) and the connection
 * the request arrived on, which scopes request ids for cancellation and holds the legacy-era
 * session (a stdio process, an HTTP session).
 *
 * @param principal the authenticated principal, or null
 * @param connection the connection or session the request belongs to
 */
public record TransportContext(Principal principal, Connection connection) {
  /** Creates a context. */
  public TransportContext {
    java.util.Objects.requireNonNull(connection, "connection");
  }

  /** A context with no principal and a fresh connection. */
  public static TransportContext anonymous() {
    return new TransportContext(null, new Connection());
  }

  /** The principal, if the transport authenticated one. */
  public Optional<Principal> principalOptional() {
    return Optional.ofNullable(principal);
  }

  /** The legacy session of this connection, if {@code initialize} created one. */
  public LegacySession session() {
    return connection.session();
  }
}
