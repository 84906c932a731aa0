package org.mcpkit.server.observe;

import java.util.Objects;
import java.util.Optional;
import org.mcpkit.protocol.ProtocolVersion;

/**
 * A 2025-era session was opened on this instance.
 *
 * @param transport its transport
 * @param protocolVersion the negotiated revision; empty for an HTTP+SSE session, whose stream opens
 *     before its {@code initialize}
 */
public record SessionOpened(Transport transport, Optional<ProtocolVersion> protocolVersion) {
  /** Validates. */
  public SessionOpened {
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(protocolVersion, "protocolVersion");
  }
}
