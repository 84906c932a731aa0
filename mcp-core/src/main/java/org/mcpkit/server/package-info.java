/**
 * The server API: {@link org.mcpkit.server.McpServer} and its builder, the handler interfaces, the
 * {@link org.mcpkit.server.RequestContext} handlers use to report progress and ask for input, and
 * the sealing of input-required state.
 */
package org.mcpkit.server;
