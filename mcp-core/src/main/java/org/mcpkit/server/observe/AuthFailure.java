package org.mcpkit.server.observe;

import java.util.Objects;

/**
 * A request whose credentials were refused. Reported by an authenticator of the HTTP endpoint; the
 * engine has none yet (OAuth resource-server support adds one), so nothing reports this today.
 *
 * @param transport where it arrived
 * @param reason why the credentials were refused
 */
public record AuthFailure(Transport transport, Reason reason) {
  /** Why credentials were refused. */
  public enum Reason {
    /** No credentials were sent. */
    MISSING_CREDENTIALS,
    /** The token could not be parsed or its signature did not verify. */
    INVALID_TOKEN,
    /** The token expired or is not valid yet. */
    EXPIRED_TOKEN,
    /** The token was issued for another resource (audience). */
    WRONG_AUDIENCE,
    /** The token lacks a scope the operation needs. */
    INSUFFICIENT_SCOPE,
    /** Any other refusal. */
    OTHER
  }

  /** Validates. */
  public AuthFailure {
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(reason, "reason");
  }
}
