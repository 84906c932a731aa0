package org.mcpkit.internal.http;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.mcpkit.server.http.McpHeaders;
import org.mcpkit.server.http.SessionStore;
import org.mcpkit.server.observe.StoreFailure;
import org.mcpkit.server.observe.StreamCloseReason;
import org.mcpkit.server.observe.StreamKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The streams of 2025-era sessions that are not a POST's answer: the one standalone GET stream per
 * session (across instances, through expiring claims in the {@link SessionStore}, renewed while
 * open), resumption of a call's stream with {@code Last-Event-ID}, and DELETE. Thread-safe.
 */
final class SessionStreams {
  private static final Logger LOG = LoggerFactory.getLogger(SessionStreams.class);
  private static final Duration LEASE = Duration.ofMillis(EndpointCore.STREAM_CLAIM_MILLIS);
  private final EndpointCore core;
  private final LegacySessions sessions;
  private final SessionStore store;

  SessionStreams(EndpointCore core, LegacySessions sessions) {
    this.core = core;
    this.sessions = sessions;
    this.store = core.options.sessionStore();
  }

  /** GET with a session id: the session's standalone stream, or a resumption. */
  void get(Exchange exchange, String sessionId) {
    if (!AcceptHeader.accepts(exchange.headers("Accept"), AcceptHeader.SSE)) {
      core.responses.fail(exchange, HttpFailure.STREAM_NOT_ACCEPTABLE);
      return;
    }
    SessionEntry entry = sessions.lookup(exchange, sessionId, null);
    if (entry == null) {
      return;
    }
    Optional<String> lastEventId = exchange.trimmed(McpHeaders.LAST_EVENT_ID);
    if (lastEventId.isPresent()) {
      resume(exchange, sessionId, lastEventId.get());
      return;
    }
    if (!core.dispatcher.eventsAvailable()) {
      core.storeUnavailable(exchange); // a GET stream on a bus that cannot reach the others would miss events
      return;
    }
    if (!entry.openGetStream()) {
      core.responses.fail(exchange, HttpFailure.STREAM_CONFLICT);
      return;
    }
    // The slot here is free; the store says whether another instance holds the session's stream.
    String holder = core.newStreamHolder();
    if (!store.claimStream(sessionId, holder, core.now(), LEASE)) {
      entry.releaseClaim();
      core.responses.fail(exchange, HttpFailure.STREAM_CONFLICT);
      return;
    }
    entry.claimed(sessionId, holder);
    Map<String, String> headers = Responses.sseHeaders();
    headers.put(McpHeaders.SESSION_ID, sessionId);
    EventStream[] self = new EventStream[1];
    EventStream stream = core.stream(exchange.respond(200, headers), StreamKind.GET, () -> entry.detach(self[0]));
    self[0] = stream;
    entry.attach(stream, m -> stream.event(core.codec.encode(m)));
    stream.send(EventStream.COMMENT);
    stream.startKeepAlive(core.timers, core.options.keepAlive().toMillis());
    core.limitAge(stream, () -> {
      core.endWithRetry(stream, StreamCloseReason.MAX_AGE);
      entry.detach(stream);
    });
  }

  /** GET with {@code Last-Event-ID}: replays what the client missed on that stream, exactly once. */
  private void resume(Exchange exchange, String sessionId, String lastEventId) {
    if (!StreamIds.belongsTo(lastEventId, sessionId)) {
      core.responses.fail(exchange, HttpFailure.UNKNOWN_LAST_EVENT_ID);
      return;
    }
    // An id of this session the store no longer knows (past retention): a clean, empty replay.
    Optional<String> stream = core.options.eventStore().streamOf(lastEventId);
    Map<String, String> headers = Responses.sseHeaders();
    headers.put(McpHeaders.SESSION_ID, sessionId);
    EventStream resumed = core.stream(exchange.respond(200, headers), StreamKind.GET, () -> {});
    resumed.startKeepAlive(core.timers, core.options.keepAlive().toMillis());
    // Replay off the container thread, like every other stream write: a container may not let a
    // request thread both write and complete a non-blocking response.
    core.scheduler().execute(() -> {
      Responder live = stream.map(core.resumable::get).orElse(null);
      if (live != null) {
        live.reattach(resumed, lastEventId);
        return;
      }
      Responder.replay(core.options.eventStore(), resumed, lastEventId);
      resumed.finish();
    });
  }

  /** DELETE: ends the session everywhere. */
  void delete(Exchange exchange, String sessionId) {
    if (sessions.lookup(exchange, sessionId, null) == null) {
      return;
    }
    sessions.end(sessionId, org.mcpkit.server.observe.SessionEndReason.DELETED);
    core.responses.empty(exchange, 200);
  }

  /**
   * Ends this instance's open GET streams with a {@code retry:} hint, for {@code reason}: the client
   * comes back (to any instance) once it can be served again.
   */
  void endGetStreams(StreamCloseReason reason) {
    for (Map.Entry<String, SessionEntry> e : sessions.locals()) {
      SessionEntry entry = e.getValue();
      EventStream stream = entry.getStream;
      if (stream != null) {
        core.endWithRetry(stream, reason);
        entry.detach(stream);
      }
    }
  }

  /** Keeps this instance's claims on its open GET streams from expiring. */
  void renewClaims() {
    try {
      for (Map.Entry<String, SessionEntry> e : sessions.locals()) {
        SessionEntry entry = e.getValue();
        String holder = entry.streamHolder;
        if (holder != null && !store.claimStream(e.getKey(), holder, core.now(), LEASE)) {
          // The claim lapsed (this instance stalled longer than a lease) and another stream took
          // it, or the session is gone: this stream ends, so the session keeps exactly one.
          EventStream stream = entry.getStream;
          if (stream != null && holder.equals(entry.streamHolder)) {
            core.endWithRetry(stream, StreamCloseReason.CLAIM_LOST);
            entry.detach(stream);
          }
        }
      }
    } catch (RuntimeException e) {
      LOG.warn("Renewing GET stream claims failed", e);
      core.storeFailed(StoreFailure.Component.SESSION_STORE, "renew_claims", e);
    }
  }
}
