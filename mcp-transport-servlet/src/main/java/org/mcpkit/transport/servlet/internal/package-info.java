/** Servlet request/response mapping onto the core exchange SPI. Not API. */
package org.mcpkit.transport.servlet.internal;
