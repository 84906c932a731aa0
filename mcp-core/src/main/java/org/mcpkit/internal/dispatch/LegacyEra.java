package org.mcpkit.internal.dispatch;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.mcpkit.jsonrpc.JsonRpcError;
import org.mcpkit.jsonrpc.JsonRpcErrorCodes;
import org.mcpkit.jsonrpc.JsonRpcFailure;
import org.mcpkit.jsonrpc.JsonRpcRequest;
import org.mcpkit.jsonrpc.JsonRpcResponse;
import org.mcpkit.jsonrpc.JsonRpcSuccess;
import org.mcpkit.jsonrpc.RequestId;
import org.mcpkit.protocol.Implementation;
import org.mcpkit.protocol.InitializeRequest;
import org.mcpkit.protocol.InitializeResult;
import org.mcpkit.protocol.LoggingLevel;
import org.mcpkit.protocol.McpMethods;
import org.mcpkit.protocol.ProtocolVersion;

/**
 * The 2025-era session lifecycle: {@code initialize} opens a session on the connection (once:
 * admission refuses a second one), the session answers {@code ping}, {@code logging/setLevel} and {@code
 * resources/(un)subscribe} itself, takes the client's answers to server-to-client requests, and is
 * rebuilt from a stored record on an instance that has not seen it. Thread-safe.
 */
final class LegacyEra {
  private final List<ProtocolVersion> versions;
  private final Catalog catalog;
  private final ServerEvents events;
  private final Canonical canonical;
  private final ObjectMapper mapper;
  private final Implementation serverInfo;
  private final String instructions;

  LegacyEra(ServerConfig config, Catalog catalog, ServerEvents events, Canonical canonical, ObjectMapper mapper) {
    this.versions = config.versions();
    this.catalog = catalog;
    this.events = events;
    this.canonical = canonical;
    this.mapper = mapper;
    this.serverInfo = config.serverInfo();
    this.instructions = config.instructions();
  }

  /** Opens a session on the request's connection; the answer is the initialize result. */
  JsonRpcResponse initialize(JsonRpcRequest request, TransportContext context) {
    InitializeRequest params;
    try {
      params = mapper.convertValue(request.params(), InitializeRequest.class);
    } catch (IllegalArgumentException e) {
      return new JsonRpcFailure(request.id(), JsonRpcError.of(JsonRpcErrorCodes.INVALID_PARAMS, "Invalid params"));
    }
    ProtocolVersion version =
        ProtocolVersion.parse(params.protocolVersion())
            .filter(ProtocolVersion::isLegacy)
            .filter(versions::contains)
            .orElseGet(this::newestLegacy);
    Principal principal = context.principal();
    LegacySession session =
        new LegacySession(
            SessionIds.next(),
            version,
            canonical.of(params.capabilities()),
            canonical.of(params.clientInfo()),
            principal == null ? null : principal.getName(),
            context.connection());
    context.connection().session(session);
    session.receiveNotifications(events.sessions(), context.connection());
    Object result =
        RevisionShaping.shape(
            new InitializeResult(version.id(), catalog.capabilities(), serverInfo, instructions, null), version, mapper);
    if (LegacyTasks.serves(version, catalog)) {
      // the experimental tasks of 2025-11-25: a capability our records do not model
      com.fasterxml.jackson.databind.node.ObjectNode node = mapper.valueToTree(result);
      ((com.fasterxml.jackson.databind.node.ObjectNode) node.get("capabilities"))
          .set("tasks", mapper.valueToTree(LegacyTasks.CAPABILITY));
      result = node;
    }
    return new JsonRpcSuccess(request.id(), result);
  }

  /** The newest 2025-era revision served, offered when a client asks for one we do not speak. */
  private ProtocolVersion newestLegacy() {
    for (ProtocolVersion v : ProtocolVersion.values()) {
      if (v.isLegacy() && versions.contains(v)) {
        return v;
      }
    }
    throw new IllegalStateException("no legacy version enabled");
  }

  /**
   * The answer to a method the session handles itself ({@code ping}, {@code logging/setLevel},
   * {@code resources/(un)subscribe}), or empty for a feature method that runs a handler.
   */
  Optional<JsonRpcResponse> answerItself(JsonRpcRequest request, LegacySession session) {
    RequestId id = request.id();
    switch (request.method()) {
      case McpMethods.PING:
        return Optional.of(new JsonRpcSuccess(id, Map.of()));
      case McpMethods.LOGGING_SET_LEVEL: {
        Object level = request.params().get("level");
        Optional<LoggingLevel> parsed = level instanceof String str ? LoggingLevel.parse(str) : Optional.empty();
        if (parsed.isEmpty()) {
          return Optional.of(invalidParams(id, "Invalid params: unknown log level"));
        }
        session.logLevel(parsed.get());
        session.changed();
        return Optional.of(new JsonRpcSuccess(id, Map.of()));
      }
      case McpMethods.RESOURCES_SUBSCRIBE:
      case McpMethods.RESOURCES_UNSUBSCRIBE: {
        Object uri = request.params().get("uri");
        if (!(uri instanceof String u)) {
          return Optional.of(invalidParams(id, "Invalid params: uri is required"));
        }
        if (McpMethods.RESOURCES_SUBSCRIBE.equals(request.method())) {
          session.subscribe(u);
        } else {
          session.unsubscribe(u);
        }
        session.changed();
        return Optional.of(new JsonRpcSuccess(id, Map.of()));
      }
      default:
        return Optional.empty();
    }
  }

  private static JsonRpcFailure invalidParams(RequestId id, String message) {
    return new JsonRpcFailure(id, JsonRpcError.of(JsonRpcErrorCodes.INVALID_PARAMS, message));
  }

  /** {@code notifications/initialized}: the session may now be sent requests. */
  void initialized(TransportContext context) {
    LegacySession session = context.session();
    if (session != null) {
      session.markInitialized();
      session.changed(); // persisted: another instance may hold this session's streams
    }
  }

  /** Rebuilds a session another instance created, from its stored state, on the connection. */
  LegacySession restore(TransportContext context, String id, SessionState state) {
    LegacySession session =
        new LegacySession(
            id,
            ProtocolVersion.parse(state.protocolVersion()).orElse(ProtocolVersion.V2025_03_26),
            canonical.of(state.capabilities()),
            canonical.of(state.clientInfo()),
            state.principal(),
            context.connection());
    session.logLevel(state.logLevel());
    session.subscribeAll(state.subscriptions());
    if (state.initialized()) {
      session.markInitialized();
    }
    context.connection().session(session);
    session.receiveNotifications(events.sessions(), context.connection());
    return session;
  }

  /** A client's answer to a server-to-client request; false when none with its id waits. */
  boolean clientResponse(JsonRpcResponse response, TransportContext context) {
    LegacySession session = context.session();
    Optional<RequestId> id = response.requestId();
    if (session == null || id.isEmpty()) {
      return false;
    }
    CompletableFuture<JsonRpcResponse> waiting = session.takeAnswer(id.get());
    return waiting != null && waiting.complete(response);
  }

  /** Ends the connection's session, if it has one. */
  void end(TransportContext context) {
    LegacySession session = context.session();
    if (session != null) {
      context.connection().session(null);
      session.close();
    }
  }
}
