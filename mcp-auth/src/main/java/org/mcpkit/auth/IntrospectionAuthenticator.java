package org.mcpkit.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.mcpkit.auth.internal.Discovery;
import org.mcpkit.auth.internal.Fetcher;
import org.mcpkit.auth.internal.TokenCache;
import org.mcpkit.server.AccessToken;
import org.mcpkit.server.auth.Authenticator;
import org.mcpkit.server.auth.TokenRejectedException;
import org.mcpkit.server.observe.AuthFailure;
import org.mcpkit.server.secret.SecretUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates opaque (or any) access tokens by asking the authorization server (RFC 7662 token
 * introspection): a POST of the token to its introspection endpoint (found through RFC 8414 /
 * OpenID discovery unless {@linkplain Builder#introspectionEndpoint given}), authenticated with
 * this server's {@link ClientCredentials}. A token is accepted when the answer says {@code
 * "active": true}, names a {@code sub}, an {@code iss} (when present) exactly the issuer, an
 * {@code aud} (a string or an array) containing the resource (RFC 8707; see {@link
 * Builder#allowMissingAudience}), and an {@code exp} (when present) in the future within the skew.
 * Scopes come from {@code scope}.
 *
 * <p>Accepted answers are cached by the token's SHA-256 (the token is never kept) no longer than
 * the token's {@code exp} and at most {@linkplain Builder#maxCacheTime the maximum} (default 5
 * minutes; a revoked token stops working within it); concurrent requests with one token cause one
 * introspection; refusals and failures are not cached. A failed introspection (network, status,
 * body) is a refusal with reason {@code OTHER}, logged once at WARN without the token. Calls block
 * on the network (bounded by {@link Builder#httpTimeout}); the endpoint calls authenticators only
 * off its I/O threads. Thread-safe.
 */
public final class IntrospectionAuthenticator implements Authenticator {
  private static final Logger LOG = LoggerFactory.getLogger(IntrospectionAuthenticator.class);
  private static final ObjectMapper MAPPER = new ObjectMapper();
  /** Tokens longer than this are refused unsent. */
  private static final int MAX_TOKEN_CHARS = 8192;

  private final String issuer;
  private final String resource;
  private final ClientCredentials credentials;
  private final URI fixedEndpoint;
  private final Duration skew;
  private final Duration maxCache;
  private final boolean allowMissingAudience;
  private final Clock clock;
  private final Fetcher fetcher;
  private final TokenCache cache;
  private volatile URI discovered;

  private IntrospectionAuthenticator(Builder b) {
    this.issuer = b.issuer;
    this.resource = b.resource;
    this.credentials = b.credentials;
    this.fixedEndpoint = b.endpoint;
    this.skew = b.skew;
    this.maxCache = b.maxCache;
    this.allowMissingAudience = b.allowMissingAudience;
    this.clock = b.clock;
    this.fetcher = new Fetcher(b.httpTimeout);
    this.cache = new TokenCache(b.clock, b.maxEntries);
  }

  /**
   * A builder for tokens of {@code issuer} issued for {@code resource} (the server's public
   * canonical URL), introspected as the client {@code credentials}.
   */
  public static Builder builder(URI issuer, URI resource, ClientCredentials credentials) {
    return new Builder(issuer, resource, credentials);
  }

  /** How many answers are cached now (tests, metrics). */
  public int cachedTokens() {
    return cache.size();
  }

  @Override
  public AccessToken authenticate(String token) {
    Objects.requireNonNull(token, "token");
    if (token.isEmpty() || token.length() > MAX_TOKEN_CHARS) {
      throw new TokenRejectedException(AuthFailure.Reason.INVALID_TOKEN);
    }
    return cache.get(token, this::introspect);
  }

  private TokenCache.Entry introspect(String token) {
    JsonNode answer;
    try {
      String form = "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8) + "&token_type_hint=access_token";
      answer = MAPPER.readTree(fetcher.postForm(endpoint(), form, credentials.authorization()));
    } catch (SecretUnavailableException e) {
      LOG.warn("Token introspection impossible: the client secret {} is unavailable ({})", e.secretName(), e.problem());
      throw new TokenRejectedException(AuthFailure.Reason.OTHER);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      LOG.warn("Token introspection answered unreadable JSON"); // its message would quote the answer
      throw new TokenRejectedException(AuthFailure.Reason.OTHER);
    } catch (IOException e) {
      // the fetcher's message names a status or a URL, never the token (it travels only in the body)
      LOG.warn("Token introspection failed ({}: {})", e.getClass().getSimpleName(), e.getMessage());
      throw new TokenRejectedException(AuthFailure.Reason.OTHER);
    } catch (RuntimeException e) {
      LOG.warn("Token introspection failed ({})", e.getClass().getName());
      throw new TokenRejectedException(AuthFailure.Reason.OTHER);
    }
    if (answer == null || !answer.isObject()) {
      LOG.warn("Token introspection answered something other than a JSON object");
      throw new TokenRejectedException(AuthFailure.Reason.OTHER);
    }
    return check(answer);
  }

  private TokenCache.Entry check(JsonNode answer) {
    if (!answer.path("active").isBoolean() || !answer.path("active").asBoolean()) {
      throw new TokenRejectedException(AuthFailure.Reason.INVALID_TOKEN);
    }
    JsonNode iss = answer.get("iss");
    if (iss != null && !(iss.isTextual() && issuer.equals(iss.asText()))) {
      throw new TokenRejectedException(AuthFailure.Reason.INVALID_TOKEN);
    }
    List<String> audience = strings(answer.get("aud"));
    if (audience.isEmpty() ? !allowMissingAudience : !audience.contains(resource)) {
      throw new TokenRejectedException(AuthFailure.Reason.WRONG_AUDIENCE);
    }
    Instant now = clock.instant();
    Instant exp = epochSeconds(answer.get("exp"));
    if (exp != null && !now.isBefore(exp.plus(skew))) {
      throw new TokenRejectedException(AuthFailure.Reason.EXPIRED_TOKEN);
    }
    Instant nbf = epochSeconds(answer.get("nbf"));
    if (nbf != null && now.isBefore(nbf.minus(skew))) {
      throw new TokenRejectedException(AuthFailure.Reason.EXPIRED_TOKEN);
    }
    JsonNode sub = answer.get("sub");
    if (sub == null || !sub.isTextual() || sub.asText().isEmpty()) {
      throw new TokenRejectedException(AuthFailure.Reason.INVALID_TOKEN);
    }
    Set<String> scopes = new LinkedHashSet<>();
    JsonNode scope = answer.get("scope");
    if (scope != null && scope.isTextual()) {
      for (String part : scope.asText().trim().split(" +")) {
        if (!part.isEmpty()) {
          scopes.add(part);
        }
      }
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> claims = MAPPER.convertValue(answer, LinkedHashMap.class);
    AccessToken.Builder b = AccessToken.builder(sub.asText()).issuer(issuer).scopes(scopes).audience(audience).claims(claims);
    Instant until = now.plus(maxCache);
    if (exp != null) {
      b.expiresAt(exp);
      if (exp.isBefore(until)) {
        until = exp;
      }
    }
    return new TokenCache.Entry(b.build(), until);
  }

  private URI endpoint() throws IOException {
    if (fixedEndpoint != null) {
      return fixedEndpoint;
    }
    URI uri = discovered;
    if (uri == null) {
      uri = Discovery.endpoint(fetcher, issuer, "introspection_endpoint");
      discovered = uri;
    }
    return uri;
  }

  private static List<String> strings(JsonNode node) {
    List<String> out = new ArrayList<>();
    if (node == null) {
      return out;
    }
    if (node.isTextual()) {
      out.add(node.asText());
    } else if (node.isArray()) {
      for (JsonNode n : node) {
        if (n.isTextual()) {
          out.add(n.asText());
        }
      }
    }
    return out;
  }

  /** A NumericDate (seconds since the epoch, RFC 7662 §2.2), or null when absent or not a number. */
  private static Instant epochSeconds(JsonNode node) {
    if (node == null || !node.isNumber()) {
      return null;
    }
    return Instant.ofEpochSecond(node.asLong());
  }

  /** Builds an {@link IntrospectionAuthenticator}. Not thread-safe. */
  public static final class Builder {
    private final String issuer;
    private final String resource;
    private final ClientCredentials credentials;
    private URI endpoint;
    private Duration skew = Duration.ofSeconds(30);
    private Duration maxCache = Duration.ofMinutes(5);
    private int maxEntries = 10_000;
    private boolean allowMissingAudience;
    private Clock clock = Clock.systemUTC();
    private Duration httpTimeout = Duration.ofSeconds(5);

    private Builder(URI issuer, URI resource, ClientCredentials credentials) {
      this.issuer = Objects.requireNonNull(issuer, "issuer").toString();
      this.resource = Objects.requireNonNull(resource, "resource").toString();
      this.credentials = Objects.requireNonNull(credentials, "credentials");
    }

    /** The introspection endpoint, skipping discovery. */
    public Builder introspectionEndpoint(URI uri) {
      this.endpoint = Objects.requireNonNull(uri, "uri");
      return this;
    }

    /** Tolerance for {@code exp} and {@code nbf} (default 30 s, at most 5 minutes). */
    public Builder clockSkew(Duration skew) {
      if (skew.isNegative() || skew.compareTo(Duration.ofMinutes(5)) > 0) {
        throw new IllegalArgumentException("clock skew must be between 0 and 5 minutes");
      }
      this.skew = skew;
      return this;
    }

    /**
     * How long an accepted answer is reused at most (default 5 minutes; never past the token's
     * {@code exp}); {@code maxEntries} answers at most (default 10,000).
     */
    public Builder maxCacheTime(Duration maxCache, int maxEntries) {
      if (maxCache.isNegative() || maxEntries < 1) {
        throw new IllegalArgumentException("cache time must not be negative, entries positive");
      }
      this.maxCache = maxCache;
      this.maxEntries = maxEntries;
      return this;
    }

    /**
     * Accept an answer without {@code aud}: for authorization servers that leave it out and
     * instead answer {@code active} only for tokens meant for the introspecting client. An answer
     * with an {@code aud} must still name the resource. Off by default.
     */
    public Builder allowMissingAudience() {
      this.allowMissingAudience = true;
      return this;
    }

    /** The clock for {@code exp}/{@code nbf} and the cache (tests). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Connect and request timeout of each discovery or introspection call (default 5 s). */
    public Builder httpTimeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive");
      }
      this.httpTimeout = timeout;
      return this;
    }

    /** Builds the authenticator; nothing is fetched until the first token. */
    public IntrospectionAuthenticator build() {
      return new IntrospectionAuthenticator(this);
    }
  }
}
