package org.mcpkit.internal.http;

import java.io.IOException;
import java.security.Principal;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.mcpkit.internal.dispatch.Connection;
import org.mcpkit.internal.dispatch.LegacySession;
import org.mcpkit.internal.dispatch.SessionState;
import org.mcpkit.internal.dispatch.TransportContext;
import org.mcpkit.internal.json.Json;
import org.mcpkit.jsonrpc.RequestId;
import org.mcpkit.protocol.LoggingLevel;
import org.mcpkit.protocol.ProtocolVersion;
import org.mcpkit.server.http.McpHeaders;
import org.mcpkit.server.http.SessionRecord;
import org.mcpkit.server.http.SessionStore;
import org.mcpkit.server.observe.SessionClosed;
import org.mcpkit.server.observe.SessionEndReason;
import org.mcpkit.server.observe.SessionOpened;
import org.mcpkit.server.observe.StoreFailure;
import org.mcpkit.server.observe.StreamCloseReason;
import org.mcpkit.server.observe.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The 2025-era sessions of Streamable HTTP: their records in the {@link SessionStore} (any
 * instance sharing the store serves any session, rebuilding one it has not seen and adopting what
 * another instance changed), this instance's copies, and their end by DELETE, by idle expiry or on
 * another instance. Thread-safe.
 */
final class LegacySessions {
  private static final Logger LOG = LoggerFactory.getLogger(LegacySessions.class);
  private final EndpointCore core;
  private final SessionStore store;
  private final Map<String, SessionEntry> sessions = new ConcurrentHashMap<>();
  /** Most claim releases kept for a retry; a claim not released lapses with its lease anyway. */
  private static final int MAX_PENDING_RELEASES = 10_000;
  /** GET stream claims (session id to holder) to release once the store answers again. */
  private final Map<String, String> pendingReleases = new ConcurrentHashMap<>();

  LegacySessions(EndpointCore core) {
    this.core = core;
    this.store = core.options.sessionStore();
  }

  /** Holds and saves the session {@code initialize} just opened on {@code context}. */
  void open(LegacySession session, TransportContext context) {
    context.connection().relay(relay(session.id()));
    SessionEntry entry = new SessionEntry(this, context.connection(), context, core.clock.millis());
    sessions.put(session.id(), entry);
    persist(session, entry);
    if (core.observing) {
      core.observer.sessionOpened(new SessionOpened(Transport.STREAMABLE_HTTP, Optional.of(session.version())));
    }
  }

  /**
   * Where a message for one session goes when this instance holds none of its streams: to the
   * instance whose claim on the session's GET stream the store shows (a session signal), else
   * nowhere.
   */
  private java.util.function.Consumer<org.mcpkit.jsonrpc.JsonRpcMessage> relay(String id) {
    return m -> {
      if (store.streamClaimed(id, core.now())) {
        core.publish(SessionSignal.serverMessage(
            id, core.instanceId, new String(core.codec.encode(m), java.nio.charset.StandardCharsets.UTF_8)));
      }
    };
  }

  /** Number of live sessions in the store. */
  int count() {
    return store.count();
  }

  /** Number of sessions this instance holds a copy of. */
  int localCount() {
    return sessions.size();
  }

  /** This instance's copy of a session, or null. */
  SessionEntry local(String id) {
    return sessions.get(id);
  }

  /** This instance's copies, by session id. */
  Set<Map.Entry<String, SessionEntry>> locals() {
    return sessions.entrySet();
  }

  /**
   * The session a request names, checked: unknown or another principal's is 404 (ids are not
   * credentials, and a 403 would confirm the id exists), an unsupported {@code
   * MCP-Protocol-Version} is 400 (answered here; null returned). Rebuilds a session another
   * instance created, adopts what another instance changed, and marks the session used.
   */
  SessionEntry lookup(Exchange exchange, String id, RequestId requestId) {
    SessionEntry held = sessions.get(id);
    LegacySession trusted = held == null ? null : trusted(held);
    if (trusted != null) {
      if (!Objects.equals(exchange.principalName(), trusted.principalName())) {
        core.responses.fail(exchange, HttpFailure.SESSION_NOT_FOUND, requestId);
        return null;
      }
      if (!versionSupported(exchange, requestId)) {
        return null;
      }
      touch(held, id);
      return held;
    }
    int seen = held == null ? 0 : held.invalidations;
    long seenVersion = held == null ? 0 : held.version();
    Optional<SessionRecord> record = store.find(id);
    long readAt = core.clock.millis();
    SessionEntry entry = sessions.get(id);
    boolean current = record.isPresent() && entry != null && entry.session() != null && record.get().hasState(entry.state);
    SessionState state = record.isEmpty() || current ? null : decode(record.get());
    String owner = current ? entry.session().principalName() : state == null ? null : state.principal();
    if (record.isEmpty() || (!current && state == null) || !Objects.equals(exchange.principalName(), owner)) {
      if (record.isEmpty()) {
        endLocalCalls(id);
        dropLocal(id, StreamCloseReason.SESSION_ENDED);
      }
      core.responses.fail(exchange, HttpFailure.SESSION_NOT_FOUND, requestId);
      return null;
    }
    if (!versionSupported(exchange, requestId)) {
      return null;
    }
    boolean matches = true;
    if (!current) {
      if (entry == null || entry.session() == null) {
        entry = restore(record.get(), state, exchange.principal().orElse(null));
      } else {
        matches = entry == held && sync(entry, record.get(), state, seenVersion);
      }
    }
    if (matches && (entry != held || entry.invalidations == seen)) {
      entry.checkedAt = readAt; // not when another instance's change was signalled during the read
    }
    touch(entry, id);
    return entry;
  }

  /**
   * The session of this instance's copy while it may be served without reading the store: read or
   * saved here within the revalidation window, not marked changed elsewhere since, and the store
   * reachable (so an outage is refused at once, not after the window). Null otherwise.
   */
  private LegacySession trusted(SessionEntry entry) {
    long window = core.options.sessionRevalidation().toMillis();
    LegacySession session = entry.session();
    long at = entry.checkedAt;
    if (window <= 0 || session == null || at == Long.MIN_VALUE) {
      return null;
    }
    long now = core.clock.millis();
    return now >= at && now - at < window && store.reachable() ? session : null;
  }

  /** False (answered 400) when the request names an {@code MCP-Protocol-Version} this server does not know. */
  private boolean versionSupported(Exchange exchange, RequestId requestId) {
    Optional<String> version = exchange.trimmed(McpHeaders.PROTOCOL_VERSION);
    if (version.isPresent() && ProtocolVersion.parse(version.get()).isEmpty()) {
      core.responses.fail(exchange, HttpFailure.UNSUPPORTED_PROTOCOL_VERSION, requestId);
      return false;
    }
    return true;
  }

  /**
   * Marks the session used, at most once per hundredth of the idle timeout (and at least once a
   * second) per instance: a busy session costs a shared store one write a second, not one per
   * request, and expires at most that much early.
   */
  private void touch(SessionEntry entry, String id) {
    Instant now = core.now();
    long at = now.toEpochMilli();
    long every = Math.min(1000, core.options.sessionIdleTimeout().toMillis() / 100);
    long last = entry.touchedAt;
    if (last == Long.MIN_VALUE || at - last >= every || at < last) {
      entry.touchedAt = at;
      store.touch(id, now);
    }
  }

  /** This instance's copy of a session, rebuilt from the store when it has none; empty when unknown. */
  Optional<SessionEntry> find(String id) {
    SessionEntry entry = sessions.get(id);
    if (entry != null && entry.session() != null) {
      return Optional.of(entry);
    }
    Optional<SessionRecord> record = store.find(id);
    SessionState state = record.map(this::decode).orElse(null);
    return state == null ? Optional.empty() : Optional.of(restore(record.get(), state, null));
  }

  /** Re-reads a session another instance changed, if this instance holds it. */
  void refresh(String id) {
    SessionEntry entry = sessions.get(id);
    if (entry == null || entry.session() == null) {
      return;
    }
    entry.invalidations++; // only the bus's thread writes it
    entry.checkedAt = Long.MIN_VALUE; // the next request reads the store, whatever this read finds
    long seen = entry.version();
    store.find(id).ifPresent(r -> {
      if (!r.hasState(entry.state)) {
        SessionState state = decode(r);
        if (state != null) {
          sync(entry, r, state, seen);
        }
      }
    });
  }

  /**
   * Brings this instance's copy of a session up to what another instance stored, read when the copy
   * was at {@code seenVersion}. A read that a save or another read here overtook is not applied
   * (false): that one is at least as new. Otherwise what changed elsewhere since the state this copy
   * last matched is merged in, keeping a change made here that is still being saved; adopted, never
   * saved back (a save of this copy could undo a change another instance stored after the read).
   */
  private boolean sync(SessionEntry entry, SessionRecord record, SessionState state, long seenVersion) {
    synchronized (entry) {
      if (entry.version != seenVersion) {
        return false;
      }
      LegacySession session = entry.session();
      if (session == null) {
        return true;
      }
      SessionState from = entry.state == null ? null : decode(SessionRecord.of(record.id(), record.lastUsedAt(), entry.state));
      if (from == null) {
        session.adopt(state.logLevel(), state.subscriptions(), state.initialized());
      } else {
        merge(session, from, state);
      }
      entry.state = record.state();
      entry.version++;
      return true;
    }
  }

  /** Rebuilds a session another instance created, from its record. */
  private SessionEntry restore(SessionRecord record, SessionState state, Principal principal) {
    Connection connection = core.newConnection();
    connection.relay(relay(record.id()));
    TransportContext context = new TransportContext(principal, connection);
    LegacySession session = core.dispatcher.restoreSession(context, record.id(), state);
    SessionEntry fresh = new SessionEntry(this, connection, context, state.createdAt());
    fresh.state = record.state();
    SessionEntry winner = sessions.putIfAbsent(record.id(), fresh);
    if (winner != null && winner.session() != null) {
      core.dispatcher.endSession(context);
      return winner;
    }
    sessions.put(record.id(), fresh);
    session.onChange(fresh);
    return fresh;
  }

  /** A session's log level, subscriptions or initialized flag changed: saved, and the others told. */
  void changed(SessionEntry entry) {
    LegacySession session = entry.session();
    if (session != null) {
      persist(session, entry);
      core.publish(SessionSignal.sessionChanged(session.id(), core.instanceId)); // others holding it re-read it
    }
  }

  /**
   * Saves this copy. The first save creates the record; later ones replace it only if it still
   * holds the state this copy last saw (compare and set). When another instance stored a change in
   * between, its change and this one are merged (a three-way merge against the state both started
   * from) and the save is tried again, so neither undoes the other.
   */
  private void persist(LegacySession session, SessionEntry entry) {
    session.onChange(entry);
    byte[] base = entry.state;
    for (int attempt = 1; ; attempt++) {
      byte[] state = encode(SessionState.of(session, entry.createdAt));
      SessionRecord record = SessionRecord.of(session.id(), core.now(), state);
      if (base == null) {
        store.save(record);
        saved(entry, state);
        return;
      }
      if (store.replace(record, base)) {
        saved(entry, state);
        return;
      }
      Optional<SessionRecord> stored = store.find(session.id());
      SessionState theirs = stored.map(this::decode).orElse(null);
      SessionState from = decode(SessionRecord.of(session.id(), core.now(), base));
      if (theirs == null || from == null) {
        return; // ended elsewhere (the signal ends it here too) or unreadable (logged)
      }
      if (attempt == 16) {
        LOG.warn("Session state kept changing under this instance's save; saving it as it is here");
        store.save(record);
        saved(entry, state);
        return;
      }
      synchronized (entry) {
        merge(session, from, theirs);
      }
      base = stored.get().state();
    }
  }

  /** The copy now matches what this instance stored. */
  private void saved(SessionEntry entry, byte[] state) {
    synchronized (entry) {
      entry.state = state;
      entry.version++;
    }
    entry.checkedAt = core.clock.millis();
  }

  /**
   * Takes into this copy what another instance changed since {@code from}, keeping what this copy
   * changed since then: subscriptions added or removed here, the log level if set here, and the
   * initialized flag if either has it.
   */
  private static void merge(LegacySession session, SessionState from, SessionState theirs) {
    Set<String> mine = session.subscriptionsSnapshot();
    Set<String> subscriptions = new HashSet<>(theirs.subscriptions());
    for (String uri : mine) {
      if (!from.subscriptions().contains(uri)) {
        subscriptions.add(uri);
      }
    }
    for (String uri : from.subscriptions()) {
      if (!mine.contains(uri)) {
        subscriptions.remove(uri);
      }
    }
    LoggingLevel level = Objects.equals(session.logLevel(), from.logLevel()) ? theirs.logLevel() : session.logLevel();
    session.adopt(level, subscriptions, session.initialized() || theirs.initialized());
  }

  private static byte[] encode(SessionState state) {
    try {
      return Json.mapper().writeValueAsBytes(state);
    } catch (IOException e) {
      throw new IllegalStateException("session state is always serializable", e);
    }
  }

  private SessionState decode(SessionRecord record) {
    try {
      return Json.mapper().readValue(record.state(), SessionState.class);
    } catch (IOException | RuntimeException e) {
      LOG.warn("Unreadable session record in the session store; the session is treated as unknown", e);
      return null;
    }
  }

  /**
   * Gives up this instance's claim on a session's GET stream. While the shared state is unreachable
   * (or the release fails) it is kept and retried by {@link #retryReleases()}, so that a client
   * coming back after an outage is not refused its stream until the claim's lease runs out.
   */
  void releaseStream(String id, String holder) {
    if (core.dispatcher.eventsAvailable()) {
      try {
        store.releaseStream(id, holder);
        return;
      } catch (RuntimeException e) {
        LOG.debug("Releasing a GET stream claim failed; retried later", e);
        core.storeFailed(StoreFailure.Component.SESSION_STORE, "release_stream", e);
      }
    }
    if (pendingReleases.size() < MAX_PENDING_RELEASES) {
      pendingReleases.put(id, holder); // beyond the bound, the claim lapses with its lease
    }
  }

  /** Retries the releases that failed; stops at the first failure (the store is still away). */
  void retryReleases() {
    for (Map.Entry<String, String> e : pendingReleases.entrySet()) {
      try {
        store.releaseStream(e.getKey(), e.getValue());
      } catch (RuntimeException ex) {
        LOG.debug("Releasing a GET stream claim failed again", ex);
        return;
      }
      pendingReleases.remove(e.getKey(), e.getValue());
    }
  }

  /** Claim releases waiting for the store (tests, leak checks). */
  int pendingReleases() {
    return pendingReleases.size();
  }

  /**
   * Ends a session everywhere: its record and events go, its calls and streams here end, the others
   * are told; the observer hears how long it lived.
   */
  void end(String id, SessionEndReason reason) {
    SessionClosed closed = core.observing ? closed(id, reason) : null;
    store.delete(id);
    core.options.eventStore().removeSession(id);
    endLocalCalls(id);
    dropLocal(id, StreamCloseReason.SESSION_ENDED);
    core.publish(SessionSignal.sessionEnded(id, core.instanceId));
    if (closed != null) {
      core.observer.sessionClosed(closed);
    }
  }

  /** The end of a session as observed: its revision and age, from this instance's copy or its record. */
  private SessionClosed closed(String id, SessionEndReason reason) {
    SessionEntry entry = sessions.get(id);
    LegacySession session = entry == null ? null : entry.session();
    long createdAt;
    Optional<ProtocolVersion> version;
    if (session != null) {
      createdAt = entry.createdAt;
      version = Optional.of(session.version());
    } else {
      SessionState state = store.find(id).map(this::decode).orElse(null);
      if (state == null) {
        return null;
      }
      createdAt = state.createdAt();
      version = ProtocolVersion.parse(state.protocolVersion());
    }
    java.time.Duration lived = java.time.Duration.ofMillis(Math.max(0, core.clock.millis() - createdAt));
    return new SessionClosed(Transport.STREAMABLE_HTTP, version, reason, lived);
  }

  /** The session is gone (DELETE, expiry, ended elsewhere): its running calls here stop. */
  void endLocalCalls(String id) {
    byte[] retry = core.retryHint();
    for (Responder r : List.copyOf(core.active)) {
      if (r.resumableId != null && StreamIds.belongsTo(r.resumableId, id)) {
        r.sessionEnded(retry);
      }
    }
  }

  /** Ends this instance's part of a session (the record may stay for the others); its GET stream ends for {@code why}. */
  void dropLocal(String id, StreamCloseReason why) {
    SessionEntry entry = sessions.remove(id);
    if (entry != null) {
      EventStream stream = entry.getStream;
      if (stream != null) {
        core.endWithRetry(stream, why);
      }
      core.dispatcher.endSession(entry.context);
    }
  }

  /** Ends this instance's part of every session (drain, close): the records stay for the others. */
  void dropAllLocal(StreamCloseReason why) {
    for (String id : List.copyOf(sessions.keySet())) {
      dropLocal(id, why);
    }
  }

  /** Expires idle sessions (an open GET stream on any instance is use) and lets go of those ended elsewhere. */
  void sweep() {
    try {
      Instant now = core.now();
      for (String id : store.idleSince(now.minus(core.options.sessionIdleTimeout()))) {
        SessionEntry local = sessions.get(id);
        if ((local != null && local.hasGetStream()) || store.streamClaimed(id, now)) {
          store.touch(id, now); // an open GET stream is use
        } else {
          LOG.debug("Session expired");
          end(id, SessionEndReason.EXPIRED);
        }
      }
      for (String id : List.copyOf(sessions.keySet())) {
        if (store.find(id).isEmpty()) {
          endLocalCalls(id);
          dropLocal(id, StreamCloseReason.SESSION_ENDED); // ended elsewhere
        }
      }
    } catch (RuntimeException e) {
      LOG.warn("Session sweep failed", e);
      core.storeFailed(StoreFailure.Component.SESSION_STORE, "sweep", e);
    }
  }
}
