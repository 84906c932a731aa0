/**
 * RFC 6570 URI Templates behind {@link org.mcpkit.server.UriTemplate}: {@link
 * org.mcpkit.internal.uri.TemplateParser} turns a template string into {@link
 * org.mcpkit.internal.uri.TemplatePart}s (literals and expressions), {@link
 * org.mcpkit.internal.uri.TemplateExpander} expands those parts with variable values, {@link
 * org.mcpkit.internal.uri.TemplateMatcher} matches URIs against them and extracts the values, and
 * {@link org.mcpkit.internal.uri.PercentCodec} does the percent-encoding both directions share.
 * Not API: may change in any release.
 */
package org.mcpkit.internal.uri;
