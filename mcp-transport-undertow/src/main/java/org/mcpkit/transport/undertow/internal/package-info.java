/** Undertow exchange mapping and TLS key material. Not API. */
package org.mcpkit.transport.undertow.internal;
