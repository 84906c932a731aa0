package org.mcpkit.auth.contract;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;

/**
 * A real OAuth 2.0 / OpenID authorization server (mock-oauth2-server) on 127.0.0.1, port 0, in this
 * JVM: discovery, JWKS and a token endpoint; its key can be rotated ({@link #keys}).
 */
public final class AuthorizationServer implements AutoCloseable {
  /** The issuer id (the last segment of the issuer URL). */
  public static final String ID = "mcp-as";

  /** The signing keys. */
  public final RotatingKeys keys = new RotatingKeys("key-1");
  private final MockOAuth2Server server;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** Starts the server. */
  public AuthorizationServer() throws Exception {
    OAuth2TokenProvider provider = new OAuth2TokenProvider(keys, Instant::now);
    server = new MockOAuth2Server(new OAuth2Config(false, null, null, false, provider));
    server.start(InetAddress.getByName("127.0.0.1"), 0);
  }

  /** The issuer URL. */
  public URI issuer() {
    return server.issuerUrl(ID).uri();
  }

  /**
   * A token from the token endpoint (client credentials grant; the client id {@code subject} is the subject) with {@code
   * scope}, issued for {@code audience}.
   */
  public String token(String subject, String audience, String scope) throws Exception {
    return token(subject, audience, scope, "at+jwt", 3600);
  }

  /**
   * As {@link #token(String, String, String)}, with the {@code typ} header {@code type} and a
   * lifetime of {@code seconds} (the server's introspection endpoint only knows tokens typed {@code JWT}).
   */
  public String token(String subject, String audience, String scope, String type, long seconds) throws Exception {
    server.enqueueCallback(new DefaultOAuth2TokenCallback(ID, subject, type, List.of(audience), Map.of("scope", scope), seconds));
    HttpRequest request = HttpRequest.newBuilder(server.tokenEndpointUrl(ID).uri())
        .timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(
            "grant_type=client_credentials&client_id=" + subject + "&client_secret=secret&scope=" + scope.replace(" ", "+")))
        .build();
    HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("token endpoint answered " + r.statusCode() + ": " + r.body());
    }
    return new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body()).get("access_token").asText();
  }

  /** A token signed with the current key, carrying exactly {@code claims}, typed {@code at+jwt}. */
  public String forge(JWTClaimsSet claims) throws Exception {
    return forge(keys.current(), claims);
  }

  /** A token signed with {@code key}, carrying exactly {@code claims}. */
  public static String forge(RSAKey key, JWTClaimsSet claims) throws Exception {
    SignedJWT jwt = new SignedJWT(
        new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(new JOSEObjectType("at+jwt")).build(), claims);
    jwt.sign(new RSASSASigner(key));
    return jwt.serialize();
  }

  /** Claims of a valid token: this issuer, {@code audience}, subject, scope, an hour left. */
  public JWTClaimsSet.Builder claims(String subject, String audience, String scope) {
    Instant now = Instant.now();
    return new JWTClaimsSet.Builder()
        .issuer(issuer().toString())
        .audience(audience)
        .subject(subject)
        .claim("scope", scope)
        .issueTime(Date.from(now))
        .notBeforeTime(Date.from(now.minusSeconds(5)))
        .expirationTime(Date.from(now.plusSeconds(3600)));
  }

  /** The RFC 7662 introspection endpoint (it wants any Basic or Bearer client authentication). */
  public URI introspectionEndpoint() {
    return URI.create(issuer() + "/introspect");
  }

  @Override
  public void close() {
    server.shutdown();
  }
}
