package org.mcpkit.server.auth;

import org.mcpkit.server.AccessToken;

/**
 * Turns the bearer token of a request into an {@link AccessToken}, or refuses it. The HTTP
 * endpoint calls it for every MCP request of both eras and both HTTP transports before anything
 * else is done with the request, always on a thread that may block (never a non-blocking I/O
 * thread): an implementation may fetch keys or introspect over the network, within bounded
 * timeouts. Implementations are thread-safe.
 *
 * <p>The token reaching here came from the {@code Authorization} header only and is well formed
 * (RFC 6750 {@code b64token}); an implementation never logs it, never puts it in an exception, and
 * checks that it was issued for this server (its audience, RFC 8707).
 */
@FunctionalInterface
public interface Authenticator {
  /**
   * Validates {@code token}.
   *
   * @return the token's principal
   * @throws TokenRejectedException when the token is not valid for this server
   */
  AccessToken authenticate(String token);
}
