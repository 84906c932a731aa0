/**
 * Sealing of {@code requestState}: the HMAC-SHA256 and AES-256-GCM codecs behind {@link
 * org.mcpkit.server.RequestStateCodec}'s factories and the rotating in-memory key ring behind
 * {@link org.mcpkit.server.SealingKeys#rotating}. Not API: not exported, may change in any
 * release; use the factories in {@code org.mcpkit.server}.
 */
package org.mcpkit.internal.seal;
