package org.mcpkit.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcpkit.auth.contract.AuthorizationServer;
import org.mcpkit.auth.contract.IntrospectionShim;
import org.mcpkit.protocol.CallToolResult;
import org.mcpkit.protocol.Implementation;
import org.mcpkit.protocol.Tool;
import org.mcpkit.server.AccessToken;
import org.mcpkit.server.McpServer;
import org.mcpkit.server.ToolSpec;
import org.mcpkit.server.auth.ResourceServer;
import org.mcpkit.server.auth.TokenRejectedException;
import org.mcpkit.server.http.HttpEndpointOptions;
import org.mcpkit.server.http.McpHttpEndpoint;
import org.mcpkit.server.observe.AuthFailure;
import org.mcpkit.server.secret.SecretSource;
import org.mcpkit.testing.InMemoryHttpClient;

/**
 * Opaque tokens through RFC 7662 introspection at a real authorization server (mock-oauth2-server
 * on loopback, behind {@link IntrospectionShim}): active tokens reach handlers, inactive ones are
 * 401 with the exact challenge and a log line without the token, the client secret comes from a
 * mounted file and rotates, answers are cached no longer than {@code exp} and the maximum, one
 * introspection for many concurrent requests, and failures are refusals that are not cached.
 */
class IntrospectionAuthenticatorTest {
  private static final String RESOURCE = "https://mcp.example.com/mcp";
  private static final String UNAUTHORIZED = "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32600,\"message\":\"Unauthorized\"}}";
  private static final String META =
      "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\",\"io.modelcontextprotocol/clientCapabilities\":{}}";
  private static AuthorizationServer as;

  @TempDir
  Path secrets;

  private IntrospectionShim shim;
  private final MovableClock clock = new MovableClock();

  @BeforeAll
  static void startAuthorizationServer() throws Exception {
    as = new AuthorizationServer();
  }

  @AfterAll
  static void stopAuthorizationServer() {
    as.close();
  }

  @BeforeEach
  void start() throws Exception {
    shim = new IntrospectionShim(as.introspectionEndpoint());
    Files.writeString(secrets.resolve("introspection-secret"), "s3cret/one");
  }

  @AfterEach
  void stop() {
    shim.close();
  }

  private IntrospectionAuthenticator.Builder builder() {
    return IntrospectionAuthenticator.builder(as.issuer(), URI.create(RESOURCE),
            ClientCredentials.basic("mcp-server", SecretSource.files(secrets), "introspection-secret"))
        .introspectionEndpoint(shim.uri())
        .clock(clock);
  }

  private static String basic(String id, String secret) {
    return "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
  }

  private String token(String subject, String scope, long seconds) throws Exception {
    return as.token(subject, RESOURCE, scope, "JWT", seconds);
  }

  private static String strangerToken(String subject) throws Exception {
    RSAKey stranger = new RSAKeyGenerator(2048).keyID("key-1").generate();
    return AuthorizationServer.forge(stranger, as.claims(subject, RESOURCE, "mcp").build());
  }

  // ------------------------------------------------------------------ through the endpoint

  private McpHttpEndpoint endpoint(IntrospectionAuthenticator authenticator, List<String> threads) {
    McpServer server = McpServer.builder(Implementation.of("introspection", "1.0.0"))
        .tool(ToolSpec.of(Tool.builder("whoami", Map.of("type", "object")).description("whoami").build(), (ctx, args) -> {
          AccessToken t = ctx.accessToken().orElseThrow();
          return CallToolResult.text(t.subject() + " " + String.join(",", t.scopes()) + " " + t.audience());
        }))
        .build();
    ResourceServer rs = ResourceServer.builder(token -> {
      threads.add(Thread.currentThread().getName());
      return authenticator.authenticate(token);
    }, URI.create(RESOURCE)).authorizationServer(as.issuer()).requiredScopes("mcp").build();
    return McpHttpEndpoint.create(server, HttpEndpointOptions.defaults(), rs);
  }

  private static HttpRequest call(String token) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:9/mcp"))
        .timeout(Duration.ofSeconds(20))
        .header("Content-Type", "application/json")
        .header("Accept", "application/json, text/event-stream")
        .header("MCP-Protocol-Version", "2026-07-28")
        .header("Mcp-Method", "tools/call")
        .header("Mcp-Name", "whoami")
        .header("Authorization", "Bearer " + token)
        .POST(HttpRequest.BodyPublishers.ofString(
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"whoami\",\"arguments\":{}," + META + "}}"))
        .build();
  }

  @Test
  void anActiveTokenCallsAToolWithTheClientSecretFromAFileAndOffTheIoThread() throws Exception {
    List<String> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
    McpHttpEndpoint endpoint = endpoint(builder().build(), threads);
    try {
      String token = token("alice", "mcp read", 600);
      HttpResponse<String> r = new InMemoryHttpClient(endpoint).send(call(token), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, r.statusCode(), r.body());
      assertTrue(r.body().contains("\"text\":\"alice mcp,read [" + RESOURCE + "]\""), r.body());
      assertEquals(List.of(basic("mcp-server", "s3cret%2Fone")), shim.authorizations, "client_secret_basic, form-encoded parts");
      assertEquals(List.of("token=" + token + "&token_type_hint=access_token"), shim.forms);
      assertEquals(1, threads.size());
      assertFalse(threads.get(0).contains("I/O"), threads.toString());
    } finally {
      endpoint.close();
    }
  }

  @Test
  void anInactiveTokenIs401WithTheChallengeAndOneWarnLineWithoutTheToken() throws Exception {
    McpHttpEndpoint endpoint = endpoint(builder().build(), new ArrayList<>());
    String stranger = strangerToken("mallory");
    String opaque = "opaque-" + "Zm9vYmFy".repeat(4);
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    List<HttpResponse<String>> answers = new ArrayList<>();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      InMemoryHttpClient client = new InMemoryHttpClient(endpoint);
      answers.add(client.send(call(stranger), HttpResponse.BodyHandlers.ofString()));
      answers.add(client.send(call(opaque), HttpResponse.BodyHandlers.ofString()));
    } finally {
      System.setErr(err);
      endpoint.close();
    }
    for (HttpResponse<String> r : answers) {
      assertEquals(401, r.statusCode());
      assertEquals(List.of("Bearer resource_metadata=\"https://mcp.example.com/.well-known/oauth-protected-resource/mcp\", scope=\"mcp\", error=\"invalid_token\""),
          r.headers().allValues("WWW-Authenticate"));
      assertEquals(UNAUTHORIZED, r.body());
    }
    assertEquals(2, shim.calls.get(), "both were introspected");
    String log = captured.toString(StandardCharsets.UTF_8);
    List<String> lines = log.lines().filter(l -> l.contains("BearerGuard")).toList();
    assertEquals(2, lines.size(), log);
    for (String line : lines) {
      assertTrue(line.contains("WARN") && line.contains("Bearer token refused on POST /mcp: INVALID_TOKEN"), line);
    }
    assertFalse(log.contains(stranger) || log.contains(stranger.split("\\.")[2]) || log.contains("Zm9vYmFy"), "no token in the log: " + log);
    assertFalse(log.contains("s3cret"), "no client secret in the log");
  }

  // ------------------------------------------------------------------ the authenticator

  @Test
  void discoveryFindsTheIntrospectionEndpointOfTheRealServer() throws Exception {
    IntrospectionAuthenticator direct = IntrospectionAuthenticator.builder(as.issuer(), URI.create(RESOURCE),
        ClientCredentials.basic("mcp-server", SecretSource.environment(Map.of("SECRET", "x")), "SECRET")).build();
    assertEquals(AuthFailure.Reason.INVALID_TOKEN,
        assertThrows(TokenRejectedException.class, () -> direct.authenticate(strangerToken("mallory"))).reason());
    assertEquals(AuthFailure.Reason.INVALID_TOKEN,
        assertThrows(TokenRejectedException.class, () -> direct.authenticate("not-a-token-the-server-knows")).reason());
  }

  @Test
  void anAnswerIsCachedNoLongerThanTheTokensExp() throws Exception {
    IntrospectionAuthenticator a = builder().clockSkew(Duration.ZERO).build();
    String token = token("alice", "mcp", 60);
    Instant exp = Instant.ofEpochSecond(com.nimbusds.jwt.SignedJWT.parse(token).getJWTClaimsSet().getExpirationTime().getTime() / 1000);
    AccessToken first = a.authenticate(token);
    assertEquals(exp, first.expiresAt().orElseThrow());
    assertEquals("alice", a.authenticate(token).subject());
    assertEquals(1, shim.calls.get(), "the second came from the cache");
    clock.set(exp.minusMillis(1));
    a.authenticate(token);
    assertEquals(1, shim.calls.get(), "still cached just before exp");
    clock.set(exp);
    TokenRejectedException e = assertThrows(TokenRejectedException.class, () -> a.authenticate(token));
    assertEquals(AuthFailure.Reason.EXPIRED_TOKEN, e.reason());
    assertEquals(2, shim.calls.get(), "asked again at exp, and the server's answer is past its exp");
  }

  @Test
  void anAnswerIsCachedAtMostTheMaximumAndARotatedClientSecretIsUsed() throws Exception {
    IntrospectionAuthenticator a = builder().maxCacheTime(Duration.ofSeconds(60), 100).build();
    String token = token("alice", "mcp", 3600);
    a.authenticate(token);
    clock.advance(Duration.ofSeconds(59));
    a.authenticate(token);
    assertEquals(1, shim.calls.get());
    Files.writeString(secrets.resolve("introspection-secret"), "rotated-secret-two");
    clock.advance(Duration.ofSeconds(1));
    a.authenticate(token);
    assertEquals(2, shim.calls.get(), "asked again after the maximum");
    assertEquals(List.of(basic("mcp-server", "s3cret%2Fone"), basic("mcp-server", "rotated-secret-two")), shim.authorizations);
    assertEquals(1, a.cachedTokens());
  }

  @Test
  void manyConcurrentRequestsWithOneNewTokenCauseOneIntrospection() throws Exception {
    IntrospectionAuthenticator a = builder().build();
    String token = token("alice", "mcp", 600);
    ExecutorService pool = Executors.newFixedThreadPool(16);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        results.add(pool.submit(() -> {
          go.await(10, TimeUnit.SECONDS);
          return a.authenticate(token).subject();
        }));
      }
      go.countDown();
      for (Future<String> f : results) {
        assertEquals("alice", f.get(20, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(1, shim.calls.get());
  }

  @Test
  void failuresAreRefusalsThatAreNotCached() throws Exception {
    IntrospectionAuthenticator a = builder().build();
    String token = token("alice", "mcp", 600);
    shim.status.set(500);
    assertEquals(AuthFailure.Reason.OTHER, assertThrows(TokenRejectedException.class, () -> a.authenticate(token)).reason());
    shim.status.set(401);
    assertEquals(AuthFailure.Reason.OTHER, assertThrows(TokenRejectedException.class, () -> a.authenticate(token)).reason());
    shim.status.set(0);
    shim.fixed.set("not json {");
    assertEquals(AuthFailure.Reason.OTHER, assertThrows(TokenRejectedException.class, () -> a.authenticate(token)).reason());
    shim.fixed.set(null);
    assertEquals("alice", a.authenticate(token).subject());
    assertEquals(4, shim.calls.get());
    Files.delete(secrets.resolve("introspection-secret"));
    String other = token("bob", "mcp", 600);
    assertEquals(AuthFailure.Reason.OTHER, assertThrows(TokenRejectedException.class, () -> a.authenticate(other)).reason());
    assertEquals(4, shim.calls.get(), "no call without the client secret");
    assertEquals(AuthFailure.Reason.INVALID_TOKEN, assertThrows(TokenRejectedException.class, () -> a.authenticate("x".repeat(8193))).reason());
    assertEquals(4, shim.calls.get(), "an oversized token is not sent");
  }

  @Test
  void answersAreCheckedClaimByClaim() throws Exception {
    IntrospectionAuthenticator a = builder().build();
    long exp = clock.instant().getEpochSecond() + 600;
    String iss = as.issuer().toString();
    Map<String, AuthFailure.Reason> answers = new LinkedHashMap<>();
    answers.put("{\"active\":false}", AuthFailure.Reason.INVALID_TOKEN);
    answers.put("{\"active\":\"true\",\"sub\":\"a\",\"aud\":\"" + RESOURCE + "\"}", AuthFailure.Reason.INVALID_TOKEN);
    answers.put("{\"sub\":\"a\",\"aud\":\"" + RESOURCE + "\"}", AuthFailure.Reason.INVALID_TOKEN);
    answers.put("{\"active\":true,\"aud\":\"" + RESOURCE + "\"}", AuthFailure.Reason.INVALID_TOKEN);
    answers.put("{\"active\":true,\"sub\":\"a\",\"iss\":\"https://evil.example\",\"aud\":\"" + RESOURCE + "\"}", AuthFailure.Reason.INVALID_TOKEN);
    answers.put("{\"active\":true,\"sub\":\"a\",\"aud\":\"https://other.example/mcp\"}", AuthFailure.Reason.WRONG_AUDIENCE);
    answers.put("{\"active\":true,\"sub\":\"a\",\"aud\":[\"https://other.example/mcp\"]}", AuthFailure.Reason.WRONG_AUDIENCE);
    answers.put("{\"active\":true,\"sub\":\"a\"}", AuthFailure.Reason.WRONG_AUDIENCE);
    answers.put("{\"active\":true,\"sub\":\"a\",\"aud\":\"" + RESOURCE + "\",\"exp\":" + (exp - 700) + "}", AuthFailure.Reason.EXPIRED_TOKEN);
    answers.put("{\"active\":true,\"sub\":\"a\",\"aud\":\"" + RESOURCE + "\",\"nbf\":" + (exp + 600) + "}", AuthFailure.Reason.EXPIRED_TOKEN);
    answers.put("[]", AuthFailure.Reason.OTHER);
    int i = 0;
    for (Map.Entry<String, AuthFailure.Reason> e : answers.entrySet()) {
      shim.fixed.set(e.getKey());
      String t = "opaque-" + (i++);
      assertEquals(e.getValue(), assertThrows(TokenRejectedException.class, () -> a.authenticate(t), e.getKey()).reason(), e.getKey());
    }
    shim.fixed.set("{\"active\":true,\"sub\":\"carol\",\"iss\":\"" + iss + "\",\"aud\":[\"x\",\"" + RESOURCE + "\"],\"scope\":\" mcp  write \",\"exp\":" + exp
        + ",\"client_id\":\"app\"}");
    AccessToken ok = a.authenticate("opaque-ok");
    assertEquals("carol", ok.subject());
    assertEquals(iss, ok.issuer());
    assertEquals(java.util.Set.of("mcp", "write"), ok.scopes());
    assertEquals(List.of("x", RESOURCE), ok.audience());
    assertEquals(Instant.ofEpochSecond(exp), ok.expiresAt().orElseThrow());
    assertEquals("app", ok.claims().get("client_id"));
    shim.fixed.set("{\"active\":true,\"sub\":\"dave\"}");
    IntrospectionAuthenticator lenient = builder().allowMissingAudience().build();
    assertEquals("dave", lenient.authenticate("opaque-noaud").subject());
    assertEquals(1, a.cachedTokens(), "only the accepted answer is cached");
  }

  /** The system clock moved forward by what a test says, or frozen at an instant once a test sets one. */
  private static final class MovableClock extends Clock {
    private volatile Duration offset = Duration.ZERO;
    private volatile Instant frozen;

    void advance(Duration d) {
      offset = offset.plus(d);
    }

    void set(Instant at) {
      frozen = at;
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
      Instant f = frozen;
      return f != null ? f : Instant.now().plus(offset);
    }
  }
}
