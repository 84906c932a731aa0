/**
 * JSON Schema support: schemas derived from records, binding of tool arguments to records, and a
 * small bounded validator for raw schemas. Not API: may change in any release.
 */
package org.mcpkit.internal.schema;
