/** A stdio server for desktop MCP clients. */
package org.mcpkit.examples.stdio;
