package org.mcpkit.internal.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.mcpkit.jsonrpc.JsonRpcFailure;
import org.mcpkit.jsonrpc.JsonRpcRequest;
import org.mcpkit.jsonrpc.JsonRpcResponse;
import org.mcpkit.jsonrpc.JsonRpcSuccess;
import org.mcpkit.protocol.CallToolResult;
import org.mcpkit.protocol.McpMethods;
import org.mcpkit.protocol.ProtocolVersion;
import org.mcpkit.server.observe.Era;
import org.mcpkit.server.observe.RequestOutcome;
import org.mcpkit.server.observe.RequestStart;
import org.mcpkit.server.observe.TraceHeaders;

/**
 * What observers are told about a request: its start, read off the admission and its transport
 * (names only when registered, methods only when known, so tags stay bounded), and its outcome,
 * read off the response. Used only while an observer is attached. Stateless.
 */
final class Observations {
  /** Every method name of {@link McpMethods}: anything else is reported as {@link RequestStart#OTHER_METHOD}. */
  private static final Set<String> KNOWN_METHODS = knownMethods();
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private Observations() {}

  private static Set<String> knownMethods() {
    Set<String> names = new HashSet<>();
    for (Field f : McpMethods.class.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
        try {
          names.add((String) f.get(null));
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return Set.copyOf(names);
  }

  /** The method as reported: itself when known, else {@link RequestStart#OTHER_METHOD}. */
  static String method(String method) {
    return KNOWN_METHODS.contains(method) ? method : RequestStart.OTHER_METHOD;
  }

  /** The start of an admitted or refused request. */
  static RequestStart start(Admission admission, TransportContext context, RequestOrigin origin, Catalog catalog) {
    JsonRpcRequest request = admission.request();
    Map<String, Object> params = request.params();
    String method = method(request.method());
    Optional<String> tool = Optional.empty();
    Optional<String> prompt = Optional.empty();
    Optional<String> uri = Optional.empty();
    Map<String, Object> arguments = Map.of();
    switch (method) {
      case McpMethods.TOOLS_CALL -> {
        tool = registered(params.get("name"), catalog.tools);
        arguments = arguments(params);
      }
      case McpMethods.PROMPTS_GET -> {
        prompt = registered(params.get("name"), catalog.prompts);
        arguments = arguments(params);
      }
      case McpMethods.RESOURCES_READ, McpMethods.RESOURCES_SUBSCRIBE, McpMethods.RESOURCES_UNSUBSCRIBE ->
          uri = params.get("uri") instanceof String s ? Optional.of(s) : Optional.empty();
      default -> { }
    }
    LegacySession session = null;
    Optional<ProtocolVersion> version;
    Era era;
    if (admission instanceof Admission.Admitted admitted && admitted.path() == Admission.Path.MODERN) {
      era = Era.MODERN;
      version = Optional.ofNullable(admitted.meta().version());
    } else if (admission instanceof Admission.Admitted admitted && admitted.path() == Admission.Path.SESSION) {
      era = Era.LEGACY;
      session = admitted.session();
      version = Optional.of(session.version());
    } else if (McpMethods.INITIALIZE.equals(method) && !RequestMeta.isModern(params)) {
      era = Era.LEGACY;
      version = params.get("protocolVersion") instanceof String v ? ProtocolVersion.parse(v) : Optional.empty();
    } else {
      session = RequestMeta.isModern(params) ? null : context.session();
      era = session == null ? Era.MODERN : Era.LEGACY;
      String declared = RequestMeta.declaredVersion(params);
      version = session != null ? Optional.of(session.version())
          : declared == null ? Optional.empty() : ProtocolVersion.parse(declared);
    }
    Map<String, Object> meta = RequestMeta.rawMeta(params);
    TraceHeaders metaTrace = meta.isEmpty() ? TraceHeaders.none()
        : TraceHeaders.from(key -> meta.get(key) instanceof String s ? Optional.of(s) : Optional.empty());
    return new RequestStart(
        method,
        tool,
        prompt,
        uri,
        version,
        era,
        origin.transport(),
        request.id(),
        session == null ? Optional.empty() : Optional.of(session.id()),
        session == null ? Optional.empty() : Optional.of(session.hash()),
        arguments,
        metaTrace,
        origin.httpTrace());
  }

  private static Optional<String> registered(Object name, Registry<?> registry) {
    return name instanceof String s && registry.get(s) != null ? Optional.of(s) : Optional.empty();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> arguments(Map<String, Object> params) {
    return params.get("arguments") instanceof Map<?, ?> m ? Collections.unmodifiableMap((Map<String, Object>) m) : Map.of();
  }

  /** How a request ended, from its response. */
  static RequestOutcome outcome(JsonRpcResponse response, String method) {
    if (response instanceof JsonRpcFailure failure) {
      return RequestOutcome.error(failure.error());
    }
    Object result = ((JsonRpcSuccess) response).result();
    return McpMethods.TOOLS_CALL.equals(method) && isError(result)
        ? RequestOutcome.toolError(result)
        : RequestOutcome.success(result);
  }

  /** Whether a tool result says {@code isError: true}, in any of the shapes results take. */
  static boolean isError(Object result) {
    if (result instanceof CallToolResult r) {
      return Boolean.TRUE.equals(r.isError());
    }
    if (result instanceof JsonNode node) {
      return node.path("isError").asBoolean(false);
    }
    return result instanceof Map<?, ?> map && Boolean.TRUE.equals(map.get("isError"));
  }

  /** A short one-way hash: the first 8 bytes of SHA-256, as 16 hex digits. */
  static String hash(String value) {
    byte[] digest;
    try {
      digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
    char[] out = new char[16];
    for (int i = 0; i < 8; i++) {
      out[2 * i] = HEX[(digest[i] >> 4) & 0xF];
      out[2 * i + 1] = HEX[digest[i] & 0xF];
    }
    return new String(out);
  }
}
