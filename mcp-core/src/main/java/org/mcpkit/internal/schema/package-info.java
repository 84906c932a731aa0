/** JSON Schema derivation from records, argument binding and validation. Not API. */
package org.mcpkit.internal.schema;
