package org.mcpkit.server;

import java.util.Map;
import java.util.Objects;
import org.mcpkit.internal.json.ClientText;
import org.mcpkit.jsonrpc.JsonRpcError;
import org.mcpkit.jsonrpc.JsonRpcErrorCodes;
import org.mcpkit.protocol.ClientCapabilities;
import org.mcpkit.protocol.MissingCapabilityData;

/**
 * The SDK's one unchecked exception: a failure that becomes a JSON-RPC error response. Thrown by the
 * SDK and by handlers that want a protocol error rather than an {@code isError} tool result.
 *
 * <p>Its {@link #getMessage() message} is the error message sent to the client, so never put
 * secrets or internal details into it.
 */
public class McpException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient JsonRpcError error;
  private final String resourceNotFoundUri;

  /** Creates an exception for the given error. */
  public McpException(JsonRpcError error) {
    this(error, null, null);
  }

  /** Creates an exception for the given error with a local cause (never sent). */
  public McpException(JsonRpcError error, Throwable cause) {
    this(error, cause, null);
  }

  private McpException(JsonRpcError error, Throwable cause, String resourceNotFoundUri) {
    super(Objects.requireNonNull(error, "error").message(), cause);
    this.error = error;
    this.resourceNotFoundUri = resourceNotFoundUri;
  }

  /** The JSON-RPC error sent to the client. */
  public JsonRpcError error() {
    return error;
  }

  /** True when this is a "resource not found" error whose code depends on the protocol era. */
  public boolean isResourceNotFound() {
    return resourceNotFoundUri != null;
  }

  /** -32602 with the given message. */
  public static McpException invalidParams(String message) {
    return new McpException(JsonRpcError.of(JsonRpcErrorCodes.INVALID_PARAMS, message));
  }

  /** -32601 for the given method (named by a short, sanitized prefix: it is client input). */
  public static McpException methodNotFound(String method) {
    return new McpException(
        JsonRpcError.of(JsonRpcErrorCodes.METHOD_NOT_FOUND, "Method not found: " + ClientText.of(method)));
  }

  /** -32603 with a generic message. */
  public static McpException internalError() {
    return new McpException(JsonRpcError.of(JsonRpcErrorCodes.INTERNAL_ERROR, "Internal error"));
  }

  /**
   * Resource not found: -32602 for 2026-07-28 clients, -32002 for 2025 clients, with {@code
   * data.uri} (the message and {@code data.uri} carry a short, sanitized prefix of the URI).
   */
  public static McpException resourceNotFound(String uri) {
    Objects.requireNonNull(uri, "uri");
    return new McpException(
        new JsonRpcError(
            JsonRpcErrorCodes.INVALID_PARAMS,
            "Resource not found: " + ClientText.of(uri),
            Map.of("uri", ClientText.of(uri))),
        null,
        uri);
  }

  /** -32021: the request needs client capabilities it did not declare. */
  public static McpException missingCapability(ClientCapabilities required) {
    Objects.requireNonNull(required, "required");
    return new McpException(
        new JsonRpcError(
            JsonRpcErrorCodes.MISSING_REQUIRED_CLIENT_CAPABILITY,
            "Missing required client capability",
            new MissingCapabilityData(required)));
  }
}
