package org.mcpkit.server.observe;

/** What an open Server-Sent Events stream serves. */
public enum StreamKind {
  /** A 2025-era session's standalone GET stream, or a GET resuming a call's stream. */
  GET,
  /** The SSE answer to one POSTed request (notifications, server requests, then the result). */
  POST,
  /** A 2026-07-28 {@code subscriptions/listen} stream. */
  LISTEN,
  /** The session stream of the deprecated HTTP+SSE transport. */
  HTTP_SSE
}
