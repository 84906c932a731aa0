package org.mcpkit.server;

import java.security.Principal;
import java.util.Map;
import java.util.Optional;
import org.mcpkit.jsonrpc.RequestId;
import org.mcpkit.protocol.ClientCapabilities;
import org.mcpkit.protocol.CreateMessageRequest;
import org.mcpkit.protocol.CreateMessageResult;
import org.mcpkit.protocol.ElicitRequest;
import org.mcpkit.protocol.ElicitResult;
import org.mcpkit.protocol.Implementation;
import org.mcpkit.protocol.InputRequest;
import org.mcpkit.protocol.ListRootsResult;
import org.mcpkit.protocol.LoggingLevel;
import org.mcpkit.protocol.ProtocolVersion;

/**
 * What a handler knows about the request it serves, and how it talks back: progress, log
 * messages, and questions to the user.
 *
 * <p>The same handler code serves both protocol eras. Asking for input ({@link #elicit}, {@link
 * #sample}, {@link #roots}, {@link #inputs}) returns the answer when the client already supplied
 * it; otherwise, for a 2026-07-28 client, the call ends with an {@code input_required} result and
 * the handler runs again, from the top, when the client retries with the answers. Handlers must
 * therefore ask before they cause side effects, or make those effects idempotent.
 *
 * <p>A context belongs to one call; it may be used from the handler's thread and threads it
 * starts, and is useless after the handler returns.
 */
public interface RequestContext {
  /** The id of the request being served. */
  RequestId requestId();

  /** The JSON-RPC method being served. */
  String method();

  /** The protocol revision of this request. */
  ProtocolVersion protocolVersion();

  /** The capabilities the client declared for this request. */
  ClientCapabilities clientCapabilities();

  /** The client's self-description, for display and logging only. */
  Optional<Implementation> clientInfo();

  /** The authenticated principal, when the transport authenticated the request. */
  Optional<Principal> principal();

  /**
   * The request's validated bearer token, when the HTTP endpoint has a {@link
   * org.mcpkit.server.auth.ResourceServer} (its subject, scopes, audience, expiry and claims).
   */
  default Optional<org.mcpkit.server.AccessToken> accessToken() {
    return principal().filter(org.mcpkit.server.AccessToken.class::isInstance).map(org.mcpkit.server.AccessToken.class::cast);
  }

  /** The request's {@code _meta} object (read-only). */
  Map<String, Object> meta();

  /** True once the client cancelled the request or went away; stop work and return soon. */
  boolean isCancelled();

  /**
   * Reports progress when the client asked for it (a progress token was sent); otherwise does
   * nothing. Values that do not increase are dropped.
   */
  void progress(double progress, Double total, String message);

  /** Reports progress without total or message. */
  default void progress(double progress) {
    progress(progress, null, null);
  }

  /**
   * Sends a log message to the client when it asked for messages at this level or above for
   * this request; otherwise does nothing.
   */
  void log(LoggingLevel level, String logger, Object data);

  /** Logs without a logger name. */
  default void log(LoggingLevel level, Object data) {
    log(level, null, data);
  }

  /**
   * SSE polling for 2025-11-25 clients on HTTP: ends this request's stream connection now, with a
   * {@code retry:} hint; the client reconnects with {@code Last-Event-ID} and receives everything
   * sent after, including the result. Lets long calls outlive proxies that cut long responses.
   * Does nothing for other clients and transports.
   */
  default void closeStream() {}

  /**
   * Asks the user for input.
   *
   * @param key a name for this question, unique within the handler, stable across retries
   * @param request the question
   * @return the user's answer (accept, decline or cancel)
   * @throws McpException -32021 when the client did not declare the elicitation mode needed
   */
  ElicitResult elicit(String key, ElicitRequest request);

  /** Asks the client to sample a model. Deprecated by the protocol; prefer tools of your own. */
  CreateMessageResult sample(String key, CreateMessageRequest request);

  /** Asks the client for its roots. Deprecated by the protocol. */
  ListRootsResult roots(String key);

  /**
   * Asks several questions at once: returns when every one is answered, otherwise asks for all
   * the missing ones in one round.
   *
   * @param requests the questions by key
   * @return the answers by key
   */
  InputResponses inputs(Map<String, InputRequest> requests);
}
