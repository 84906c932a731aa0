/**
 * Secrets for the server: the {@link org.mcpkit.server.secret.SecretSource} SPI (a named secret in,
 * bytes out), sources reading the process environment and mounted files, a {@linkplain
 * org.mcpkit.server.secret.SecretSource#refreshing refreshing} cache with stale-on-error, and
 * {@link org.mcpkit.server.secret.SecretKeyRing}: {@code requestState} sealing keys kept in a
 * secret, so keys rotate across a fleet without a restart. Secret values never appear in logs,
 * exception messages or {@code toString()}.
 */
package org.mcpkit.server.secret;
