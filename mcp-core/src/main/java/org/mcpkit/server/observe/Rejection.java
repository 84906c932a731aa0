package org.mcpkit.server.observe;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * A message refused before it reached a handler: by the HTTP engine's failure table (Origin, Host,
 * Accept, Content-Type, body size, malformed JSON, header mismatch, unknown session, admission, a
 * full server) or by the stdio reader (a line too long, malformed JSON).
 *
 * @param transport where it arrived
 * @param reason the refusal, a low-cardinality lower-case name such as {@code payload_too_large},
 *     {@code origin_not_allowed}, {@code malformed_message}, {@code session_not_found}, {@code
 *     not_admitted}
 * @param httpStatus the HTTP status answered; empty on stdio
 * @param errorCode the JSON-RPC error code of the answer
 */
public record Rejection(Transport transport, String reason, OptionalInt httpStatus, int errorCode) {
  /** Validates. */
  public Rejection {
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(httpStatus, "httpStatus");
  }
}
