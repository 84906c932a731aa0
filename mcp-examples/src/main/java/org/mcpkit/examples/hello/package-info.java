/** A hello tool on embedded Undertow and Tomcat, as a lambda and as an annotated method. */
package org.mcpkit.examples.hello;
