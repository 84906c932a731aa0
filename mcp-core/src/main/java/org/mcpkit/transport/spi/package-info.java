/**
 * The container-neutral exchange SPI transports implement: one HTTP request in (method, headers,
 * a bounded body read asynchronously), one response out (status, headers, then body chunks written
 * without blocking). Experimental until both transports pass the transport contract kit.
 */
package org.mcpkit.transport.spi;
