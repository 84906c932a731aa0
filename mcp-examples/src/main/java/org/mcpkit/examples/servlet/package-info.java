/** The examples in a servlet container (embedded Tomcat). */
package org.mcpkit.examples.servlet;
