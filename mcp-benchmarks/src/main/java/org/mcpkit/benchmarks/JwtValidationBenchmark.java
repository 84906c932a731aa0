package org.mcpkit.benchmarks;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.mcpkit.auth.JwtAuthenticator;
import org.mcpkit.server.AccessToken;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What {@code JwtAuthenticator} costs per request once the issuer's keys are cached: parsing the
 * JWT, checking header and claims, verifying the signature. {@link #rs256} is an RSA-2048
 * signature, {@link #es256} a P-256 one, both with the cache of accepted tokens off (every call
 * validates); {@link #rs256Repeated} is the default authenticator seeing the same token again (a
 * hit in that cache). The key set is served once from a loopback HTTP server during setup; no
 * request fetches.
 */
@State(Scope.Benchmark)
public class JwtValidationBenchmark {
  private static final String ISSUER = "https://as.example.com";
  private static final String RESOURCE = "https://mcp.example.com/mcp";

  private HttpServer jwks;
  private JwtAuthenticator authenticator;
  private JwtAuthenticator caching;
  private String rsToken;
  private String esToken;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    RSAKey rsa = new RSAKeyGenerator(2048).keyID("rsa").generate();
    ECKey ec = new ECKeyGenerator(Curve.P_256).keyID("ec").generate();
    byte[] set = new JWKSet(List.of(rsa.toPublicJWK(), ec.toPublicJWK())).toString().getBytes(StandardCharsets.UTF_8);
    jwks = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    jwks.createContext("/jwks", ex -> {
      ex.sendResponseHeaders(200, set.length);
      ex.getResponseBody().write(set);
      ex.close();
    });
    jwks.start();
    URI jwksUri = URI.create("http://127.0.0.1:" + jwks.getAddress().getPort() + "/jwks");
    authenticator = JwtAuthenticator.builder(URI.create(ISSUER), URI.create(RESOURCE))
        .jwksUri(jwksUri)
        .validatedTokenCache(0, java.time.Duration.ofMinutes(1))
        .build();
    caching = JwtAuthenticator.builder(URI.create(ISSUER), URI.create(RESOURCE)).jwksUri(jwksUri).build();
    JWTClaimsSet claims = new JWTClaimsSet.Builder()
        .issuer(ISSUER).audience(RESOURCE).subject("alice").claim("scope", "mcp notes:read")
        .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(24 * 3600))).build();
    SignedJWT rs = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa").type(new JOSEObjectType("at+jwt")).build(), claims);
    rs.sign(new RSASSASigner(rsa));
    rsToken = rs.serialize();
    SignedJWT es = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("ec").type(new JOSEObjectType("at+jwt")).build(), claims);
    es.sign(new ECDSASigner(ec));
    esToken = es.serialize();
    authenticator.authenticate(rsToken); // loads the key set
    caching.authenticate(rsToken);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    jwks.stop(0);
  }

  @Benchmark
  public AccessToken rs256() {
    return authenticator.authenticate(rsToken);
  }

  @Benchmark
  public AccessToken rs256Repeated() {
    return caching.authenticate(rsToken);
  }

  @Benchmark
  public AccessToken es256() {
    return authenticator.authenticate(esToken);
  }
}
