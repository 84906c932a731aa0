package org.mcpkit.server.observe;

/** The SLF4J MDC keys set while a request is handled ({@link ServerObserver#mdc()}, tracing modules). */
public final class MdcKeys {
  /** The MCP method, e.g. {@code tools/call}. */
  public static final String METHOD = "mcp.method";
  /** The JSON-RPC request id. */
  public static final String REQUEST_ID = "jsonrpc.id";
  /** The tool of a {@code tools/call} the server has. */
  public static final String TOOL_NAME = "gen_ai.tool.name";
  /** The prompt of a {@code prompts/get} the server has. */
  public static final String PROMPT_NAME = "gen_ai.prompt.name";
  /** A short one-way hash of the 2025-era session id (never the id itself). */
  public static final String SESSION_HASH = "mcp.session.hash";
  /** The trace id of the request's span (set by a tracing observer). */
  public static final String TRACE_ID = "trace_id";
  /** The span id of the request's span (set by a tracing observer). */
  public static final String SPAN_ID = "span_id";

  private MdcKeys() {}
}
