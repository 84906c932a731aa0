/**
 * Streamable HTTP for both protocol eras, behind the container-neutral exchange SPI: {@link
 * org.mcpkit.server.http.McpHttpEndpoint} is the single entry point transports call, with its
 * options and the Origin and Host policies that are on by default.
 */
package org.mcpkit.server.http;
