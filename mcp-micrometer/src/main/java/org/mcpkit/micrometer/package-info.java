/**
 * Micrometer meters of an mcpkit server: {@link org.mcpkit.micrometer.McpMetrics#observer} gives a
 * {@code ServerObserver} that records operation and session durations on the OpenTelemetry MCP
 * semantic conventions, open streams and active sessions as gauges, and counters of stream ends,
 * keep-alives, authentication failures, refusals and store failures. Every tag value comes from a
 * small fixed set or from names the server registered, so a client cannot grow the tag space.
 */
package org.mcpkit.micrometer;
