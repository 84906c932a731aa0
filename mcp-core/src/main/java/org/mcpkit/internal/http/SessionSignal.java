package org.mcpkit.internal.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import org.mcpkit.internal.json.Json;

/**
 * A message between the instances of a deployment about one 2025-era session, carried by the
 * {@link org.mcpkit.server.http.SessionBus} as JSON bytes. Immutable.
 *
 * @param kind what happened
 * @param sessionId the session
 * @param origin the instance that published it
 * @param target the one instance meant, or null for all
 * @param message for {@link Kind#CLIENT_MESSAGE} the client's JSON-RPC message, for {@link
 *     Kind#SERVER_MESSAGE} the server's, as JSON text; null otherwise
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record SessionSignal(
    @JsonProperty("kind") Kind kind,
    @JsonProperty("sessionId") String sessionId,
    @JsonProperty("origin") String origin,
    @JsonProperty("target") String target,
    @JsonProperty("message") String message) {

  /** What a signal says. */
  enum Kind {
    /**
     * A client message for the instance that can act on it: an answer to that instance's request,
     * a cancellation of a call it runs.
     */
    CLIENT_MESSAGE,
    /** The session ended (DELETE, expiry): every instance ends its streams and calls of it. */
    SESSION_ENDED,
    /** The session's record changed: instances holding the session re-read it from the store. */
    SESSION_CHANGED,
    /** A server message for the client's GET stream: the instance holding the stream writes it. */
    SERVER_MESSAGE
  }

  SessionSignal {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(origin, "origin");
    boolean carries = kind == Kind.CLIENT_MESSAGE || kind == Kind.SERVER_MESSAGE;
    if (carries != (message != null)) {
      throw new IllegalArgumentException("message is required exactly for CLIENT_MESSAGE and SERVER_MESSAGE");
    }
  }

  /** A client message for {@code target}, or for every instance when {@code target} is empty. */
  static SessionSignal clientMessage(String sessionId, String origin, Optional<String> target, String message) {
    return new SessionSignal(Kind.CLIENT_MESSAGE, sessionId, origin, target.orElse(null), Objects.requireNonNull(message, "message"));
  }

  /** A server message for whichever instance holds the session's GET stream. */
  static SessionSignal serverMessage(String sessionId, String origin, String message) {
    return new SessionSignal(Kind.SERVER_MESSAGE, sessionId, origin, null, Objects.requireNonNull(message, "message"));
  }

  /** The session ended. */
  static SessionSignal sessionEnded(String sessionId, String origin) {
    return new SessionSignal(Kind.SESSION_ENDED, sessionId, origin, null, null);
  }

  /** The session's record changed. */
  static SessionSignal sessionChanged(String sessionId, String origin) {
    return new SessionSignal(Kind.SESSION_CHANGED, sessionId, origin, null, null);
  }

  /** Whether an instance should act on this signal: not its own, and meant for it or for all. */
  boolean isFor(String instance) {
    return !origin.equals(instance) && (target == null || target.equals(instance));
  }

  /** The signal as the bus carries it. */
  byte[] encode() {
    try {
      return Json.mapper().writeValueAsBytes(this);
    } catch (IOException e) {
      throw new IllegalStateException("a session signal is always serializable", e);
    }
  }

  /** A signal read off the bus; empty when the bytes are not one. */
  static Optional<SessionSignal> decode(byte[] bytes) {
    try {
      return Optional.of(Json.mapper().readValue(bytes, SessionSignal.class));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
