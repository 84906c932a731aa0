/**
 * mcpkit in a WAR: a {@link jakarta.servlet.ServletContainerInitializer} registers the MCP servlet,
 * so the application deploys unchanged into any Servlet 6 container (tested on standalone Tomcat 11
 * and Jetty 12).
 */
package org.mcpkit.examples.war;
