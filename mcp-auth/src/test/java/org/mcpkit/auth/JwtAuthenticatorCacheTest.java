package org.mcpkit.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mcpkit.auth.contract.AuthorizationServer;
import org.mcpkit.server.AccessToken;
import org.mcpkit.server.auth.TokenRejectedException;
import org.mcpkit.server.observe.AuthFailure;

/**
 * {@link JwtAuthenticator}'s cache of accepted tokens: the same token again is the same answer
 * until the cache's age limit or the token's {@code exp} (plus the skew), whichever is first;
 * refused tokens are not kept; size 0 turns it off. The key set comes from a loopback server.
 */
class JwtAuthenticatorCacheTest {
  private static final String ISSUER = "https://as.example.com";
  private static final String RESOURCE = "https://mcp.example.com/mcp";

  private final MovableClock clock = new MovableClock(Instant.parse("2026-12-04T12:00:00Z"));
  private final AtomicInteger keySetRequests = new AtomicInteger();
  private RSAKey key;
  private volatile byte[] keySet;
  private HttpServer jwks;

  @BeforeEach
  void start() throws Exception {
    key = new RSAKeyGenerator(2048).keyID("k1").generate();
    keySet = new JWKSet(List.of(key.toPublicJWK())).toString().getBytes(StandardCharsets.UTF_8);
    jwks = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    jwks.createContext("/jwks", ex -> {
      keySetRequests.incrementAndGet();
      byte[] set = keySet;
      ex.sendResponseHeaders(200, set.length);
      ex.getResponseBody().write(set);
      ex.close();
    });
    jwks.start();
  }

  @AfterEach
  void stop() {
    jwks.stop(0);
  }

  /**
   * Loads the key set with another token: a token validated while the key set is being (re)fetched
   * is not kept past that change, so the tests start with the set in place.
   */
  private JwtAuthenticator warm(JwtAuthenticator a) throws Exception {
    a.authenticate(token("warm-up", Duration.ofHours(1)));
    return a;
  }

  private JwtAuthenticator.Builder builder() {
    return JwtAuthenticator.builder(URI.create(ISSUER), URI.create(RESOURCE))
        .jwksUri(URI.create("http://127.0.0.1:" + jwks.getAddress().getPort() + "/jwks"))
        .jwksCacheTtl(Duration.ofDays(1), Duration.ofSeconds(30), Duration.ofSeconds(30))
        .clock(clock);
  }

  private String token(String subject, Duration lifetime) throws Exception {
    Instant now = clock.instant();
    return AuthorizationServer.forge(key, new JWTClaimsSet.Builder()
        .issuer(ISSUER).audience(RESOURCE).subject(subject).claim("scope", "mcp  notes:read")
        .issueTime(Date.from(now)).notBeforeTime(Date.from(now.minusSeconds(5)))
        .expirationTime(Date.from(now.plus(lifetime))).build());
  }

  @Test
  void theSameTokenAgainIsTheSameAnswerUntilTheAgeLimit() throws Exception {
    JwtAuthenticator a = warm(builder().validatedTokenCache(100, Duration.ofSeconds(60)).build());
    String t = token("ada", Duration.ofHours(1));
    AccessToken first = a.authenticate(t);
    assertEquals("ada", first.subject());
    assertEquals(java.util.Set.of("mcp", "notes:read"), first.scopes());
    clock.advance(Duration.ofSeconds(59));
    assertSame(first, a.authenticate(t));
    clock.advance(Duration.ofSeconds(1)); // 60 s after it was accepted: validated again
    AccessToken again = a.authenticate(t);
    assertNotSame(first, again);
    assertEquals(first, again);
    assertEquals(1, keySetRequests.get());
    assertEquals(1, a.keySetFetches());
  }

  @Test
  void aCachedTokenStillExpiresAtItsExpPlusTheSkew() throws Exception {
    JwtAuthenticator a = warm(builder().validatedTokenCache(100, Duration.ofMinutes(10)).clockSkew(Duration.ofSeconds(30)).build());
    String t = token("bob", Duration.ofSeconds(20));
    AccessToken first = a.authenticate(t);
    clock.advance(Duration.ofSeconds(49)); // exp + 29 s
    assertSame(first, a.authenticate(t));
    clock.advance(Duration.ofSeconds(1)); // exp + 30 s
    TokenRejectedException e = assertThrows(TokenRejectedException.class, () -> a.authenticate(t));
    assertEquals(AuthFailure.Reason.EXPIRED_TOKEN, e.reason());
  }

  @Test
  void refusedTokensAreNotKeptAndSizeZeroTurnsTheCacheOff() throws Exception {
    JwtAuthenticator a = builder().validatedTokenCache(100, Duration.ofMinutes(1)).build();
    String good = token("carol", Duration.ofHours(1));
    String tampered = good.substring(0, good.length() - 4) + (good.endsWith("AAAA") ? "BBBB" : "AAAA");
    for (int i = 0; i < 2; i++) {
      TokenRejectedException e = assertThrows(TokenRejectedException.class, () -> a.authenticate(tampered));
      assertEquals(AuthFailure.Reason.INVALID_TOKEN, e.reason());
    }
    JwtAuthenticator off = warm(builder().validatedTokenCache(0, Duration.ofMinutes(1)).build());
    AccessToken first = off.authenticate(good);
    AccessToken second = off.authenticate(good);
    assertNotSame(first, second);
    assertEquals(first, second);
  }

  @Test
  void theDefaultKeepsAcceptedTokensForAMinute() throws Exception {
    JwtAuthenticator a = warm(builder().build());
    String t = token("dave", Duration.ofHours(1));
    AccessToken first = a.authenticate(t);
    clock.advance(Duration.ofSeconds(59));
    assertSame(first, a.authenticate(t));
    clock.advance(Duration.ofSeconds(1));
    assertNotSame(first, a.authenticate(t));
  }

  @Test
  void aKeySetChangeDropsKeptTokens() throws Exception {
    JwtAuthenticator a = warm(builder().build());
    String old = token("erin", Duration.ofHours(1));
    AccessToken first = a.authenticate(old);
    assertSame(first, a.authenticate(old));
    RSAKey retired = key;
    key = new RSAKeyGenerator(2048).keyID("k2").generate(); // the issuer rotates: only k2 is published
    keySet = new JWKSet(List.of(key.toPublicJWK())).toString().getBytes(StandardCharsets.UTF_8);
    clock.advance(Duration.ofSeconds(31)); // past the refetch rate limit
    assertEquals("erin", a.authenticate(token("erin", Duration.ofHours(1))).subject()); // unknown kid: one refetch
    assertEquals(2, a.keySetFetches());
    TokenRejectedException e = assertThrows(TokenRejectedException.class, () -> a.authenticate(old));
    assertEquals(AuthFailure.Reason.INVALID_TOKEN, e.reason(), "signed with " + retired.getKeyID() + ", gone from the set");
    assertEquals(2, a.keySetFetches(), "rate limited: no second refetch");
  }

  @Test
  void badCacheSettingsAreRefused() {
    assertEquals("maxTokens must not be negative, maxAge must be positive",
        assertThrows(IllegalArgumentException.class, () -> builder().validatedTokenCache(-1, Duration.ofMinutes(1))).getMessage());
    assertEquals("maxTokens must not be negative, maxAge must be positive",
        assertThrows(IllegalArgumentException.class, () -> builder().validatedTokenCache(10, Duration.ZERO)).getMessage());
  }

  /** A clock that moves only when the test says. */
  private static final class MovableClock extends Clock {
    private volatile Instant now;

    MovableClock(Instant start) {
      now = start;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneId.of("UTC");
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
