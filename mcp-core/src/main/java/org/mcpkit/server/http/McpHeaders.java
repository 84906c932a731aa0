package org.mcpkit.server.http;

/** HTTP header names of the MCP Streamable HTTP transport. */
public final class McpHeaders {
  /** The protocol revision of a request. */
  public static final String PROTOCOL_VERSION = "MCP-Protocol-Version";
  /** The JSON-RPC method of a request (2026-07-28). */
  public static final String METHOD = "Mcp-Method";
  /** The tool or prompt name, or resource URI, of a request (2026-07-28). */
  public static final String NAME = "Mcp-Name";
  /** Prefix of headers mirroring tool arguments marked with {@code x-mcp-header}. */
  public static final String PARAM_PREFIX = "Mcp-Param-";
  /** Legacy session id. */
  public static final String SESSION_ID = "Mcp-Session-Id";
  /** Legacy stream resumption. */
  public static final String LAST_EVENT_ID = "Last-Event-ID";

  private McpHeaders() {}
}
