/**
 * OpenTelemetry traces of an mcpkit server: {@link org.mcpkit.opentelemetry.McpTracing#observer}
 * gives a {@code ServerObserver} that starts a SERVER span per request on the MCP semantic
 * conventions, parented from the trace context in {@code params._meta} (or the HTTP headers), made
 * current while the handler runs so the user's own spans nest under it, with the trace and span ids
 * in the SLF4J MDC. Only the OpenTelemetry API is used; the SDK and exporters are the application's.
 */
package org.mcpkit.opentelemetry;
