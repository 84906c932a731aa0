package org.mcpkit.server.secret;

import java.util.Objects;
import org.mcpkit.jsonrpc.JsonRpcError;
import org.mcpkit.jsonrpc.JsonRpcErrorCodes;
import org.mcpkit.server.McpException;

/**
 * A {@link SecretSource} could not produce a secret: it does not exist, cannot be read, or its
 * backend failed and no earlier value may be served. The message sent to a client is a fixed
 * internal error; the secret's name and the cause stay local (logs), and no secret value is ever
 * part of either.
 */
public final class SecretUnavailableException extends McpException {
  private static final long serialVersionUID = 1L;

  /** The public message (what a client sees if this reaches a response). */
  public static final String MESSAGE = "Internal error";

  private final String secretName;
  private final String problem;

  /** {@code name} could not be read because of {@code problem} (a short text without any secret value). */
  public SecretUnavailableException(String name, String problem) {
    this(name, problem, null);
  }

  /** As {@link #SecretUnavailableException(String, String)}, with a local cause. */
  public SecretUnavailableException(String name, String problem, Throwable cause) {
    super(JsonRpcError.of(JsonRpcErrorCodes.INTERNAL_ERROR, MESSAGE), cause);
    this.secretName = Objects.requireNonNull(name, "name");
    this.problem = Objects.requireNonNull(problem, "problem");
  }

  /** The name of the secret that could not be read. */
  public String secretName() {
    return secretName;
  }

  /** What went wrong, for logs: names the secret, never its value. */
  public String problem() {
    return problem;
  }

  @Override
  public String toString() {
    return "SecretUnavailableException[" + secretName + ": " + problem + "]";
  }
}
