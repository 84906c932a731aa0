/** A hello tool on embedded Undertow. */
package org.mcpkit.examples.hello;
