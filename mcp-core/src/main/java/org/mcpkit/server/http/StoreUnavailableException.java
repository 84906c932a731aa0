package org.mcpkit.server.http;

import org.mcpkit.jsonrpc.JsonRpcError;
import org.mcpkit.jsonrpc.JsonRpcErrorCodes;
import org.mcpkit.server.McpException;

/**
 * Thrown by a {@link SessionStore}, {@link EventStore} or {@link SessionBus} that cannot reach its
 * shared backend (for example Redis) within its bounded timeout. The HTTP engine answers the
 * request that needed it with 503, a JSON-RPC error and {@code Retry-After} (fail closed), never
 * with data of its own memory; the cause stays local and never reaches the client.
 */
public class StoreUnavailableException extends McpException {
  private static final long serialVersionUID = 1L;

  /** The public message of the refusal. */
  public static final String MESSAGE = "Service unavailable: shared session state is unreachable, retry later";

  /** Creates the exception with a local cause (logged, never sent). */
  public StoreUnavailableException(Throwable cause) {
    super(JsonRpcError.of(JsonRpcErrorCodes.INTERNAL_ERROR, MESSAGE), cause);
  }

  /** Whether {@code error} or one of its causes is a store failure of this kind. */
  public static boolean isCause(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof StoreUnavailableException) {
        return true;
      }
    }
    return false;
  }
}
