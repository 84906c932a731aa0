/**
 * A vault for per-user upstream credentials (a tool calling GitHub or Jira on behalf of the
 * signed-in user): {@link org.mcpkit.server.vault.TokenVault} encrypts each credential with its own
 * AES-256-GCM data key, wraps that key with a pluggable {@link
 * org.mcpkit.server.vault.KeyEncryptionKey} (a local key for development here, AWS KMS in {@code
 * mcp-aws}) and keeps only ciphertext in a {@link org.mcpkit.server.vault.VaultStore}, under a key
 * derived from the owner's issuer and subject.
 */
package org.mcpkit.server.vault;
