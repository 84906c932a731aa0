/**
 * The stdio transport behind {@link org.mcpkit.server.stdio.StdioTransport}: one reader thread
 * splitting newline-delimited JSON-RPC, one writer thread with a bounded queue, the shared inbound
 * path for messages and batches. Not exported; no compatibility promise.
 */
package org.mcpkit.internal.stdio;
