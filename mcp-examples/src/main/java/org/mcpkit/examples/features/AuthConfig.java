package org.mcpkit.examples.features;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.mcpkit.auth.JwtAuthenticator;
import org.mcpkit.server.auth.ResourceServer;

/**
 * Optional OAuth settings of the HTTP examples, from environment variables; off when {@code
 * MCP_AUTH_ISSUER} is unset:
 *
 * <ul>
 *   <li>{@code MCP_AUTH_ISSUER}: the authorization server's issuer URL (its exact {@code iss}); its
 *       keys are found through RFC 8414 / OpenID discovery
 *   <li>{@code MCP_PUBLIC_URL}: the public canonical URL of the MCP endpoint, as clients reach it
 *       (e.g. {@code https://mcp.example.com/mcp} behind a TLS-terminating load balancer); tokens must
 *       name it in {@code aud}; required with an issuer
 *   <li>{@code MCP_AUTH_SCOPE}: space-separated scopes every request needs (default none)
 * </ul>
 *
 * @param issuer the issuer, when auth is on
 * @param publicUrl the public canonical URL, when auth is on
 * @param scopes the scopes every request needs
 */
public record AuthConfig(Optional<URI> issuer, Optional<URI> publicUrl, java.util.List<String> scopes) {

  /** Copies. */
  public AuthConfig {
    scopes = java.util.List.copyOf(scopes);
  }

  /** Reads and checks the settings; IllegalArgumentException names the variable at fault. */
  public static AuthConfig fromEnv(Map<String, String> env) {
    String issuer = env.getOrDefault("MCP_AUTH_ISSUER", "").trim();
    if (issuer.isEmpty()) {
      return new AuthConfig(Optional.empty(), Optional.empty(), java.util.List.of());
    }
    URI iss = url("MCP_AUTH_ISSUER", issuer);
    String pub = env.getOrDefault("MCP_PUBLIC_URL", "").trim();
    if (pub.isEmpty()) {
      throw new IllegalArgumentException("MCP_PUBLIC_URL is required with MCP_AUTH_ISSUER");
    }
    URI publicUrl = url("MCP_PUBLIC_URL", pub);
    String scope = env.getOrDefault("MCP_AUTH_SCOPE", "").trim();
    java.util.List<String> scopes = scope.isEmpty() ? java.util.List.of() : java.util.List.of(scope.split(" +"));
    return new AuthConfig(Optional.of(iss), Optional.of(publicUrl), scopes);
  }

  private static URI url(String name, String value) {
    try {
      URI u = new URI(value);
      if (!("https".equals(u.getScheme()) || "http".equals(u.getScheme())) || u.getRawAuthority() == null
          || u.getRawQuery() != null || u.getRawFragment() != null) {
        throw new IllegalArgumentException(name + " must be an http(s) URL without query or fragment");
      }
      return u;
    } catch (java.net.URISyntaxException e) {
      throw new IllegalArgumentException(name + " must be an http(s) URL without query or fragment");
    }
  }

  /** The resource server these settings describe, when auth is on. */
  public Optional<ResourceServer> resourceServer() {
    if (issuer.isEmpty()) {
      return Optional.empty();
    }
    ResourceServer.Builder b = ResourceServer.builder(JwtAuthenticator.builder(issuer.get(), publicUrl.get()).build(), publicUrl.get())
        .authorizationServer(issuer.get())
        .requiredScopes(scopes.toArray(new String[0]));
    if (!scopes.isEmpty()) {
      b.scopesSupported(scopes.toArray(new String[0]));
    }
    return Optional.of(b.build());
  }
}
