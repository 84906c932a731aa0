package org.mcpkit.internal.http;

import org.mcpkit.internal.dispatch.Inbound;
import org.mcpkit.jsonrpc.JsonRpcError;
import org.mcpkit.jsonrpc.JsonRpcErrorCodes;

/**
 * Every refusal the HTTP engine (Streamable HTTP and HTTP+SSE) can answer with, in one table: the
 * HTTP status, the JSON-RPC code and the public message of its error body (an entry without a
 * message takes the error of whatever refused: the decoder, the header checks, admission). Extra
 * headers ({@code Allow} on 405) are named where the entry is used. Adapters never choose a status;
 * messages never carry exception text.
 */
enum HttpFailure {
  ORIGIN_NOT_ALLOWED(403, JsonRpcErrorCodes.INVALID_REQUEST, "Forbidden: Origin not allowed"),
  HOST_NOT_ALLOWED(403, JsonRpcErrorCodes.INVALID_REQUEST, "Forbidden: Host not allowed"),
  SHUTTING_DOWN(503, JsonRpcErrorCodes.INTERNAL_ERROR, "Server is shutting down"),
  /** With an {@code Allow} header naming the methods the path takes. */
  METHOD_NOT_ALLOWED(405, JsonRpcErrorCodes.INVALID_REQUEST, "Method not allowed"),
  NOT_ACCEPTABLE(406, JsonRpcErrorCodes.INVALID_REQUEST,
      "Not acceptable: Accept must include application/json and text/event-stream"),
  STREAM_NOT_ACCEPTABLE(406, JsonRpcErrorCodes.INVALID_REQUEST, "Not acceptable: Accept must include text/event-stream"),
  UNSUPPORTED_MEDIA_TYPE(415, JsonRpcErrorCodes.INVALID_REQUEST,
      "Unsupported media type: Content-Type must be application/json"),
  INVALID_CONTENT_LENGTH(400, JsonRpcErrorCodes.INVALID_REQUEST, "Bad request: invalid Content-Length"),
  /** The body could not be read: broken chunked framing, or the client broke off. */
  MALFORMED_BODY(400, JsonRpcErrorCodes.INVALID_REQUEST, "Bad request: malformed request body"),
  /** The message names the limit. */
  PAYLOAD_TOO_LARGE(413, JsonRpcErrorCodes.INVALID_REQUEST, "Payload too large: the limit is %d bytes"),
  /** Not JSON, or not a JSON-RPC message: the decoder's error (-32700 or -32600). */
  MALFORMED_MESSAGE(400, 0, null),
  RESPONSE_NOT_EXPECTED(400, JsonRpcErrorCodes.INVALID_REQUEST,
      "Invalid request: clients do not send responses in this protocol version"),
  PROTOCOL_VERSION_HEADER_REQUIRED(400, JsonRpcErrorCodes.HEADER_MISMATCH,
      "Header mismatch: MCP-Protocol-Version header is required"),
  PROTOCOL_VERSION_MISMATCH(400, JsonRpcErrorCodes.HEADER_MISMATCH,
      "Header mismatch: MCP-Protocol-Version does not match _meta"),
  /** A standard or {@code Mcp-Param-*} header that does not match the body: the check's message. */
  HEADER_MISMATCH(400, JsonRpcErrorCodes.HEADER_MISMATCH, null),
  /** Refused by admission: the admission error; 404 for an unknown method (-32601), else 400. */
  NOT_ADMITTED(400, 0, null),
  SESSION_ID_REQUIRED(400, JsonRpcErrorCodes.INVALID_REQUEST, "Bad request: Mcp-Session-Id header is required"),
  UNSUPPORTED_PROTOCOL_VERSION(400, JsonRpcErrorCodes.INVALID_REQUEST, "Bad request: unsupported MCP-Protocol-Version"),
  /** Unknown, ended, expired, or another principal's session (ids are not credentials). */
  SESSION_NOT_FOUND(404, JsonRpcErrorCodes.INVALID_REQUEST, "Session not found"),
  /** A shared store or bus did not answer in time; with {@code Retry-After}. */
  STORE_UNAVAILABLE(503, JsonRpcErrorCodes.INTERNAL_ERROR, org.mcpkit.server.http.StoreUnavailableException.MESSAGE),
  TOO_MANY_SESSIONS(503, JsonRpcErrorCodes.INTERNAL_ERROR, "Too many sessions, retry later"),
  BATCH_NOT_SUPPORTED(400, JsonRpcErrorCodes.INVALID_REQUEST, Inbound.BATCHES_NOT_SUPPORTED),
  EMPTY_BATCH(400, JsonRpcErrorCodes.INVALID_REQUEST, Inbound.EMPTY_BATCH),
  STREAM_CONFLICT(409, JsonRpcErrorCodes.INVALID_REQUEST, "Conflict: this session already has an open GET stream"),
  UNKNOWN_LAST_EVENT_ID(400, JsonRpcErrorCodes.INVALID_REQUEST, "Bad request: unknown Last-Event-ID"),
  /** HTTP+SSE: a message POST without its session. */
  SESSION_ID_QUERY_REQUIRED(400, JsonRpcErrorCodes.INVALID_REQUEST, "Bad request: sessionId query parameter is required"),
  /**
   * No usable bearer token (missing, malformed, in the query string, or refused by the
   * authenticator), with a {@code WWW-Authenticate: Bearer} challenge naming the metadata URL.
   */
  UNAUTHORIZED(401, JsonRpcErrorCodes.INVALID_REQUEST, "Unauthorized"),
  /** A valid token lacking a scope the operation needs, with an {@code insufficient_scope} challenge. */
  INSUFFICIENT_SCOPE(403, JsonRpcErrorCodes.INVALID_REQUEST, "Forbidden: insufficient scope"),
  INTERNAL(500, JsonRpcErrorCodes.INTERNAL_ERROR, "Internal error");

  private final int status;
  private final int code;
  private final String message;

  HttpFailure(int status, int code, String message) {
    this.status = status;
    this.code = code;
    this.message = message;
  }

  /** The HTTP status answered for {@code error} under this entry. */
  int status(JsonRpcError error) {
    return this == NOT_ADMITTED && error.code() == JsonRpcErrorCodes.METHOD_NOT_FOUND ? 404 : status;
  }

  /** The HTTP status of an entry with a fixed message. */
  int status() {
    return status;
  }

  /** The error body of an entry with a fixed message, formatted with {@code args} where it has a placeholder. */
  JsonRpcError error(Object... args) {
    if (message == null) {
      throw new IllegalStateException(name() + " takes the error of what refused");
    }
    return JsonRpcError.of(code, args.length == 0 ? message : String.format(java.util.Locale.ROOT, message, args));
  }
}
