/**
 * Annotations that turn methods of a plain object into tools, resources, prompts and completions:
 * {@link org.mcpkit.server.annotation.McpTool}, {@link org.mcpkit.server.annotation.McpResource},
 * {@link org.mcpkit.server.annotation.McpPrompt}, {@link org.mcpkit.server.annotation.McpCompletion},
 * with {@link org.mcpkit.server.annotation.McpArg} on parameters. Registered with {@link
 * org.mcpkit.server.McpServer.Builder#annotated(Object)}, which reads them once; calls go through
 * method handles bound at registration.
 */
package org.mcpkit.server.annotation;
