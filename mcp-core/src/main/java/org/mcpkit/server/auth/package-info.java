/**
 * OAuth 2.1 resource-server support of the HTTP endpoint, framework-free: the {@link
 * org.mcpkit.server.auth.Authenticator} SPI (a bearer token in, an {@link
 * org.mcpkit.server.AccessToken} out), and {@link org.mcpkit.server.auth.ResourceServer}, which
 * configures the endpoint's challenges (RFC 6750, RFC 9728) and its protected-resource metadata.
 * JWT validation against an issuer's keys lives in the {@code mcp-auth} module.
 */
package org.mcpkit.server.auth;
