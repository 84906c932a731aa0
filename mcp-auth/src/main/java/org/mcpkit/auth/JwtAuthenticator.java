package org.mcpkit.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.mcpkit.auth.internal.Discovery;
import org.mcpkit.auth.internal.Fetcher;
import org.mcpkit.auth.internal.JwksCache;
import org.mcpkit.auth.internal.TokenCache;
import org.mcpkit.server.AccessToken;
import org.mcpkit.server.auth.Authenticator;
import org.mcpkit.server.auth.TokenRejectedException;
import org.mcpkit.server.observe.AuthFailure;

/**
 * Validates JWT access tokens (RFC 9068) issued by one authorization server for this resource:
 * a JWS (never {@code alg: none}) with an allowed asymmetric algorithm (RS256, RS384, RS512,
 * PS256, PS384, PS512, ES256, ES384, ES512 by default; HMAC is never allowed, so a token "signed"
 * with the public key fails), whose signature verifies with one of the issuer's keys (found
 * through RFC 8414 / OpenID discovery unless {@linkplain Builder#jwksUri given}, cached; see
 * {@link Builder#jwksCacheTtl}); {@code iss} exactly the issuer; {@code aud} containing the
 * resource (RFC 8707); {@code exp} required and {@code nbf} honoured with a small {@linkplain
 * Builder#clockSkew skew}; {@code sub} present; {@code typ} {@code at+jwt} when {@linkplain
 * Builder#requireAccessTokenType required}. Scopes come from {@code scope} (space separated) or
 * {@code scp}. A token accepted once is kept, by its SHA-256, for a short while (never past its
 * {@code exp}, never across a change of the cached key set; see {@link
 * Builder#validatedTokenCache}), so a client repeating it skips the signature check. Thread-safe;
 * calls may block on the key-set fetch (bounded by {@link Builder#httpTimeout}) and on another
 * thread's check of the same token.
 */
public final class JwtAuthenticator implements Authenticator {
  private static final Set<JWSAlgorithm> DEFAULT_ALGORITHMS = Set.of(
      JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
      JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512,
      JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512);
  private static final JOSEObjectType AT_JWT = new JOSEObjectType("at+jwt");
  private static final JOSEObjectType APPLICATION_AT_JWT = new JOSEObjectType("application/at+jwt");
  /** Tokens longer than this are refused unparsed. */
  private static final int MAX_TOKEN_CHARS = 8192;
  private static final java.util.regex.Pattern SPACES = java.util.regex.Pattern.compile(" +");

  private final String issuer;
  private final String resource;
  private final Set<JWSAlgorithm> algorithms;
  private final Duration skew;
  private final boolean requireType;
  private final Clock clock;
  private final JwksCache keys;
  /** Accepted tokens by digest; null when the cache is off. */
  private final TokenCache validated;
  private final Duration validatedMaxAge;

  private JwtAuthenticator(Builder b) {
    this.issuer = b.issuer;
    this.resource = b.resource;
    this.algorithms = Set.copyOf(b.algorithms);
    this.skew = b.skew;
    this.requireType = b.requireType;
    this.clock = b.clock;
    Fetcher fetcher = new Fetcher(b.httpTimeout);
    URI fixed = b.jwksUri;
    JwksCache.Source source = () -> {
      URI uri = fixed != null ? fixed : Discovery.jwksUri(fetcher, issuer);
      return JWKSet.parse(new String(fetcher.get(uri), java.nio.charset.StandardCharsets.UTF_8));
    };
    this.keys = new JwksCache(source, b.clock, b.ttl, b.refreshAhead, b.minRefetch, b.refresher != null ? b.refresher : ownRefresher());
    this.validated = b.validatedMaxTokens > 0 ? new TokenCache(b.clock, b.validatedMaxTokens) : null;
    this.validatedMaxAge = b.validatedMaxAge;
  }

  private static Executor ownRefresher() {
    ExecutorService e = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "mcpkit-jwks-refresh");
      t.setDaemon(true);
      return t;
    });
    return e;
  }

  /**
   * A builder for tokens of {@code issuer} (its exact {@code iss}) issued for {@code resource} (the
   * server's public canonical URL, as in {@link org.mcpkit.server.auth.ResourceServer#resource()}).
   */
  public static Builder builder(URI issuer, URI resource) {
    return new Builder(issuer, resource);
  }

  /** How many key-set fetches were tried (tests, metrics). */
  public long keySetFetches() {
    return keys.fetches();
  }

  @Override
  public AccessToken authenticate(String token) {
    Objects.requireNonNull(token, "token");
    if (token.length() > MAX_TOKEN_CHARS) {
      throw new TokenRejectedException(AuthFailure.Reason.INVALID_TOKEN);
    }
    if (validated == null) {
      return validate(token);
    }
    // Refusals are not kept; an accepted token until its exp (with the skew) or the cache's age
    // limit, and only while the key set it was verified with is the cached one (a rotation that
    // drops its key refuses it at once, as without the cache).
    long keySet = keys.version();
    return validated.get(token, t -> {
      long before = keys.version();
      AccessToken accepted = validate(t);
      Instant until = accepted.expiresAt().orElseThrow().plus(skew);
      Instant limit = clock.instant().plus(validatedMaxAge);
      return new TokenCache.Entry(accepted, until.isBefore(limit) ? until : limit, before);
    }, keySet);
  }

  private AccessToken validate(String token) {
    SignedJWT jwt;
    JWTClaimsSet claims;
    try {
      jwt = SignedJWT.parse(token);
      claims = jwt.getJWTClaimsSet();
    } catch (ParseException | RuntimeException e) {
      throw new TokenRejectedException(AuthFailure.Reason.INVALID_TOKEN); // alg none, not a JWS, broken JSON
    }
    JWSHeader header = jwt.getHeader();
    if (!algorithms.contains(header.getAlgorithm())) {
      throw new TokenRejectedException(AuthFailure.Reason.INVALID_TOKEN);
    }
    JOSEObjectType type = header.getType();
    if (requireType && !AT_JWT.equals(type) && !APPLICATION_AT_JWT.equals(type)) {
      throw new TokenRejectedException(AuthFailure.Reason.INVALID_TOKEN);
    }
    if (!verified(jwt, header)) {
      throw new TokenRejectedException(AuthFailure.Reason.INVALID_TOKEN);
    }
    if (!issuer.equals(claims.getIssuer())) {
      throw new TokenRejectedException(AuthFailure.Reason.INVALID_TOKEN);
    }
    if (claims.getAudience() == null || !claims.getAudience().contains(resource)) {
      throw new TokenRejectedException(AuthFailure.Reason.WRONG_AUDIENCE);
    }
    Instant now = clock.instant();
    Date exp = claims.getExpirationTime();
    if (exp == null || !now.isBefore(exp.toInstant().plus(skew))) {
      throw new TokenRejectedException(AuthFailure.Reason.EXPIRED_TOKEN);
    }
    Date nbf = claims.getNotBeforeTime();
    if (nbf != null && now.isBefore(nbf.toInstant().minus(skew))) {
      throw new TokenRejectedException(AuthFailure.Reason.EXPIRED_TOKEN);
    }
    String subject = claims.getSubject();
    if (subject == null || subject.isEmpty()) {
      throw new TokenRejectedException(AuthFailure.Reason.INVALID_TOKEN);
    }
    return AccessToken.builder(subject)
        .issuer(issuer)
        .scopes(scopes(claims))
        .audience(claims.getAudience())
        .expiresAt(exp.toInstant())
        .claims(claims.toJSONObject())
        .build();
  }

  /** Whether a key of the issuer with the token's {@code kid} (any, without one) verifies it. */
  private boolean verified(SignedJWT jwt, JWSHeader header) {
    JWSAlgorithm alg = header.getAlgorithm();
    for (JWK key : keys.keys(header.getKeyID())) {
      if (key.getAlgorithm() != null && !key.getAlgorithm().equals(alg)) {
        continue;
      }
      try {
        JWSVerifier verifier;
        if (JWSAlgorithm.Family.RSA.contains(alg) && key instanceof RSAKey rsa) {
          verifier = new RSASSAVerifier(rsa);
        } else if (JWSAlgorithm.Family.EC.contains(alg) && key instanceof ECKey ec) {
          verifier = new ECDSAVerifier(ec);
        } else {
          continue;
        }
        if (jwt.verify(verifier)) {
          return true;
        }
      } catch (JOSEException | RuntimeException e) {
        // a key that cannot verify this token: try the next
      }
    }
    return false;
  }

  private static Set<String> scopes(JWTClaimsSet claims) {
    Set<String> out = new LinkedHashSet<>();
    Object scope = claims.getClaim("scope");
    Object scp = claims.getClaim("scp");
    for (Object value : new Object[] {scope, scp}) {
      if (value instanceof String s) {
        for (String part : SPACES.split(s.trim())) {
          if (!part.isEmpty()) {
            out.add(part);
          }
        }
      } else if (value instanceof List<?> list) {
        for (Object o : list) {
          if (o instanceof String s && !s.isEmpty()) {
            out.add(s);
          }
        }
      }
    }
    return out;
  }

  /** Builds a {@link JwtAuthenticator}. Not thread-safe. */
  public static final class Builder {
    private final String issuer;
    private final String resource;
    private final Set<JWSAlgorithm> algorithms = new LinkedHashSet<>(DEFAULT_ALGORITHMS);
    private Duration skew = Duration.ofSeconds(30);
    private boolean requireType;
    private Clock clock = Clock.systemUTC();
    private Duration httpTimeout = Duration.ofSeconds(5);
    private Duration ttl = Duration.ofMinutes(5);
    private Duration refreshAhead = Duration.ofSeconds(30);
    private Duration minRefetch = Duration.ofSeconds(30);
    private URI jwksUri;
    private Executor refresher;
    private int validatedMaxTokens = 10_000;
    private Duration validatedMaxAge = Duration.ofMinutes(1);

    private Builder(URI issuer, URI resource) {
      this.issuer = Objects.requireNonNull(issuer, "issuer").toString();
      this.resource = Objects.requireNonNull(resource, "resource").toString();
    }

    /**
     * Only these algorithms (names as in JWA: {@code RS256}, {@code ES256}, ...); asymmetric RSA
     * and EC ones only.
     */
    public Builder algorithms(String... names) {
      List<JWSAlgorithm> chosen = new ArrayList<>();
      for (String n : names) {
        JWSAlgorithm a = JWSAlgorithm.parse(n);
        if (!DEFAULT_ALGORITHMS.contains(a)) {
          throw new IllegalArgumentException("not an allowed asymmetric algorithm: " + n);
        }
        chosen.add(a);
      }
      if (chosen.isEmpty()) {
        throw new IllegalArgumentException("at least one algorithm");
      }
      algorithms.clear();
      algorithms.addAll(chosen);
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

    /** Require the {@code typ} header {@code at+jwt} (RFC 9068 §4); off by default. */
    public Builder requireAccessTokenType() {
      this.requireType = true;
      return this;
    }

    /** The clock for {@code exp}/{@code nbf} and the key cache (tests). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Connect and request timeout of each metadata or key-set fetch (default 5 s). */
    public Builder httpTimeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive");
      }
      this.httpTimeout = timeout;
      return this;
    }

    /**
     * How long a fetched key set is fresh (default 5 minutes); {@code refreshAhead} before that a
     * request that used it triggers one background refresh (default 30 s); an unknown {@code kid}
     * causes at most one refetch per {@code minRefetch} (default 30 s).
     */
    public Builder jwksCacheTtl(Duration ttl, Duration refreshAhead, Duration minRefetch) {
      if (ttl.isNegative() || ttl.isZero() || refreshAhead.isNegative() || minRefetch.isNegative()) {
        throw new IllegalArgumentException("cache durations must not be negative, ttl positive");
      }
      this.ttl = ttl;
      this.refreshAhead = refreshAhead;
      this.minRefetch = minRefetch;
      return this;
    }

    /** The key-set URL, skipping discovery. */
    public Builder jwksUri(URI uri) {
      this.jwksUri = Objects.requireNonNull(uri, "uri");
      return this;
    }

    /** Runs background key-set refreshes (default: one daemon thread of the authenticator's own). */
    public Builder refresher(Executor executor) {
      this.refresher = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /**
     * Keeps up to {@code maxTokens} accepted tokens, by SHA-256 (the token itself is not kept), each
     * for at most {@code maxAge} and never past its {@code exp} plus the skew: the same token again
     * is answered without parsing or checking its signature. Refused tokens are never kept. Default
     * 10,000 tokens, 1 minute; {@code maxTokens} 0 turns the cache off. Whenever the cached key set
     * is replaced (a refresh, or the refetch for an unknown {@code kid}) every kept token is checked
     * again on its next use, so a key that left the issuer's set is refused as without the cache.
     */
    public Builder validatedTokenCache(int maxTokens, Duration maxAge) {
      if (maxTokens < 0 || maxAge.isNegative() || maxAge.isZero()) {
        throw new IllegalArgumentException("maxTokens must not be negative, maxAge must be positive");
      }
      this.validatedMaxTokens = maxTokens;
      this.validatedMaxAge = maxAge;
      return this;
    }

    /** Builds the authenticator; nothing is fetched until the first token. */
    public JwtAuthenticator build() {
      return new JwtAuthenticator(this);
    }
  }
}
