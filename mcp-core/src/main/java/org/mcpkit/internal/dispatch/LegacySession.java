package org.mcpkit.internal.dispatch;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.mcpkit.jsonrpc.JsonRpcResponse;
import org.mcpkit.jsonrpc.RequestId;
import org.mcpkit.protocol.ClientCapabilities;
import org.mcpkit.protocol.Implementation;
import org.mcpkit.protocol.LoggingLevel;
import org.mcpkit.protocol.ProtocolVersion;

/**
 * What a 2025-era client negotiated with {@code initialize}: its version, capabilities and log
 * level, its resource subscriptions, and the server-to-client requests awaiting its answer.
 * Thread-safe. A server holds one per idle session, so the subscription set and the map of waiting
 * requests exist only once used.
 */
public final class LegacySession {
  private final String id;
  private final ProtocolVersion version;
  private final ClientCapabilities capabilities;
  private final Implementation clientInfo;
  private final String principalName;
  private volatile LoggingLevel logLevel;
  private volatile boolean initialized;
  /** The server's registry of sessions that receive notifications; null once closed. */
  private volatile Map<LegacySession, Connection> live;
  private volatile Runnable onChange;
  // Created on first use: most sessions never subscribe nor get asked anything by the server.
  private volatile Set<String> subscriptions;
  private volatile Map<RequestId, CompletableFuture<JsonRpcResponse>> pending;
  /** Names the server's requests to the client. */
  private final Connection home;
  /** A one-way hash of the id for logs and traces, made on first use. */
  private volatile String hash;

  LegacySession(
      String id,
      ProtocolVersion version,
      ClientCapabilities capabilities,
      Implementation clientInfo,
      String principalName,
      Connection home) {
    this.id = id;
    this.home = home;
    this.version = version;
    this.capabilities = capabilities;
    this.clientInfo = clientInfo;
    this.principalName = principalName;
  }

  /** The session id (what HTTP sends as {@code Mcp-Session-Id}). */
  public String id() {
    return id;
  }

  /** A short one-way hash of the id (16 hex digits), for logs and traces; never the id itself. */
  public String hash() {
    String h = hash;
    if (h == null) {
      h = Observations.hash(id);
      hash = h;
    }
    return h;
  }

  /** The negotiated revision. */
  public ProtocolVersion version() {
    return version;
  }

  /** The client's capabilities. */
  public ClientCapabilities capabilities() {
    return capabilities;
  }

  /** The client. */
  public Implementation clientInfo() {
    return clientInfo;
  }

  /** The subscribed resource URIs (a snapshot). */
  public java.util.Set<String> subscriptionsSnapshot() {
    Set<String> s = subscriptions;
    return s == null ? Set.of() : Set.copyOf(s);
  }

  /** Whether the session is subscribed to exactly {@code uris}. */
  public boolean subscribedToExactly(Set<String> uris) {
    return subscriptions().equals(uris);
  }

  /** The subscribed resource URIs, live (empty before the first subscription). */
  Set<String> subscriptions() {
    Set<String> s = subscriptions;
    return s == null ? Set.of() : s;
  }

  void subscribe(String uri) {
    subscriptionSet().add(uri);
  }

  void subscribeAll(java.util.Collection<String> uris) {
    if (!uris.isEmpty()) {
      subscriptionSet().addAll(uris);
    }
  }

  void unsubscribe(String uri) {
    Set<String> s = subscriptions;
    if (s != null) {
      s.remove(uri);
    }
  }

  private Set<String> subscriptionSet() {
    Set<String> s = subscriptions;
    if (s == null) {
      synchronized (this) {
        s = subscriptions;
        if (s == null) {
          s = ConcurrentHashMap.newKeySet(4);
          subscriptions = s;
        }
      }
    }
    return s;
  }

  /** Where a message for this session alone goes ({@link Connection#sessionWide}); null: nowhere. */
  java.util.function.Consumer<org.mcpkit.jsonrpc.JsonRpcMessage> channel() {
    return home.sessionWide();
  }

  /** A fresh id for a server-to-client request, never used before in this session. */
  RequestId nextRequestId() {
    return home.nextRequestId();
  }

  /** Registers a server-to-client request waiting for the client's answer. */
  void awaitAnswer(RequestId id, CompletableFuture<JsonRpcResponse> answer) {
    Map<RequestId, CompletableFuture<JsonRpcResponse>> p = pending;
    if (p == null) {
      synchronized (this) {
        p = pending;
        if (p == null) {
          p = new ConcurrentHashMap<>(4);
          pending = p;
        }
      }
    }
    p.put(id, answer);
  }

  /** Number of server-to-client requests waiting for the client's answer. */
  int pendingCount() {
    Map<RequestId, CompletableFuture<JsonRpcResponse>> p = pending;
    return p == null ? 0 : p.size();
  }

  /** Takes the waiting request with this id, or null. */
  CompletableFuture<JsonRpcResponse> takeAnswer(RequestId id) {
    Map<RequestId, CompletableFuture<JsonRpcResponse>> p = pending;
    return p == null ? null : p.remove(id);
  }

  /**
   * Takes the log level, subscriptions and initialized flag another instance stored for this
   * session, without running the change listener: this copy now matches the store, and saving it
   * again could overwrite a newer change made elsewhere in the meantime.
   */
  public void adopt(LoggingLevel level, java.util.Collection<String> uris, boolean initialized) {
    if (initialized) {
      this.initialized = true;
    }
    this.logLevel = level;
    Set<String> s = subscriptions;
    if (s != null) {
      s.retainAll(uris);
    }
    subscribeAll(uris);
  }

  /** Runs after the log level or subscriptions change (transports persist the session). */
  public void onChange(Runnable listener) {
    this.onChange = listener;
  }

  void changed() {
    Runnable r = onChange;
    if (r != null) {
      r.run();
    }
  }

  /** The name of the principal that created the session, or null when anonymous. */
  public String principalName() {
    return principalName;
  }

  /** The level set with {@code logging/setLevel}, or null. */
  public LoggingLevel logLevel() {
    return logLevel;
  }

  void logLevel(LoggingLevel level) {
    this.logLevel = level;
  }

  /** Whether {@code notifications/initialized} arrived. */
  public boolean initialized() {
    return initialized;
  }

  void markInitialized() {
    initialized = true;
  }

  /**
   * Registers the session for session-wide notifications: it stays in {@code live} (the server's
   * one registry, delivered to from one bus subscription) until closed.
   */
  void receiveNotifications(Map<LegacySession, Connection> live, Connection connection) {
    this.live = live;
    live.put(this, connection);
  }

  /** Ends the session: no more notifications; waiting server requests fail. Idempotent. */
  public void close() {
    Map<LegacySession, Connection> registry = live;
    live = null;
    if (registry != null) {
      registry.remove(this);
    }
    Map<RequestId, CompletableFuture<JsonRpcResponse>> p = pending;
    if (p != null) {
      for (CompletableFuture<JsonRpcResponse> f : p.values()) {
        f.cancel(false);
      }
      p.clear();
    }
  }
}
