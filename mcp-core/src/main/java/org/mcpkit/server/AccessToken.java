package org.mcpkit.server;

import java.security.Principal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A validated bearer token: who it names and what it grants. It is the request's {@link Principal}
 * (its name is the subject), so legacy sessions and {@code requestState} are bound to the subject
 * and handlers read it through {@link RequestContext#accessToken()}. It holds no
 * token text. Immutable.
 *
 * @param subject the {@code sub} claim: whom the token was issued for (never empty)
 * @param issuer the {@code iss} claim, or empty when the authenticator has none
 * @param scopes the scopes granted
 * @param audience the {@code aud} values
 * @param expiresAt when the token expires, if it says
 * @param claims every claim the authenticator exposes (JSON values: strings, numbers, booleans,
 *     lists and maps)
 */
public record AccessToken(
    String subject,
    String issuer,
    Set<String> scopes,
    List<String> audience,
    Optional<Instant> expiresAt,
    Map<String, Object> claims)
    implements Principal {

  /** Validates and copies. */
  public AccessToken {
    Objects.requireNonNull(subject, "subject");
    if (subject.isEmpty()) {
      throw new IllegalArgumentException("subject must not be empty");
    }
    Objects.requireNonNull(issuer, "issuer");
    scopes = Collections.unmodifiableSet(new LinkedHashSet<>(Objects.requireNonNull(scopes, "scopes")));
    audience = List.copyOf(Objects.requireNonNull(audience, "audience"));
    Objects.requireNonNull(expiresAt, "expiresAt");
    claims = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(claims, "claims")));
  }

  /** A builder for a token naming {@code subject}. */
  public static Builder builder(String subject) {
    return new Builder(subject);
  }

  /** The subject. */
  @Override
  public String getName() {
    return subject;
  }

  /** Whether every one of {@code required} was granted. */
  public boolean hasScopes(Set<String> required) {
    return scopes.containsAll(required);
  }

  /** Builds an {@link AccessToken}. Not thread-safe. */
  public static final class Builder {
    private final String subject;
    private String issuer = "";
    private final Set<String> scopes = new LinkedHashSet<>();
    private final List<String> audience = new ArrayList<>();
    private Instant expiresAt;
    private final Map<String, Object> claims = new LinkedHashMap<>();

    private Builder(String subject) {
      this.subject = Objects.requireNonNull(subject, "subject");
    }

    /** The issuer. */
    public Builder issuer(String issuer) {
      this.issuer = Objects.requireNonNull(issuer, "issuer");
      return this;
    }

    /** Adds granted scopes. */
    public Builder scopes(java.util.Collection<String> scopes) {
      this.scopes.addAll(scopes);
      return this;
    }

    /** Adds granted scopes. */
    public Builder scopes(String... scopes) {
      return scopes(List.of(scopes));
    }

    /** Adds audience values. */
    public Builder audience(java.util.Collection<String> audience) {
      this.audience.addAll(audience);
      return this;
    }

    /** When the token expires. */
    public Builder expiresAt(Instant expiresAt) {
      this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
      return this;
    }

    /** Adds claims. */
    public Builder claims(Map<String, Object> claims) {
      this.claims.putAll(claims);
      return this;
    }

    /** Builds the token. */
    public AccessToken build() {
      return new AccessToken(subject, issuer, scopes, audience, Optional.ofNullable(expiresAt), claims);
    }
  }
}
