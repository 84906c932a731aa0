package org.mcpkit.server.schema;

import java.util.Objects;

/**
 * One way the arguments of a call fail a tool's input schema.
 *
 * @param pointer where in the arguments: an RFC 6901 JSON Pointer ({@code ""} for the arguments
 *     object itself, {@code "/address/city"}, {@code "/tags/0"})
 * @param message one human-readable sentence for the client and the model (for example {@code
 *     argument 'address.city' must be a string}); it is sent to the client, so it names client
 *     input only shortened and sanitized and never holds secrets
 * @since 0.1
 */
public record SchemaProblem(String pointer, String message) {
  /** Creates a problem. */
  public SchemaProblem {
    Objects.requireNonNull(pointer, "pointer");
    Objects.requireNonNull(message, "message");
  }
}
