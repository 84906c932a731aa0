/**
 * Spring Boot auto-configuration for mcpkit: on a servlet web application it builds the {@link
 * org.mcpkit.server.McpServer} from beans, serves it with {@code McpServlet} at {@code mcp.path} and
 * binds the {@code mcp.*} settings ({@link org.mcpkit.spring.boot.McpProperties}). Works on Spring
 * Boot 3.5 and 4.0.
 */
package org.mcpkit.spring.boot;
