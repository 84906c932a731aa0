/** The Streamable HTTP protocol behind {@link org.mcpkit.server.http.McpHttpEndpoint}. Not API. */
package org.mcpkit.internal.http;
