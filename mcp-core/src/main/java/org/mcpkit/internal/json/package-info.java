/** Jackson configuration and the JSON-RPC codec. Not API: may change in any release. */
package org.mcpkit.internal.json;
