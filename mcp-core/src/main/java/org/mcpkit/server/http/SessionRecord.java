package org.mcpkit.server.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import org.mcpkit.protocol.ClientCapabilities;
import org.mcpkit.protocol.Implementation;
import org.mcpkit.protocol.LoggingLevel;

/**
 * Everything a 2025-era session needs that must survive a move to another server instance:
 * serializable as JSON, immutable.
 *
 * @param id the session id
 * @param protocolVersion the negotiated revision
 * @param clientInfo the client
 * @param clientCapabilities the client's capabilities
 * @param logLevel the level set with {@code logging/setLevel}, or null (all levels)
 * @param principal the name of the principal that created the session, or null
 * @param subscriptions resource URIs subscribed with {@code resources/subscribe}
 * @param createdAt creation time, epoch milliseconds
 * @param lastUsedAt last request time, epoch milliseconds
 * @param initialized whether the client sent {@code notifications/initialized} (before it, the
 *     server sends it no requests other than {@code ping})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SessionRecord(
    @JsonProperty("id") String id,
    @JsonProperty("protocolVersion") String protocolVersion,
    @JsonProperty("clientInfo") Implementation clientInfo,
    @JsonProperty("clientCapabilities") ClientCapabilities clientCapabilities,
    @JsonProperty("logLevel") LoggingLevel logLevel,
    @JsonProperty("principal") String principal,
    @JsonProperty("subscriptions") Set<String> subscriptions,
    @JsonProperty("createdAt") long createdAt,
    @JsonProperty("lastUsedAt") long lastUsedAt,
    @JsonProperty("initialized") boolean initialized) {

  /** Validates and copies. */
  public SessionRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(protocolVersion, "protocolVersion");
    subscriptions = subscriptions == null ? Set.of() : Set.copyOf(subscriptions);
  }

  /** A copy last used at the given time. */
  public SessionRecord touchedAt(Instant time) {
    return new SessionRecord(id, protocolVersion, clientInfo, clientCapabilities, logLevel, principal,
        subscriptions, createdAt, time.toEpochMilli(), initialized);
  }
}
