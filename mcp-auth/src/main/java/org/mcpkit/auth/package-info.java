/**
 * JWT access tokens (RFC 9068) for an mcpkit resource server: {@link org.mcpkit.auth.JwtAuthenticator}
 * finds the issuer's keys through RFC 8414 / OpenID discovery, caches them, and validates issuer,
 * audience, algorithm, signature and time claims. Plug it into {@link
 * org.mcpkit.server.auth.ResourceServer}.
 */
package org.mcpkit.auth;
