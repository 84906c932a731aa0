/** Internals of the Spring Boot integration; not an API, may change in any release. */
package org.mcpkit.spring.boot.internal;
