/** The stdio transport: newline-delimited JSON-RPC on a process's standard input and output. */
package org.mcpkit.server.stdio;
