/**
 * JSON-RPC 2.0 envelope types: the four message kinds, request ids and error objects. These types
 * are immutable values; the codec that reads and writes them lives in an internal package.
 */
package org.mcpkit.jsonrpc;
