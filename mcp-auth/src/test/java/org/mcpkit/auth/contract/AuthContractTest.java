package org.mcpkit.auth.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mcpkit.auth.JwtAuthenticator;
import org.mcpkit.protocol.CallToolResult;
import org.mcpkit.protocol.Implementation;
import org.mcpkit.protocol.Tool;
import org.mcpkit.server.AccessToken;
import org.mcpkit.server.McpServer;
import org.mcpkit.server.ToolSpec;
import org.mcpkit.server.auth.ResourceServer;
import org.mcpkit.server.http.HttpEndpointOptions;
import org.mcpkit.server.http.McpHttpEndpoint;

/**
 * The resource-server contract every HTTP transport must keep, against a real authorization
 * server on loopback: tokens from its token endpoint work and reach handlers; every bad token or
 * header is 401 with the exact challenge and a body that tells nothing; a missing scope is 403
 * naming the union; the metadata document is exact; sessions are bound to the subject; a rotated
 * signing key is picked up without a restart. Subclasses serve {@code /mcp}, {@code /sse}, {@code
 * /message} and both metadata paths of the endpoint on 127.0.0.1, port 0.
 */
public abstract class AuthContractTest {
  /** The public canonical URL, not the address the test server has. */
  protected static final String RESOURCE = "https://mcp.example.com/mcp";
  private static final String METADATA_URL = "https://mcp.example.com/.well-known/oauth-protected-resource/mcp";
  private static final String UNAUTHORIZED = "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32600,\"message\":\"Unauthorized\"}}";
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String META =
      "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\",\"io.modelcontextprotocol/clientCapabilities\":{}}";

  protected static AuthorizationServer as;
  protected McpHttpEndpoint endpoint;
  protected URI base;
  protected HttpClient http;
  private final MovableClock clock = new MovableClock();
  private JwtAuthenticator authenticator;
  /** The threads tokens were validated on. */
  private final List<String> validatedOn = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** Starts a server routing the five paths to {@code endpoint}; returns its root ({@code http://127.0.0.1:port/}). */
  protected abstract URI start(McpHttpEndpoint endpoint) throws Exception;

  /** Stops it. */
  protected abstract void stop() throws Exception;

  /**
   * How many characters of garbage the malformed-header cases send: 6 KiB by default, which real
   * containers accept (their own header limit of about 8 KiB answers longer heads before the
   * endpoint sees them); the in-memory run sends more than the endpoint's own limit.
   */
  protected int garbageChars() {
    return 6 * 1024;
  }

  /** The client: a real one by default. */
  protected HttpClient client(McpHttpEndpoint endpoint) {
    return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  @BeforeAll
  static void startAuthorizationServer() throws Exception {
    as = new AuthorizationServer();
  }

  @AfterAll
  static void stopAuthorizationServer() {
    as.close();
  }

  @BeforeEach
  void startServer() throws Exception {
    as.keys.rotate("key-1");
    authenticator = JwtAuthenticator.builder(as.issuer(), URI.create(RESOURCE)).clock(clock).build();
    McpServer server = McpServer.builder(Implementation.of("auth-contract", "1.0.0"))
        .tool(ToolSpec.of(tool("whoami"), (ctx, args) -> {
          AccessToken t = ctx.accessToken().orElseThrow();
          return CallToolResult.text(t.subject() + " " + String.join(",", t.scopes()) + " " + t.audience());
        }))
        .tool(ToolSpec.of(tool("admin"), (ctx, args) -> CallToolResult.text("done")), "mcp:admin", "mcp:write")
        .hideUnauthorizedFeatures()
        .build();
    org.mcpkit.server.auth.Authenticator recording = token -> {
      validatedOn.add(Thread.currentThread().getName());
      return authenticator.authenticate(token);
    };
    ResourceServer rs = ResourceServer.builder(recording, URI.create(RESOURCE))
        .authorizationServer(as.issuer())
        .requiredScopes("mcp")
        .scopesSupported("mcp", "mcp:admin", "mcp:write")
        .build();
    endpoint = McpHttpEndpoint.create(server, HttpEndpointOptions.builder().httpSse("/sse", "/message").build(), rs);
    base = start(endpoint);
    http = client(endpoint);
  }

  @AfterEach
  void stopServer() throws Exception {
    stop();
    endpoint.close();
  }

  private static Tool tool(String name) {
    return Tool.builder(name, Map.of("type", "object")).description(name).build();
  }

  // ------------------------------------------------------------------ the tests

  @Test
  void aTokenFromTheAuthorizationServerCallsAToolAndReachesTheHandler() throws Exception {
    String token = as.token("alice", RESOURCE, "mcp");
    HttpResponse<String> r = send(call("whoami", 1).header("Authorization", "Bearer " + token));
    assertEquals(200, r.statusCode(), r.body());
    assertEquals("alice mcp [" + RESOURCE + "]", text(r.body()));
    assertEquals(1, validatedOn.size());
    assertFalse(validatedOn.get(0).contains("I/O"), "validated off the I/O thread: " + validatedOn);
  }

  @Test
  void noTokenIs401WithTheChallengeNamingMetadataAndScope() throws Exception {
    HttpResponse<String> r = send(call("whoami", 1));
    assertEquals(401, r.statusCode());
    assertEquals(Set.of("Bearer resource_metadata=\"" + METADATA_URL + "\", scope=\"mcp\""), challenges(r));
    assertEquals(UNAUTHORIZED, r.body());
  }

  @Test
  void everyBadTokenIs401InvalidToken() throws Exception {
    String sub = "mallory";
    RSAKey stranger = new RSAKeyGenerator(2048).keyID("key-1").generate();
    RSAKey unknownKid = new RSAKeyGenerator(2048).keyID("never-published").generate();
    Instant now = Instant.now();
    String valid = as.forge(as.claims(sub, RESOURCE, "mcp").build());
    Map<String, String> bad = new LinkedHashMap<>();
    bad.put("expired", as.forge(as.claims(sub, RESOURCE, "mcp").expirationTime(Date.from(now.minusSeconds(120))).build()));
    bad.put("not yet valid", as.forge(as.claims(sub, RESOURCE, "mcp").notBeforeTime(Date.from(now.plusSeconds(600))).build()));
    bad.put("wrong issuer", as.forge(as.claims(sub, RESOURCE, "mcp").issuer("https://evil.example/").build()));
    bad.put("wrong audience", as.forge(as.claims(sub, "https://other.example/mcp", "mcp").build()));
    bad.put("alg none", new PlainJWT(as.claims(sub, RESOURCE, "mcp").build()).serialize());
    SignedJWT hs = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("key-1").type(new JOSEObjectType("at+jwt")).build(),
        as.claims(sub, RESOURCE, "mcp").build());
    hs.sign(new MACSigner(as.keys.current().toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8)));
    bad.put("HS256 with the public key", hs.serialize());
    String[] parts = valid.split("\\.");
    byte[] sig = Base64URL.from(parts[2]).decode();
    sig[0] ^= 1;
    bad.put("tampered signature", parts[0] + "." + parts[1] + "." + Base64URL.encode(sig));
    bad.put("another key with the same kid", AuthorizationServer.forge(stranger, as.claims(sub, RESOURCE, "mcp").build()));
    bad.put("unknown kid after the refetch", AuthorizationServer.forge(unknownKid, as.claims(sub, RESOURCE, "mcp").build()));
    bad.put("not a JWT", "abc.def");
    bad.put("KiBs of well-formed garbage", "x".repeat(6 * 1024));
    for (Map.Entry<String, String> e : bad.entrySet()) {
      HttpResponse<String> r = send(call("whoami", 1).header("Authorization", "Bearer " + e.getValue()));
      assertEquals(401, r.statusCode(), e.getKey());
      assertEquals(Set.of("Bearer resource_metadata=\"" + METADATA_URL + "\", scope=\"mcp\", error=\"invalid_token\""), challenges(r), e.getKey());
      assertEquals(UNAUTHORIZED, r.body(), e.getKey());
    }
    assertEquals(200, send(call("whoami", 1).header("Authorization", "Bearer " + valid)).statusCode(), "the control");
  }

  @Test
  void malformedHeadersAndQueryTokensAre401InvalidRequest() throws Exception {
    String valid = as.token("alice", RESOURCE, "mcp");
    String challenge = "Bearer resource_metadata=\"" + METADATA_URL + "\", scope=\"mcp\", error=\"invalid_request\"";
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Bearer twice", "Bearer Bearer " + valid);
    headers.put("empty", "Bearer ");
    headers.put("another scheme", "Basic YWxpY2U6c2VjcmV0");
    headers.put("non-ASCII", "Bearer t\u00f6ken");
    headers.put("KiBs of garbage", "Bearer " + "<x>{}".repeat(garbageChars() / 5));
    for (Map.Entry<String, String> e : headers.entrySet()) {
      HttpResponse<String> r = send(call("whoami", 1).header("Authorization", e.getValue()));
      assertEquals(401, r.statusCode(), e.getKey());
      assertEquals(Set.of(challenge), challenges(r), e.getKey());
      assertEquals(UNAUTHORIZED, r.body(), e.getKey());
    }
    HttpResponse<String> inQuery = send(call("whoami", 1, URI.create(base + "mcp?access_token=" + valid)));
    assertEquals(401, inQuery.statusCode());
    assertEquals(Set.of(challenge), challenges(inQuery));
    HttpResponse<String> both = send(call("whoami", 1, URI.create(base + "mcp?access_token=" + valid)).header("Authorization", "Bearer " + valid));
    assertEquals(401, both.statusCode(), "a token in the query string is refused even with a valid header");
    assertEquals(Set.of(challenge), challenges(both));
  }

  @Test
  void aMissingScopeIs403NamingTheUnionOfNeededAndHeld() throws Exception {
    String token = as.token("alice", RESOURCE, "mcp extra");
    HttpResponse<String> r = send(call("admin", 7).header("Authorization", "Bearer " + token));
    assertEquals(403, r.statusCode());
    assertEquals(Set.of("Bearer resource_metadata=\"" + METADATA_URL + "\", scope=\"mcp mcp:admin mcp:write extra\", error=\"insufficient_scope\""),
        challenges(r));
    assertEquals("{\"jsonrpc\":\"2.0\",\"id\":7,\"error\":{\"code\":-32600,\"message\":\"Forbidden: insufficient scope\"}}", r.body());
    HttpResponse<String> noBase = send(call("whoami", 8).header("Authorization", "Bearer " + as.token("alice", RESOURCE, "other")));
    assertEquals(403, noBase.statusCode(), "the endpoint's own scope is needed for everything");
    assertEquals(Set.of("Bearer resource_metadata=\"" + METADATA_URL + "\", scope=\"mcp other\", error=\"insufficient_scope\""), challenges(noBase));
    String admin = as.token("alice", RESOURCE, "mcp mcp:admin mcp:write");
    HttpResponse<String> ok = send(call("admin", 9).header("Authorization", "Bearer " + admin));
    assertEquals(200, ok.statusCode(), ok.body());
    assertEquals("done", text(ok.body()));
  }

  @Test
  void listsHideWhatTheTokenMayNotCallWhenAsked() throws Exception {
    assertEquals(List.of("whoami"), toolNames(as.token("alice", RESOURCE, "mcp")));
    assertEquals(List.of("whoami", "admin"), toolNames(as.token("alice", RESOURCE, "mcp mcp:admin mcp:write")));
  }

  @Test
  void theMetadataDocumentIsExactOnBothPathsWithoutAToken() throws Exception {
    String expected = "{\"resource\":\"" + RESOURCE + "\",\"authorization_servers\":[\"" + as.issuer()
        + "\"],\"bearer_methods_supported\":[\"header\"],\"scopes_supported\":[\"mcp\",\"mcp:admin\",\"mcp:write\"]}";
    for (String path : List.of(".well-known/oauth-protected-resource", ".well-known/oauth-protected-resource/mcp")) {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, r.statusCode(), path);
      assertEquals("application/json", r.headers().firstValue("Content-Type").orElse(""), path);
      assertEquals(expected, r.body(), path);
    }
  }

  @Test
  void aLegacySessionOfOneSubjectIsUnknownToAnother() throws Exception {
    String alice = as.token("alice", RESOURCE, "mcp");
    String bob = as.token("bob", RESOURCE, "mcp");
    HttpResponse<String> init = send(legacy(null, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\","
        + "\"capabilities\":{},\"clientInfo\":{\"name\":\"c\",\"version\":\"1\"}}}").header("Authorization", "Bearer " + alice));
    assertEquals(200, init.statusCode(), init.body());
    String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
    String call = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"whoami\",\"arguments\":{}}}";
    HttpResponse<String> asBob = send(legacy(session, call).header("Authorization", "Bearer " + bob));
    assertEquals(404, asBob.statusCode());
    assertEquals("{\"jsonrpc\":\"2.0\",\"id\":2,\"error\":{\"code\":-32600,\"message\":\"Session not found\"}}", asBob.body());
    HttpResponse<String> asAlice = send(legacy(session, call).header("Authorization", "Bearer " + alice));
    assertEquals(200, asAlice.statusCode(), asAlice.body());
    assertEquals("alice mcp [" + RESOURCE + "]", text(asAlice.body()));
    HttpResponse<String> noToken = send(legacy(session, call));
    assertEquals(401, noToken.statusCode());
  }

  @Test
  void httpSseNeedsATokenToo() throws Exception {
    HttpResponse<String> sse = http.send(HttpRequest.newBuilder(URI.create(base + "sse")).timeout(Duration.ofSeconds(10))
        .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(401, sse.statusCode());
    assertEquals(Set.of("Bearer resource_metadata=\"" + METADATA_URL + "\", scope=\"mcp\""), challenges(sse));
    HttpResponse<String> message = http.send(HttpRequest.newBuilder(URI.create(base + "message?sessionId=x")).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(401, message.statusCode());
    assertEquals(UNAUTHORIZED, message.body());
  }

  @Test
  void aRotatedSigningKeyIsPickedUpWithoutARestart() throws Exception {
    String before = as.token("alice", RESOURCE, "mcp");
    assertEquals(200, send(call("whoami", 1).header("Authorization", "Bearer " + before)).statusCode());
    assertEquals(1, authenticator.keySetFetches());
    as.keys.rotate("key-2");
    String after = as.token("alice", RESOURCE, "mcp");
    clock.advance(Duration.ofSeconds(31)); // past the refetch rate limit
    HttpResponse<String> r = send(call("whoami", 2).header("Authorization", "Bearer " + after));
    assertEquals(200, r.statusCode(), r.body());
    assertEquals(2, authenticator.keySetFetches(), "one refetch for the new kid");
    HttpResponse<String> old = send(call("whoami", 3).header("Authorization", "Bearer " + before));
    assertEquals(401, old.statusCode(), "the retired key is gone from the key set");
    assertEquals(2, authenticator.keySetFetches(), "rate limited: no second refetch within the interval");
  }

  // ------------------------------------------------------------------ helpers

  private List<String> toolNames(String token) throws Exception {
    HttpResponse<String> r = send(post("tools/list", URI.create(base + "mcp"),
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{" + META + "}}").header("Authorization", "Bearer " + token));
    assertEquals(200, r.statusCode(), r.body());
    JsonNode tools = MAPPER.readTree(r.body()).get("result").get("tools");
    return java.util.stream.StreamSupport.stream(tools.spliterator(), false).map(t -> t.get("name").asText()).toList();
  }

  private HttpRequest.Builder call(String tool, int id) {
    return call(tool, id, URI.create(base + "mcp"));
  }

  private HttpRequest.Builder call(String tool, int id, URI uri) {
    return post("tools/call", uri,
        "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool + "\",\"arguments\":{}," + META + "}}")
        .header("Mcp-Name", tool);
  }

  private static HttpRequest.Builder post(String method, URI uri, String body) {
    return HttpRequest.newBuilder(uri)
        .timeout(Duration.ofSeconds(20))
        .header("Content-Type", "application/json")
        .header("Accept", "application/json, text/event-stream")
        .header("MCP-Protocol-Version", "2026-07-28")
        .header("Mcp-Method", method)
        .POST(HttpRequest.BodyPublishers.ofString(body));
  }

  private HttpRequest.Builder legacy(String session, String body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "mcp"))
        .timeout(Duration.ofSeconds(20))
        .header("Content-Type", "application/json")
        .header("Accept", "application/json, text/event-stream")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (session != null) {
      b.header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-11-25");
    }
    return b;
  }

  private HttpResponse<String> send(HttpRequest.Builder r) throws Exception {
    return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static Set<String> challenges(HttpResponse<String> r) {
    return r.headers().allValues("WWW-Authenticate").stream().collect(Collectors.toSet());
  }

  private static String text(String body) throws Exception {
    String json = body.startsWith("{") ? body : body.lines().filter(l -> l.startsWith("data: {")).reduce((a, b) -> b).orElseThrow().substring(6);
    return MAPPER.readTree(json).get("result").get("content").get(0).get("text").asText();
  }

  /** The system clock moved forward by what a test says. */
  private static final class MovableClock extends Clock {
    private volatile Duration offset = Duration.ZERO;

    void advance(Duration d) {
      offset = offset.plus(d);
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
      return Instant.now().plus(offset);
    }
  }
}
