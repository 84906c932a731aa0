/**
 * Reads {@code org.mcpkit.server.annotation} annotations off an object's methods, once, into
 * tool, resource, template and prompt specs whose handlers call method handles bound at
 * registration. Not API: may change in any release.
 */
package org.mcpkit.internal.annotation;
