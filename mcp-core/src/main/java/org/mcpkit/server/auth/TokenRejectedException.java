package org.mcpkit.server.auth;

import java.util.Objects;
import org.mcpkit.jsonrpc.JsonRpcError;
import org.mcpkit.jsonrpc.JsonRpcErrorCodes;
import org.mcpkit.server.McpException;
import org.mcpkit.server.observe.AuthFailure;

/**
 * An {@link Authenticator} refused a token. The client only ever sees the endpoint's fixed 401
 * answer; the reason goes to the WARN log line and the observer. Neither the reason nor anything
 * else here carries the token.
 */
public final class TokenRejectedException extends McpException {
  private static final long serialVersionUID = 1L;

  private final transient AuthFailure.Reason reason;

  /** A refusal for {@code reason}. */
  public TokenRejectedException(AuthFailure.Reason reason) {
    super(JsonRpcError.of(JsonRpcErrorCodes.INVALID_REQUEST, "Unauthorized"));
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** A refusal for {@code reason}, caused by {@code cause} (kept for debugging; never shown to the client). */
  public TokenRejectedException(AuthFailure.Reason reason, Throwable cause) {
    super(JsonRpcError.of(JsonRpcErrorCodes.INVALID_REQUEST, "Unauthorized"), cause);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** Why the token was refused. */
  public AuthFailure.Reason reason() {
    return reason;
  }
}
