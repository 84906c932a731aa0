package org.mcpkit.internal.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.Principal;
import java.util.Map;
import org.mcpkit.jsonrpc.JsonRpcError;
import org.mcpkit.jsonrpc.JsonRpcRequest;
import org.mcpkit.protocol.InputRequest;
import org.mcpkit.protocol.InputRequiredResult;
import org.mcpkit.protocol.MetaKeys;
import org.mcpkit.protocol.ProtocolVersion;
import org.mcpkit.server.McpException;

/**
 * How results and errors leave the server, per era: a 2026-07-28 result gets its envelope ({@code
 * resultType}, cache hints, {@code _meta.serverInfo}); an input-required result seals what the
 * handler was given into {@code requestState}; resource-not-found gets the code of the session's
 * revision. Thread-safe.
 */
final class Envelopes {
  private final ServerConfig config;
  private final ObjectMapper mapper;
  /** {@code _meta.serverInfo} of every modern result, converted once. */
  private final JsonNode serverInfoNode;

  Envelopes(ServerConfig config, ObjectMapper mapper) {
    this.config = config;
    this.mapper = mapper;
    this.serverInfoNode = mapper.valueToTree(config.serverInfo());
  }

  /**
   * The result as sent: as is in a session; for a modern request with {@code resultType} and
   * {@code _meta.serverInfo}, plus {@code ttlMs}/{@code cacheScope} when {@code cacheable} (lists
   * public with the list TTL, reads private with the read TTL).
   */
  Object complete(Object result, boolean cacheable, boolean list, boolean modern) {
    if (!modern) {
      return result;
    }
    ObjectNode node = mapper.valueToTree(result);
    node.put("resultType", "complete");
    if (cacheable) {
      node.put("ttlMs", (list ? config.listCacheTtl() : config.readCacheTtl()).toMillis());
      node.put("cacheScope", list ? "public" : "private");
    }
    addServerInfo(node);
    return node;
  }

  /**
   * The input-required result of a modern call: the inputs still missing, and {@code requestState}
   * sealing the answers so far, bound to the method, target, arguments, principal and an expiry.
   */
  Object inputRequired(JsonRpcRequest request, Principal principal, String target, Map<String, Object> args, CallContext ctx) {
    Map<String, InputRequest> missing = ctx.missingInputs();
    MrtrState state =
        new MrtrState(
            request.method(),
            target,
            MrtrState.digest(mapper, args),
            MrtrState.principalDigest(principal == null ? null : principal.getName()),
            config.clock().millis() + config.requestStateTtl().toMillis(),
            ctx.answers());
    String sealed = state.seal(config.requestStateCodec(), mapper);
    ObjectNode node = mapper.valueToTree(new InputRequiredResult(missing, sealed, null));
    node.put("resultType", "input_required");
    addServerInfo(node);
    return node;
  }

  private void addServerInfo(ObjectNode node) {
    JsonNode existing = node.get("_meta");
    ObjectNode meta = existing instanceof ObjectNode o ? o : node.putObject("_meta");
    if (!meta.has(MetaKeys.SERVER_INFO)) {
      meta.set(MetaKeys.SERVER_INFO, serverInfoNode); // shared: only ever serialized
    }
  }

  /** The error an {@link McpException} becomes in the given revision. */
  static JsonRpcError error(McpException e, ProtocolVersion version) {
    JsonRpcError error = e.error();
    if (e.isResourceNotFound() && version != null && version.isLegacy()) {
      return new JsonRpcError(version.resourceNotFoundCode(), error.message(), error.data());
    }
    return error;
  }
}
