package org.mcpkit.server.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;
import java.util.Optional;

/**
 * A message between the instances of a deployment about one 2025-era session, sent on a {@link
 * SessionBus}. Serializable as JSON, immutable.
 *
 * @param kind what happened
 * @param sessionId the session
 * @param origin the instance that published it
 * @param target the one instance meant, or null for all
 * @param message for {@link Kind#CLIENT_MESSAGE} the client's JSON-RPC message, for {@link
 *     Kind#SERVER_MESSAGE} the server's, as JSON text; null otherwise (wire-like value)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SessionSignal(
    @JsonProperty("kind") Kind kind,
    @JsonProperty("sessionId") String sessionId,
    @JsonProperty("origin") String origin,
    @JsonProperty("target") String target,
    @JsonProperty("message") String message) {

  /** What a signal says. */
  public enum Kind {
    /**
     * A client message for the instance that can act on it: an answer to that instance's request,
     * a cancellation of a call it runs, a message for the HTTP+SSE stream it holds.
     */
    CLIENT_MESSAGE,
    /** The session ended (DELETE, expiry): every instance ends its streams and calls of it. */
    SESSION_ENDED,
    /**
     * The session's record changed (log level, subscriptions, initialized): instances holding the
     * session re-read it from the store.
     */
    SESSION_CHANGED,
    /**
     * A server message for the client's GET stream (e.g. a {@code ping} an application sent
     * through another instance): the instance holding the stream writes it there.
     */
    SERVER_MESSAGE
  }

  /** Validates. */
  public SessionSignal {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(origin, "origin");
    boolean carries = kind == Kind.CLIENT_MESSAGE || kind == Kind.SERVER_MESSAGE;
    if (carries != (message != null)) {
      throw new IllegalArgumentException("message is required exactly for CLIENT_MESSAGE and SERVER_MESSAGE");
    }
  }

  /** A client message for {@code target}, or for every instance when {@code target} is empty. */
  public static SessionSignal clientMessage(String sessionId, String origin, Optional<String> target, String message) {
    return new SessionSignal(Kind.CLIENT_MESSAGE, sessionId, origin, target.orElse(null),
        Objects.requireNonNull(message, "message"));
  }

  /** A server message for whichever instance holds the session's GET stream. */
  public static SessionSignal serverMessage(String sessionId, String origin, String message) {
    return new SessionSignal(Kind.SERVER_MESSAGE, sessionId, origin, null, Objects.requireNonNull(message, "message"));
  }

  /** The session ended. */
  public static SessionSignal sessionEnded(String sessionId, String origin) {
    return new SessionSignal(Kind.SESSION_ENDED, sessionId, origin, null, null);
  }

  /** The session's record changed. */
  public static SessionSignal sessionChanged(String sessionId, String origin) {
    return new SessionSignal(Kind.SESSION_CHANGED, sessionId, origin, null, null);
  }

  /** Whether an instance should act on this signal: not its own, and meant for it or for all. */
  public boolean isFor(String instance) {
    return !origin.equals(instance) && (target == null || target.equals(instance));
  }
}
