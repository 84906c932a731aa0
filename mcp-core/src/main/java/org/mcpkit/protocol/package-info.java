/**
 * MCP wire types: immutable records for every server-side type of protocol revision 2026-07-28,
 * plus the version-dependent rules of the 2025 revisions behind {@link org.mcpkit.protocol.ProtocolVersion}.
 *
 * <p>Optional record components are {@code null} when absent on the wire (the one place the API
 * uses null); collections are never null. Unions that grow with the specification, such as
 * {@link org.mcpkit.protocol.Content}, are open: keep a {@code default} branch when switching.
 */
package org.mcpkit.protocol;
