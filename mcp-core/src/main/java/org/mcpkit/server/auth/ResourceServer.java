package org.mcpkit.server.auth;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Makes the HTTP endpoint an OAuth 2.1 resource server: every MCP request (both eras, Streamable
 * HTTP and HTTP+SSE) must carry a bearer token in its {@code Authorization} header that the {@link
 * Authenticator} accepts and that grants the {@linkplain Builder#requiredScopes required scopes}
 * plus those the operation declares ({@code McpServer.Builder.tool(spec, scopes...)} and friends).
 * A missing or refused token is answered 401, a token lacking scopes 403, each with a {@code
 * WWW-Authenticate: Bearer} challenge naming the {@linkplain #metadataUrl() metadata URL} (RFC 6750,
 * RFC 9728). The endpoint serves the protected-resource metadata document at {@code
 * /.well-known/oauth-protected-resource} and at that path suffixed with the resource's path.
 *
 * <p>{@link #resource()} is the public canonical URL of the MCP endpoint as clients reach it
 * (behind a TLS-terminating load balancer, the {@code https://} name, not the address the server
 * sees); tokens must be issued for it. Immutable.
 *
 * @param authenticator validates tokens
 * @param resource the public canonical URL of the MCP endpoint (absolute, no query or fragment)
 * @param authorizationServers issuers clients obtain tokens from (at least one)
 * @param requiredScopes scopes every request needs
 * @param scopesSupported scopes listed in the metadata (empty: the field is left out)
 * @param resourceName a human-readable name listed in the metadata, if any
 */
public record ResourceServer(
    Authenticator authenticator,
    URI resource,
    List<URI> authorizationServers,
    Set<String> requiredScopes,
    List<String> scopesSupported,
    Optional<String> resourceName) {

  /** The well-known path of RFC 9728. */
  public static final String WELL_KNOWN = "/.well-known/oauth-protected-resource";

  /** Validates and copies. */
  public ResourceServer {
    Objects.requireNonNull(authenticator, "authenticator");
    Objects.requireNonNull(resource, "resource");
    if (!resource.isAbsolute() || resource.getRawAuthority() == null
        || !("https".equals(resource.getScheme()) || "http".equals(resource.getScheme()))) {
      throw new IllegalArgumentException("resource must be an absolute http(s) URL");
    }
    if (resource.getRawQuery() != null || resource.getRawFragment() != null) {
      throw new IllegalArgumentException("resource must have no query and no fragment");
    }
    authorizationServers = List.copyOf(authorizationServers);
    if (authorizationServers.isEmpty()) {
      throw new IllegalArgumentException("at least one authorization server is required");
    }
    requiredScopes = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(requiredScopes));
    for (String s : requiredScopes) {
      checkScope(s);
    }
    scopesSupported = List.copyOf(scopesSupported);
    for (String s : scopesSupported) {
      checkScope(s);
    }
    Objects.requireNonNull(resourceName, "resourceName");
  }

  /** A builder for {@code resource} (the public canonical URL) validated by {@code authenticator}. */
  public static Builder builder(Authenticator authenticator, URI resource) {
    return new Builder(authenticator, resource);
  }

  /** Checks a scope token (RFC 6749 §3.3: printable ASCII without space, quote or backslash). */
  static void checkScope(String scope) {
    if (scope.isEmpty()) {
      throw new IllegalArgumentException("empty scope");
    }
    for (int i = 0; i < scope.length(); i++) {
      char c = scope.charAt(i);
      if (c < 0x21 || c > 0x7e || c == '"' || c == '\\') {
        throw new IllegalArgumentException("invalid scope: " + scope);
      }
    }
  }

  /** The resource's path without a trailing slash ({@code ""} for the root). */
  private String resourcePath() {
    String path = resource.getRawPath() == null ? "" : resource.getRawPath();
    return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  /**
   * The public URL of the metadata document named in challenges: the resource's origin, the
   * well-known path, then the resource's path (RFC 9728 §3.1).
   */
  public String metadataUrl() {
    return resource.getScheme() + "://" + resource.getRawAuthority() + WELL_KNOWN + resourcePath();
  }

  /** The paths the endpoint serves the metadata document at: the well-known one and its path-suffixed form. */
  public Set<String> metadataPaths() {
    Set<String> paths = new LinkedHashSet<>();
    paths.add(WELL_KNOWN);
    paths.add(WELL_KNOWN + resourcePath());
    return Set.copyOf(paths);
  }

  /** Builds a {@link ResourceServer}. Not thread-safe. */
  public static final class Builder {
    private final Authenticator authenticator;
    private final URI resource;
    private final List<URI> authorizationServers = new ArrayList<>();
    private final Set<String> requiredScopes = new LinkedHashSet<>();
    private final List<String> scopesSupported = new ArrayList<>();
    private String resourceName;

    private Builder(Authenticator authenticator, URI resource) {
      this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
      this.resource = Objects.requireNonNull(resource, "resource");
    }

    /** Adds an authorization server (its issuer URL) listed in the metadata. */
    public Builder authorizationServer(URI issuer) {
      authorizationServers.add(Objects.requireNonNull(issuer, "issuer"));
      return this;
    }

    /** Scopes every request needs (in addition to those of the operation). */
    public Builder requiredScopes(String... scopes) {
      requiredScopes.addAll(List.of(scopes));
      return this;
    }

    /** Scopes listed as {@code scopes_supported} in the metadata. */
    public Builder scopesSupported(String... scopes) {
      scopesSupported.addAll(List.of(scopes));
      return this;
    }

    /** A human-readable name listed in the metadata. */
    public Builder resourceName(String name) {
      this.resourceName = Objects.requireNonNull(name, "name");
      return this;
    }

    /** Builds the configuration. */
    public ResourceServer build() {
      return new ResourceServer(
          authenticator, resource, authorizationServers, requiredScopes, scopesSupported, Optional.ofNullable(resourceName));
    }
  }
}
