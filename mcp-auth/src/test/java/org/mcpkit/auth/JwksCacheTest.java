package org.mcpkit.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mcpkit.auth.contract.AuthorizationServer;
import org.mcpkit.auth.internal.JwksCache;
import org.mcpkit.server.auth.TokenRejectedException;
import org.mcpkit.server.observe.AuthFailure;

/**
 * The key cache behind {@link JwtAuthenticator}, against a loopback key-set endpoint that counts
 * its fetches and can be taken down: a thousand concurrent requests with a new {@code kid} cause
 * one fetch; cached keys keep validating while the endpoint is down; refresh-ahead runs in the
 * background.
 */
class JwksCacheTest {
  private static final String ISSUER = "https://as.example.com";
  private static final String RESOURCE = "https://mcp.example.com/mcp";

  private HttpServer server;
  private final AtomicInteger fetches = new AtomicInteger();
  private final AtomicReference<String> keySet = new AtomicReference<>();
  private volatile boolean down;
  private URI jwks;
  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.now());
  private final Clock clock = new Clock() {
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
      return now.get();
    }
  };

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext("/jwks", exchange -> {
      fetches.incrementAndGet();
      byte[] body = keySet.get().getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(down ? 503 : 200, down ? -1 : body.length);
      if (!down) {
        exchange.getResponseBody().write(body);
      }
      exchange.close();
    });
    server.start();
    jwks = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/jwks");
  }

  @AfterEach
  void stop() {
    server.stop(0);
    ((ExecutorService) server.getExecutor()).shutdownNow();
  }

  private JwtAuthenticator authenticator(java.util.concurrent.Executor refresher) {
    return JwtAuthenticator.builder(URI.create(ISSUER), URI.create(RESOURCE))
        .jwksUri(jwks)
        .clock(clock)
        .refresher(refresher)
        .jwksCacheTtl(Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofSeconds(30))
        .build();
  }

  private String token(RSAKey key, String subject) throws Exception {
    Instant t = now.get();
    return AuthorizationServer.forge(key, new com.nimbusds.jwt.JWTClaimsSet.Builder()
        .issuer(ISSUER).audience(RESOURCE).subject(subject).claim("scope", "mcp")
        .expirationTime(java.util.Date.from(t.plusSeconds(3600))).build());
  }

  @Test
  void aThousandConcurrentRequestsWithANewKidCauseOneFetch() throws Exception {
    RSAKey k1 = new RSAKeyGenerator(2048).keyID("k1").generate();
    RSAKey k2 = new RSAKeyGenerator(2048).keyID("k2").generate();
    keySet.set(new JWKSet(k1.toPublicJWK()).toString());
    JwtAuthenticator auth = authenticator(Runnable::run);
    assertEquals("alice", auth.authenticate(token(k1, "alice")).subject());
    assertEquals(1, fetches.get());
    keySet.set(new JWKSet(List.of(k1.toPublicJWK(), k2.toPublicJWK())).toString());
    now.set(now.get().plusSeconds(31)); // the last fetch is older than the rate limit
    String rotated = token(k2, "bob");
    ExecutorService pool = Executors.newFixedThreadPool(32);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < 1000; i++) {
        results.add(pool.submit(() -> {
          go.await();
          return auth.authenticate(rotated).subject();
        }));
      }
      go.countDown();
      for (Future<String> f : results) {
        assertEquals("bob", f.get(30, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(2, fetches.get(), "one fetch for the thousand");
    assertEquals(2, auth.keySetFetches());
  }

  @Test
  void cachedKeysKeepWorkingWhileTheKeySetIsDownAndUnknownKidsStayRefused() throws Exception {
    RSAKey k1 = new RSAKeyGenerator(2048).keyID("k1").generate();
    RSAKey stranger = new RSAKeyGenerator(2048).keyID("k9").generate();
    keySet.set(new JWKSet(k1.toPublicJWK()).toString());
    JwtAuthenticator auth = authenticator(Runnable::run);
    assertEquals("alice", auth.authenticate(token(k1, "alice")).subject());
    down = true;
    now.set(now.get().plus(Duration.ofMinutes(10))); // past the TTL: the refresh fails, the keys stay
    assertEquals("alice", auth.authenticate(token(k1, "alice")).subject());
    assertEquals(2, fetches.get(), "the refresh-ahead was tried once");
    now.set(now.get().plusSeconds(31));
    TokenRejectedException e = org.junit.jupiter.api.Assertions.assertThrows(
        TokenRejectedException.class, () -> auth.authenticate(token(stranger, "mallory")));
    assertEquals(AuthFailure.Reason.INVALID_TOKEN, e.reason());
    assertEquals(3, fetches.get(), "one refetch for the unknown kid, which failed");
    assertEquals("alice", auth.authenticate(token(k1, "alice")).subject());
    org.junit.jupiter.api.Assertions.assertThrows(TokenRejectedException.class, () -> auth.authenticate(token(stranger, "mallory")));
    assertEquals(3, fetches.get(), "rate limited");
  }

  @Test
  void refreshAheadReplacesTheKeySetInTheBackground() throws Exception {
    RSAKey k1 = new RSAKeyGenerator(2048).keyID("k1").generate();
    RSAKey k2 = new RSAKeyGenerator(2048).keyID("k2").generate();
    keySet.set(new JWKSet(k1.toPublicJWK()).toString());
    List<Runnable> queued = new ArrayList<>();
    JwtAuthenticator auth = authenticator(queued::add);
    auth.authenticate(token(k1, "alice"));
    now.set(now.get().plus(Duration.ofSeconds(4 * 60 + 35))); // inside the refresh-ahead window
    keySet.set(new JWKSet(List.of(k1.toPublicJWK(), k2.toPublicJWK())).toString());
    assertEquals("alice", auth.authenticate(token(k1, "alice")).subject());
    assertEquals(1, queued.size(), "one background refresh scheduled");
    assertEquals("alice", auth.authenticate(token(k1, "alice")).subject());
    assertEquals(1, queued.size(), "not twice");
    assertEquals(1, fetches.get(), "nothing fetched on the request's thread");
    queued.get(0).run();
    assertEquals(2, fetches.get());
    assertEquals("bob", auth.authenticate(token(k2, "bob")).subject(), "the new key is known without a refetch");
    assertEquals(2, fetches.get());
  }

  @Test
  void theCacheAloneCountsItsFetches() {
    JwksCache cache = new JwksCache(() -> { throw new java.io.IOException("down"); }, clock,
        Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofSeconds(30), Runnable::run);
    assertEquals(List.of(), cache.keys("k1"));
    assertEquals(List.of(), cache.keys("k1"));
    assertEquals(1, cache.fetches(), "a failed first load is rate limited as well");
  }
}
