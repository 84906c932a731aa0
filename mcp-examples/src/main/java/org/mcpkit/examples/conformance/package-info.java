/** The conformance "everything" server the official MCP test suite drives. */
package org.mcpkit.examples.conformance;
