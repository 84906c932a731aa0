/**
 * Embedded Undertow transport: {@link org.mcpkit.transport.undertow.McpUndertowHandler} to mount
 * in your own Undertow routing, {@link org.mcpkit.transport.undertow.UndertowMcpServer} for a
 * turnkey server. Both only map Undertow's exchange onto the core endpoint.
 */
package org.mcpkit.transport.undertow;
