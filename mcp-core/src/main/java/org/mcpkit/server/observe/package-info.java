/**
 * Observation of a running server, for metrics, traces and log context: a {@link
 * org.mcpkit.server.observe.ServerObserver} attached with {@code McpServer.Builder.observer} hears
 * every request (start, the handler's run, the outcome) on every transport, and from the HTTP
 * endpoint the streams, sessions, keep-alives, refusals and store or bus failures. The values it is
 * given are immutable records and small enums; names that come from clients reach it only when the
 * server registered them, so tags built from them stay bounded. With nothing attached the engine
 * calls nothing and allocates nothing for observation.
 */
package org.mcpkit.server.observe;
