/** Internals of the JSON Schema module (not exported): compiled schemas, error mapping, bounded regular expressions. */
package org.mcpkit.jsonschema.internal;
