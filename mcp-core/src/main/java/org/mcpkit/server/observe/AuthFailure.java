package org.mcpkit.server.observe;

import java.util.Objects;

/**
 * A request whose credentials were refused: reported by the HTTP endpoint's bearer-token check (an
 * {@code Authenticator} set on the endpoint) for every 401 and 403 it answers.
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
