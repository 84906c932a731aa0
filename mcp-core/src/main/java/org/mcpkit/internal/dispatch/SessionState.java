package org.mcpkit.internal.dispatch;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;
import java.util.Set;
import org.mcpkit.protocol.ClientCapabilities;
import org.mcpkit.protocol.Implementation;
import org.mcpkit.protocol.LoggingLevel;

/**
 * What a 2025-era session must carry to another server instance (stored as JSON in the {@link
 * org.mcpkit.server.http.SessionStore}'s records): everything {@code initialize} and the client's
 * later requests set, and the session's creation time. Immutable.
 *
 * @param protocolVersion the negotiated revision
 * @param clientInfo the client, or null
 * @param clientCapabilities the client's capabilities, or null for none
 * @param logLevel the level set with {@code logging/setLevel}, or null (all levels)
 * @param principal the name of the principal that created the session, or null
 * @param subscriptions resource URIs subscribed with {@code resources/subscribe}
 * @param createdAt creation time, epoch milliseconds
 * @param initialized whether the client sent {@code notifications/initialized}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SessionState(
    @JsonProperty("protocolVersion") String protocolVersion,
    @JsonProperty("clientInfo") Implementation clientInfo,
    @JsonProperty("clientCapabilities") ClientCapabilities clientCapabilities,
    @JsonProperty("logLevel") LoggingLevel logLevel,
    @JsonProperty("principal") String principal,
    @JsonProperty("subscriptions") Set<String> subscriptions,
    @JsonProperty("createdAt") long createdAt,
    @JsonProperty("initialized") boolean initialized) {

  /** Validates and copies. */
  public SessionState {
    Objects.requireNonNull(protocolVersion, "protocolVersion");
    subscriptions = subscriptions == null ? Set.of() : Set.copyOf(subscriptions);
  }

  /** The state of a live session. */
  public static SessionState of(LegacySession session, long createdAt) {
    return new SessionState(
        session.version().id(),
        session.clientInfo(),
        session.capabilities(),
        session.logLevel(),
        session.principalName(),
        session.subscriptionsSnapshot(),
        createdAt,
        session.initialized());
  }

  /** The client's capabilities, none when it declared none. */
  @JsonIgnore
  public ClientCapabilities capabilities() {
    return clientCapabilities == null ? ClientCapabilities.none() : clientCapabilities;
  }
}
