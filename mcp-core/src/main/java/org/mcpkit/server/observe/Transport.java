package org.mcpkit.server.observe;

/** The transport a request or session arrived on. */
public enum Transport {
  /** Newline-delimited JSON-RPC over standard input and output. */
  STDIO,
  /** Streamable HTTP (both eras). */
  STREAMABLE_HTTP,
  /** The deprecated HTTP+SSE transport (2024-11-05). */
  HTTP_SSE
}
