package org.mcpkit.server.observe;

/** Why a 2025-era session ended. */
public enum SessionEndReason {
  /** The client deleted it ({@code DELETE} with its {@code Mcp-Session-Id}). */
  DELETED,
  /** It was idle longer than the session idle timeout. */
  EXPIRED,
  /** Its client went away (the HTTP+SSE stream closed). */
  CLIENT_GONE,
  /** The endpoint drained or closed. */
  SERVER_CLOSED
}
