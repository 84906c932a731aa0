/** The Spring Boot conformance server (the same sources build on Boot 3.5 and 4.0). */
package org.mcpkit.spring.boot.conformance;
