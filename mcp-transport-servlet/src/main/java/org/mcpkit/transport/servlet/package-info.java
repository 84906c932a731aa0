/**
 * Jakarta servlet transport: {@link org.mcpkit.transport.servlet.McpServlet} to register as a
 * servlet, or {@link org.mcpkit.transport.servlet.McpServletAdapter} to call from your own servlet
 * or filter. Both only map the servlet request onto the core endpoint.
 */
package org.mcpkit.transport.servlet;
