package org.mcpkit.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.mcpkit.internal.json.ClientText;
import org.mcpkit.jsonrpc.JsonRpcMessage;
import org.mcpkit.jsonrpc.JsonRpcRequest;
import org.mcpkit.jsonrpc.RequestId;
import org.mcpkit.protocol.McpMethods;
import org.mcpkit.server.AccessToken;
import org.mcpkit.server.auth.ResourceServer;
import org.mcpkit.server.auth.TokenRejectedException;
import org.mcpkit.server.observe.AuthFailure;
import org.mcpkit.server.observe.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The endpoint as an OAuth 2.1 resource server: takes the bearer token from the one {@code
 * Authorization} header (RFC 6750 §2.1; never from the query string), has the {@link
 * ResourceServer}'s authenticator validate it on the calling thread (never an I/O thread: callers
 * run after the endpoint left it), and sets the request's principal. Refusals are {@link
 * HttpFailure#UNAUTHORIZED} and {@link HttpFailure#INSUFFICIENT_SCOPE} with a {@code
 * WWW-Authenticate: Bearer} challenge naming the metadata URL and the scopes; each is logged once at
 * WARN (a request without any credentials at DEBUG: that is how a client discovers the server) and
 * reported to the observer. The token is never logged or answered. Also serves the RFC 9728
 * metadata document.
 */
final class BearerGuard {
  private static final Logger LOG = LoggerFactory.getLogger(BearerGuard.class);
  /** RFC 6750 §2.1: the scheme, one or more spaces, a b64token. */
  private static final Pattern QUERY_TOKEN = Pattern.compile("(^|&)access_token(=|&|$)");
  /** Longer Authorization headers are refused without looking further. */
  static final int MAX_HEADER_CHARS = 8192;

  private final EndpointCore core;
  private final ResourceServer server;
  private final byte[] metadata;

  BearerGuard(EndpointCore core, ResourceServer server) {
    this.core = core;
    this.server = server;
    this.metadata = metadataDocument(server);
  }

  /** The RFC 9728 document: resource, authorization servers, bearer methods, scopes and name when set. */
  static byte[] metadataDocument(ResourceServer server) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("resource", server.resource().toString());
    doc.put("authorization_servers", server.authorizationServers().stream().map(URI::toString).toList());
    doc.put("bearer_methods_supported", List.of("header"));
    if (!server.scopesSupported().isEmpty()) {
      doc.put("scopes_supported", server.scopesSupported());
    }
    server.resourceName().ifPresent(name -> doc.put("resource_name", name));
    try {
      return new ObjectMapper().writeValueAsBytes(doc);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("metadata document", e);
    }
  }

  /** Whether {@code exchange} asks for the metadata document (a GET of one of its paths). */
  boolean isMetadataRequest(Exchange exchange) {
    return "GET".equals(exchange.method()) && server.metadataPaths().contains(exchange.path());
  }

  /** Answers the metadata document. */
  void metadata(Exchange exchange) {
    core.responses.body(exchange, 200, Map.of(), metadata);
  }

  /**
   * The token of {@code value} when it is exactly {@code Bearer} (any ASCII case), one or more
   * spaces, and a token68 (RFC 6750 §2.1: letters, digits, {@code -._~+/}, then any {@code =}
   * padding); null otherwise. A loop, not a regular expression: it runs on every request, over
   * tokens of a kilobyte and more.
   */
  static String bearerToken(String value) {
    int n = value.length();
    if (n < 8) {
      return null;
    }
    for (int i = 0; i < 6; i++) {
      char c = value.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        c = (char) (c + ('a' - 'A'));
      }
      if (c != "bearer".charAt(i)) {
        return null;
      }
    }
    int i = 6;
    while (i < n && value.charAt(i) == ' ') {
      i++;
    }
    if (i == 6) {
      return null;
    }
    int start = i;
    while (i < n && isToken68(value.charAt(i))) {
      i++;
    }
    if (i == start) {
      return null;
    }
    while (i < n && value.charAt(i) == '=') {
      i++;
    }
    return i == n ? value.substring(start) : null;
  }

  private static boolean isToken68(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
  }

  /**
   * Authenticates the request: true with the token's principal set on {@code exchange}; false when
   * it was answered 401 (or 403 for a token lacking the endpoint's own scopes).
   */
  boolean admit(Exchange exchange, Transport transport) {
    if (exchange.query().isPresent() && QUERY_TOKEN.matcher(exchange.query().get()).find()) {
      return unauthorized(exchange, transport, AuthFailure.Reason.OTHER, "invalid_request", "a token in the query string");
    }
    List<String> values = exchange.headers("Authorization");
    if (values.isEmpty()) {
      return unauthorized(exchange, transport, AuthFailure.Reason.MISSING_CREDENTIALS, null, "no Authorization header");
    }
    if (values.size() != 1 || values.get(0).length() > MAX_HEADER_CHARS) {
      return unauthorized(exchange, transport, AuthFailure.Reason.INVALID_TOKEN, "invalid_request", "a malformed Authorization header");
    }
    String credentials = bearerToken(values.get(0).trim());
    if (credentials == null) {
      return unauthorized(exchange, transport, AuthFailure.Reason.INVALID_TOKEN, "invalid_request", "a malformed Authorization header");
    }
    AccessToken token;
    try {
      token = server.authenticator().authenticate(credentials);
    } catch (TokenRejectedException e) {
      return unauthorized(exchange, transport, e.reason(), "invalid_token", "the authenticator refused it");
    } catch (RuntimeException e) {
      // never the exception's text: it might quote the token
      return unauthorized(exchange, transport, AuthFailure.Reason.OTHER, "invalid_token",
          "the authenticator failed (" + e.getClass().getName() + ")");
    }
    exchange.authenticated(token);
    return permits(exchange, transport, Set.of(), null);
  }

  /**
   * Whether the authenticated token holds the endpoint's scopes and those every request of the
   * decoded message or batch needs; otherwise answered 403 (with the first request's id).
   */
  boolean permits(Exchange exchange, Transport transport, JsonRpcMessage message) {
    if (message instanceof JsonRpcRequest r) {
      return permits(exchange, transport, core.dispatcher.requiredScopes(r.method(), target(r.method(), r.params())), r.id());
    }
    return permits(exchange, transport, Set.of(), null);
  }

  /** {@link #permits(Exchange, Transport, JsonRpcMessage)} for a 2025-era batch. */
  boolean permits(Exchange exchange, Transport transport, List<JsonNode> batch) {
    Set<String> needed = new LinkedHashSet<>();
    for (JsonNode item : batch) {
      JsonNode method = item.path("method");
      if (method.isTextual()) {
        JsonNode params = item.path("params");
        String m = method.asText();
        String target = null;
        String key = targetKey(m);
        if (key != null && params.path(key).isTextual()) {
          target = params.path(key).asText();
        }
        needed.addAll(core.dispatcher.requiredScopes(m, target));
      }
    }
    return permits(exchange, transport, needed, null);
  }

  private boolean permits(Exchange exchange, Transport transport, Set<String> operation, RequestId id) {
    Set<String> needed = new LinkedHashSet<>(server.requiredScopes());
    needed.addAll(operation);
    AccessToken token = (AccessToken) exchange.principal().orElseThrow();
    if (token.hasScopes(needed)) {
      return true;
    }
    Set<String> missing = new LinkedHashSet<>(needed);
    missing.removeAll(token.scopes());
    LOG.warn("Bearer token refused on {} {}: insufficient scope, missing {}",
        exchange.method(), ClientText.of(exchange.path()), missing);
    report(transport, AuthFailure.Reason.INSUFFICIENT_SCOPE);
    Set<String> union = new LinkedHashSet<>(needed);
    union.addAll(token.scopes());
    Map<String, String> headers = Map.of("WWW-Authenticate", challenge(union, "insufficient_scope"));
    core.responses.fail(exchange, HttpFailure.INSUFFICIENT_SCOPE, id, headers);
    return false;
  }

  private boolean unauthorized(Exchange exchange, Transport transport, AuthFailure.Reason reason, String error, String why) {
    if (reason == AuthFailure.Reason.MISSING_CREDENTIALS) {
      LOG.debug("Bearer token required on {} {}: {}", exchange.method(), ClientText.of(exchange.path()), why);
    } else {
      LOG.warn("Bearer token refused on {} {}: {} ({})", exchange.method(), ClientText.of(exchange.path()), reason, why);
    }
    report(transport, reason);
    Map<String, String> headers = Map.of("WWW-Authenticate", challenge(server.requiredScopes(), error));
    core.responses.fail(exchange, HttpFailure.UNAUTHORIZED, null, headers);
    return false;
  }

  private void report(Transport transport, AuthFailure.Reason reason) {
    if (core.observing) {
      core.observer.authFailed(new AuthFailure(transport, reason));
    }
  }

  /** {@code Bearer resource_metadata="…"[, scope="…"][, error="…"]}; scopes that could break the header are left out. */
  String challenge(Set<String> scopes, String error) {
    StringBuilder b = new StringBuilder("Bearer resource_metadata=\"").append(server.metadataUrl()).append('"');
    List<String> safe = scopes.stream().filter(BearerGuard::safeScope).toList();
    if (!safe.isEmpty()) {
      b.append(", scope=\"").append(String.join(" ", safe)).append('"');
    }
    if (error != null) {
      b.append(", error=\"").append(error).append('"');
    }
    return b.toString();
  }

  private static boolean safeScope(String s) {
    return !s.isEmpty() && s.chars().allMatch(c -> c >= 0x21 && c <= 0x7e && c != '"' && c != '\\');
  }

  /** The param naming a request's target: a tool's or prompt's name, a resource's URI. */
  private static String targetKey(String method) {
    return switch (method) {
      case McpMethods.TOOLS_CALL, McpMethods.PROMPTS_GET -> "name";
      case McpMethods.RESOURCES_READ, McpMethods.RESOURCES_SUBSCRIBE, McpMethods.RESOURCES_UNSUBSCRIBE -> "uri";
      default -> null;
    };
  }

  private static String target(String method, Map<String, Object> params) {
    String key = targetKey(method);
    Object value = key == null || params == null ? null : params.get(key);
    return value instanceof String s ? s : null;
  }
}
