package org.mcpkit.server.observe;

import java.util.Objects;
import java.util.Optional;
import org.mcpkit.jsonrpc.JsonRpcError;

/**
 * How a request ended.
 *
 * @param status the kind of ending
 * @param error the JSON-RPC error it was answered with ({@link Status#ERROR} only)
 * @param result the result as sent ({@link Status#SUCCESS} and {@link Status#TOOL_ERROR}): a
 *     protocol record or a JSON tree; may be sensitive, record it only when the user opted in
 */
public record RequestOutcome(Status status, Optional<JsonRpcError> error, Optional<Object> result) {
  /** The {@code error.type} of a tool result with {@code isError: true}. */
  public static final String TOOL_ERROR = "tool_error";
  /** The {@code error.type} of a cancelled request. */
  public static final String CANCELLED = "cancelled";

  /** The kind of ending. */
  public enum Status {
    /** A result was sent. */
    SUCCESS,
    /** A {@code tools/call} result with {@code isError: true} was sent (an HTTP 200 otherwise invisible). */
    TOOL_ERROR,
    /** A JSON-RPC error was sent. */
    ERROR,
    /** The request was cancelled (by the client, a disconnect, a drain or its session's end): nothing was sent. */
    CANCELLED
  }

  /** Validates: an error exactly for {@link Status#ERROR}, a result only for a sent result. */
  public RequestOutcome {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(error, "error");
    Objects.requireNonNull(result, "result");
    if (error.isPresent() != (status == Status.ERROR)) {
      throw new IllegalArgumentException("an error is required exactly for ERROR");
    }
    if (result.isPresent() && status != Status.SUCCESS && status != Status.TOOL_ERROR) {
      throw new IllegalArgumentException("only a sent result has a result");
    }
  }

  /** A result was sent. */
  public static RequestOutcome success(Object result) {
    return new RequestOutcome(Status.SUCCESS, Optional.empty(), Optional.of(result));
  }

  /** A tool result with {@code isError: true} was sent. */
  public static RequestOutcome toolError(Object result) {
    return new RequestOutcome(Status.TOOL_ERROR, Optional.empty(), Optional.of(result));
  }

  /** A JSON-RPC error was sent. */
  public static RequestOutcome error(JsonRpcError error) {
    return new RequestOutcome(Status.ERROR, Optional.of(error), Optional.empty());
  }

  /** The request was cancelled. */
  public static RequestOutcome cancelled() {
    return new RequestOutcome(Status.CANCELLED, Optional.empty(), Optional.empty());
  }

  /**
   * The OpenTelemetry {@code error.type}: {@value #TOOL_ERROR}, the JSON-RPC error code as a
   * string (e.g. {@code -32602}), {@value #CANCELLED}, or empty for a success.
   */
  public Optional<String> errorType() {
    return switch (status) {
      case SUCCESS -> Optional.empty();
      case TOOL_ERROR -> Optional.of(TOOL_ERROR);
      case ERROR -> Optional.of(Integer.toString(error.get().code()));
      case CANCELLED -> Optional.of(CANCELLED);
    };
  }
}
