package org.mcpkit.server.observe;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.mcpkit.jsonrpc.RequestId;
import org.mcpkit.protocol.ProtocolVersion;

/**
 * What is known about a request when the server starts serving it.
 *
 * @param method the MCP method; a method this SDK does not know is {@value #OTHER_METHOD}, so the
 *     value is always from a small fixed set
 * @param toolName the tool of a {@code tools/call}, only when the server has a tool of that name
 * @param promptName the prompt of a {@code prompts/get}, only when the server has a prompt of that
 *     name
 * @param resourceUri the URI of a {@code resources/read}, {@code resources/subscribe} or {@code
 *     resources/unsubscribe} as the client sent it (not bounded: never use it as a metric tag)
 * @param protocolVersion the protocol revision, when it is one this SDK knows
 * @param era the protocol era
 * @param transport the transport the request arrived on
 * @param requestId the JSON-RPC id
 * @param sessionId the 2025-era session the request belongs to (treat it as a secret: log {@code
 *     sessionHash} instead)
 * @param sessionHash a short one-way hash of {@code sessionId} (16 hex digits), for correlation
 * @param arguments the arguments of a {@code tools/call} or {@code prompts/get} (may be sensitive:
 *     record them only when the user opted in); empty otherwise
 * @param metaTrace trace context fields from the request's {@code params._meta}
 * @param httpTrace trace context headers of the HTTP request that carried it
 */
public record RequestStart(
    String method,
    Optional<String> toolName,
    Optional<String> promptName,
    Optional<String> resourceUri,
    Optional<ProtocolVersion> protocolVersion,
    Era era,
    Transport transport,
    RequestId requestId,
    Optional<String> sessionId,
    Optional<String> sessionHash,
    Map<String, Object> arguments,
    TraceHeaders metaTrace,
    TraceHeaders httpTrace) {

  /** The method name reported for a method this SDK does not know. */
  public static final String OTHER_METHOD = "_OTHER";

  /** Validates. */
  public RequestStart {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(toolName, "toolName");
    Objects.requireNonNull(promptName, "promptName");
    Objects.requireNonNull(resourceUri, "resourceUri");
    Objects.requireNonNull(protocolVersion, "protocolVersion");
    Objects.requireNonNull(era, "era");
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(sessionHash, "sessionHash");
    Objects.requireNonNull(arguments, "arguments");
    Objects.requireNonNull(metaTrace, "metaTrace");
    Objects.requireNonNull(httpTrace, "httpTrace");
  }

  /** The low-cardinality target of the request: the tool or prompt name, if any. */
  public Optional<String> target() {
    return toolName.isPresent() ? toolName : promptName;
  }
}
