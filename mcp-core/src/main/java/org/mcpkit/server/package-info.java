/**
 * The server API: McpServer, its builder, handler interfaces and the request context. Tool
 * arguments declared as records are documented with {@link org.mcpkit.server.Description}, and
 * resource templates are described by {@link org.mcpkit.server.UriTemplate}.
 */
package org.mcpkit.server;
