/** Actuator health and Micrometer metrics for the auto-configured server; each only when its classes are present. */
package org.mcpkit.spring.boot.actuate;
