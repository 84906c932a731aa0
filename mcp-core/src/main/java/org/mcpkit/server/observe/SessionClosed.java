package org.mcpkit.server.observe;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.mcpkit.protocol.ProtocolVersion;

/**
 * A 2025-era session ended by this instance's doing (a DELETE it served, an expiry its sweep
 * found, an HTTP+SSE stream it held). With several instances sharing a session store each session's
 * end is reported by the instance that ended it, once in the usual case.
 *
 * @param transport its transport
 * @param protocolVersion the negotiated revision, when known
 * @param reason why it ended
 * @param duration how long it lived, from its {@code initialize}
 */
public record SessionClosed(
    Transport transport, Optional<ProtocolVersion> protocolVersion, SessionEndReason reason, Duration duration) {
  /** Validates. */
  public SessionClosed {
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(protocolVersion, "protocolVersion");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(duration, "duration");
  }
}
