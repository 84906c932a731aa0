package org.mcpkit.jsonrpc;

/** JSON-RPC and MCP error codes. */
public final class JsonRpcErrorCodes {
  /** Invalid JSON was received. */
  public static final int PARSE_ERROR = -32700;
  /** The JSON is not a valid request object (also: a rejected batch). */
  public static final int INVALID_REQUEST = -32600;
  /** The method does not exist or its server capability is not advertised. */
  public static final int METHOD_NOT_FOUND = -32601;
  /** Invalid method parameters, unknown tool or prompt, bad cursor, missing {@code _meta}. */
  public static final int INVALID_PARAMS = -32602;
  /** Internal error. */
  public static final int INTERNAL_ERROR = -32603;
  /** Legacy (2025-11-25 and earlier): resource not found. Modern servers use -32602. */
  public static final int RESOURCE_NOT_FOUND = -32002;
  /** 2026-07-28: HTTP headers missing, malformed, or not matching the body. */
  public static final int HEADER_MISMATCH = -32020;
  /** 2026-07-28: the request needs a client capability it did not declare. */
  public static final int MISSING_REQUIRED_CLIENT_CAPABILITY = -32021;
  /** 2026-07-28: the requested protocol version is not supported. */
  public static final int UNSUPPORTED_PROTOCOL_VERSION = -32022;

  private JsonRpcErrorCodes() {}
}
