package org.mcpkit.jsonrpc;

/**
 * Any JSON-RPC 2.0 message. The union is closed: JSON-RPC 2.0 is a frozen standard.
 *
 * <p>All implementations are immutable records.
 */
public sealed interface JsonRpcMessage
    permits JsonRpcRequest, JsonRpcNotification, JsonRpcResponse {}
