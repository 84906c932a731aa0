package org.mcpkit.internal.dispatch;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Set;
import org.mcpkit.internal.json.ClientText;
import org.mcpkit.jsonrpc.JsonRpcError;
import org.mcpkit.jsonrpc.JsonRpcErrorCodes;
import org.mcpkit.jsonrpc.JsonRpcRequest;
import org.mcpkit.protocol.ClientCapabilities;
import org.mcpkit.protocol.McpMethods;
import org.mcpkit.protocol.ProtocolVersion;
import org.mcpkit.protocol.UnsupportedVersionData;
import org.mcpkit.server.McpException;
import org.mcpkit.server.ToolSpec;

/**
 * The admission rules of both eras, applied once per request. A request whose {@code _meta}
 * declares no protocol version, at a server serving 2025-era clients, is {@code initialize} or a
 * request of the connection's session; everything else is checked as a 2026-07-28 request, in the
 * spec's order: required {@code _meta} fields (-32602), version supported (-32022), method known
 * and advertised (-32601), client capabilities the tool needs (-32021). Stateless and thread-safe.
 */
final class Admitter {
  /** The answer to {@code initialize} on a connection whose session is open. */
  static final String ALREADY_INITIALIZED = "Invalid request: the session is already initialized";
  private final Catalog catalog;
  private final List<ProtocolVersion> versions;
  private final List<String> versionIds;
  private final boolean servesSessions;
  private final ObjectMapper mapper;

  Admitter(Catalog catalog, List<ProtocolVersion> versions, ObjectMapper mapper) {
    this.catalog = catalog;
    this.versions = versions;
    this.versionIds = versions.stream().map(ProtocolVersion::id).toList();
    this.servesSessions = versions.stream().anyMatch(ProtocolVersion::isLegacy);
    this.mapper = mapper;
  }

  /** Whether any 2025-era revision is served. */
  boolean servesSessions() {
    return servesSessions;
  }

  /** The protocol versions served, newest first. */
  List<String> versionIds() {
    return versionIds;
  }

  Admission admit(JsonRpcRequest request, TransportContext context) {
    if (servesSessions && !RequestMeta.isModern(request.params())) {
      LegacySession session = context.session();
      if (McpMethods.INITIALIZE.equals(request.method())) {
        // Once per session: a second initialize would replace what the client negotiated.
        return session == null
            ? new Admission.Admitted(request, Admission.Path.INITIALIZE, null, null)
            : new Admission.Refused(request, JsonRpcError.of(JsonRpcErrorCodes.INVALID_REQUEST, ALREADY_INITIALIZED));
      }
      if (session != null) {
        return inSession(request, session);
      }
    }
    return modern(request);
  }

  /** A request of a 2025-era session: the methods it answers itself, or a routed feature method. */
  private Admission inSession(JsonRpcRequest request, LegacySession session) {
    String method = request.method();
    boolean known =
        switch (method) {
          case McpMethods.PING, McpMethods.LOGGING_SET_LEVEL -> true;
          case McpMethods.RESOURCES_SUBSCRIBE, McpMethods.RESOURCES_UNSUBSCRIBE ->
              catalog.capabilities().resources() != null;
          default -> catalog.routesInSession(method)
              || (LegacyTasks.isMethod(method) && LegacyTasks.serves(session.version(), catalog));
        };
    if (!known) {
      return new Admission.Refused(request, McpException.methodNotFound(method).error());
    }
    return new Admission.Admitted(request, Admission.Path.SESSION, RequestMeta.legacy(session, request.params()), session);
  }

  private Admission modern(JsonRpcRequest request) {
    if (McpMethods.INITIALIZE.equals(request.method()) && !RequestMeta.isModern(request.params())) {
      // a 2025-era client at a server that does not serve its era: name the versions we serve
      Object requested = request.params().get("protocolVersion");
      return unsupported(request, requested instanceof String s ? s : "");
    }
    RequestMeta meta;
    try {
      meta = RequestMeta.parse(request.params(), mapper);
    } catch (RequestMeta.Invalid e) {
      return new Admission.Refused(request, e.error);
    }
    if (meta.version() == null || !meta.version().isModern() || !versions.contains(meta.version())) {
      return unsupported(request, meta.versionId());
    }
    if (!catalog.servesModern(request.method())) {
      return new Admission.Refused(
          request, JsonRpcError.of(JsonRpcErrorCodes.METHOD_NOT_FOUND, "Method not found: " + ClientText.of(request.method())));
    }
    JsonRpcError tasksRefusal = TaskGate.refusal(request, meta, catalog);
    if (tasksRefusal != null) {
      return new Admission.Refused(request, tasksRefusal);
    }
    if (McpMethods.TOOLS_CALL.equals(request.method())) {
      Object name = request.params().get("name");
      ToolSpec spec = name instanceof String s ? catalog.tools.get(s) : null;
      if (spec != null && spec.requiredCapabilities() != null) {
        ClientCapabilities need = spec.requiredCapabilities();
        if (!satisfies(meta.capabilities(), need)) {
          return new Admission.Refused(request, McpException.missingCapability(need).error());
        }
      }
    }
    return new Admission.Admitted(request, Admission.Path.MODERN, meta, null);
  }

  private Admission unsupported(JsonRpcRequest request, String requested) {
    return new Admission.Refused(
        request,
        new JsonRpcError(
            JsonRpcErrorCodes.UNSUPPORTED_PROTOCOL_VERSION,
            "Unsupported protocol version",
            new UnsupportedVersionData(versionIds, requested)));
  }

  /** Whether the client capabilities {@code have} include everything {@code need} names. */
  static boolean satisfies(ClientCapabilities have, ClientCapabilities need) {
    if (need.elicitation() != null) {
      if (need.elicitation().url() != null && !have.hasElicitationUrl()) {
        return false;
      }
      if (!have.hasElicitation()) {
        return false;
      }
      if (need.elicitation().form() != null && !have.hasElicitationForm()) {
        return false;
      }
    }
    if (need.sampling() != null) {
      if (!have.hasSampling()) {
        return false;
      }
      if (need.sampling().tools() != null && !have.hasSamplingTools()) {
        return false;
      }
    }
    if (need.roots() != null && !have.hasRoots()) {
      return false;
    }
    for (String ext : need.extensions() == null ? Set.<String>of() : need.extensions().keySet()) {
      if (!have.hasExtension(ext)) {
        return false;
      }
    }
    return true;
  }
}
