package org.mcpkit.internal.dispatch;

import java.util.Objects;
import java.util.Optional;
import org.mcpkit.jsonrpc.JsonRpcError;
import org.mcpkit.jsonrpc.JsonRpcRequest;

/**
 * What admission decided for one request, made once per request by {@link Dispatcher#admit} and
 * handed to {@link Dispatcher#dispatch(Admission, TransportContext, ResponseSink, boolean)}: a
 * transport that checks more (the HTTP endpoint's header rules) reads the parsed {@code _meta}
 * from here instead of parsing it again.
 */
public sealed interface Admission {
  /** The request admission looked at. */
  JsonRpcRequest request();

  /** The error the request is refused with, or empty when it may run. */
  default Optional<JsonRpcError> refusal() {
    return Optional.empty();
  }

  /** Which of the server's paths an admitted request takes. */
  enum Path {
    /** A 2026-07-28 request: its own {@code _meta} carries version and capabilities. */
    MODERN,
    /** {@code initialize} of a 2025-era client: opens a session on the connection. */
    INITIALIZE,
    /** A request of the connection's 2025-era session. */
    SESSION
  }

  /**
   * The request may run.
   *
   * @param meta what its {@code _meta} (or its session) says; null for {@code initialize}
   * @param session the session a {@link Path#SESSION} request belongs to, else null
   */
  record Admitted(JsonRpcRequest request, Path path, RequestMeta meta, LegacySession session) implements Admission {
    /** Validates. */
    public Admitted {
      Objects.requireNonNull(request, "request");
      Objects.requireNonNull(path, "path");
    }
  }

  /** The request is refused; its answer is {@code error}. */
  record Refused(JsonRpcRequest request, JsonRpcError error) implements Admission {
    /** Validates. */
    public Refused {
      Objects.requireNonNull(request, "request");
      Objects.requireNonNull(error, "error");
    }

    @Override
    public Optional<JsonRpcError> refusal() {
      return Optional.of(error);
    }
  }
}
