package org.mcpkit.internal.dispatch;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.Optional;
import org.mcpkit.jsonrpc.JsonRpcError;
import org.mcpkit.jsonrpc.JsonRpcErrorCodes;
import org.mcpkit.protocol.ClientCapabilities;
import org.mcpkit.protocol.Implementation;
import org.mcpkit.protocol.LoggingLevel;
import org.mcpkit.protocol.MetaKeys;
import org.mcpkit.protocol.ProtocolVersion;

/**
 * The per-request {@code _meta} of a modern request, checked.
 *
 * @param versionId the requested protocol version string
 * @param version the parsed version, null when unknown
 * @param capabilities client capabilities for this request
 * @param clientInfo the client, or null
 * @param logLevel the requested log level, or null (no log messages)
 * @param progressToken the progress token (String or Number), or null
 * @param raw the whole {@code _meta} object
 */
public record RequestMeta(
    String versionId,
    ProtocolVersion version,
    ClientCapabilities capabilities,
    Implementation clientInfo,
    LoggingLevel logLevel,
    Object progressToken,
    Map<String, Object> raw) {

  /** Thrown for a malformed {@code _meta}; carries the -32602 error. */
  static final class Invalid extends Exception {
    private static final long serialVersionUID = 1L;
    final transient JsonRpcError error;

    Invalid(String message) {
      super(message, null, false, false);
      this.error = JsonRpcError.of(JsonRpcErrorCodes.INVALID_PARAMS, message);
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> rawMeta(Map<String, Object> params) {
    Object meta = params.get("_meta");
    return meta instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  /**
   * The protocol version a request's {@code _meta} declares as a string (what the HTTP endpoint
   * picks the era by and compares with {@code MCP-Protocol-Version}), or null when it declares none.
   */
  public static String declaredVersion(Map<String, Object> params) {
    return rawMeta(params).get(MetaKeys.PROTOCOL_VERSION) instanceof String v ? v : null;
  }

  /** True when the params carry a modern {@code _meta} (with a protocol version). */
  static boolean isModern(Map<String, Object> params) {
    return rawMeta(params).containsKey(MetaKeys.PROTOCOL_VERSION);
  }

  /** The meta of a request in a legacy session: negotiated facts plus the request's own token. */
  static RequestMeta legacy(LegacySession session, Map<String, Object> params) {
    Map<String, Object> meta = rawMeta(params);
    Object token = meta.get(MetaKeys.PROGRESS_TOKEN);
    if (!(token instanceof String) && !(token instanceof Number)) {
      token = null;
    }
    return new RequestMeta(
        session.version().id(),
        session.version(),
        session.capabilities() == null ? ClientCapabilities.none() : session.capabilities(),
        session.clientInfo(),
        null,
        token,
        meta);
  }

  static RequestMeta parse(Map<String, Object> params, ObjectMapper mapper) throws Invalid {
    Object metaObj = params.get("_meta");
    if (!(metaObj instanceof Map<?, ?>)) {
      throw new Invalid("Invalid params: missing required _meta");
    }
    Map<String, Object> meta = rawMeta(params);
    Object version = meta.get(MetaKeys.PROTOCOL_VERSION);
    if (!(version instanceof String versionId)) {
      throw new Invalid("Invalid params: missing required _meta field " + MetaKeys.PROTOCOL_VERSION);
    }
    Object caps = meta.get(MetaKeys.CLIENT_CAPABILITIES);
    if (!(caps instanceof Map<?, ?>)) {
      throw new Invalid(
          "Invalid params: missing required _meta field " + MetaKeys.CLIENT_CAPABILITIES);
    }
    ClientCapabilities capabilities;
    try {
      capabilities = ((Map<?, ?>) caps).isEmpty() ? ClientCapabilities.none() : mapper.convertValue(caps, ClientCapabilities.class);
    } catch (IllegalArgumentException e) {
      throw new Invalid("Invalid params: malformed " + MetaKeys.CLIENT_CAPABILITIES);
    }
    Implementation clientInfo = null;
    Object info = meta.get(MetaKeys.CLIENT_INFO);
    if (info != null) {
      try {
        clientInfo = mapper.convertValue(info, Implementation.class);
      } catch (IllegalArgumentException e) {
        throw new Invalid("Invalid params: malformed " + MetaKeys.CLIENT_INFO);
      }
    }
    LoggingLevel level = null;
    Object levelObj = meta.get(MetaKeys.LOG_LEVEL);
    if (levelObj != null) {
      Optional<LoggingLevel> parsed =
          levelObj instanceof String s ? LoggingLevel.parse(s) : Optional.empty();
      if (parsed.isEmpty()) {
        throw new Invalid("Invalid params: unknown log level");
      }
      level = parsed.get();
    }
    Object token = meta.get(MetaKeys.PROGRESS_TOKEN);
    if (token != null && !(token instanceof String) && !(token instanceof Number)) {
      throw new Invalid("Invalid params: progressToken must be a string or number");
    }
    return new RequestMeta(
        versionId,
        ProtocolVersion.parse(versionId).orElse(null),
        capabilities,
        clientInfo,
        level,
        token,
        meta);
  }
}
