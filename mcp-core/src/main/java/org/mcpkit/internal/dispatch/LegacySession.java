package org.mcpkit.internal.dispatch;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.mcpkit.jsonrpc.JsonRpcResponse;
import org.mcpkit.jsonrpc.RequestId;
import org.mcpkit.protocol.ClientCapabilities;
import org.mcpkit.protocol.Implementation;
import org.mcpkit.protocol.LoggingLevel;
import org.mcpkit.protocol.ProtocolVersion;

/**
 * What a 2025-era client negotiated with {@code initialize}: its version, capabilities and log
 * level, its resource subscriptions, and the server-to-client requests awaiting its answer.
 * Thread-safe.
 */
public final class LegacySession {
  private final String id;
  private final ProtocolVersion version;
  private final ClientCapabilities capabilities;
  private final Implementation clientInfo;
  private final String principalName;
  private volatile LoggingLevel logLevel;
  private volatile boolean initialized;
  private volatile AutoCloseable busSubscription;
  private volatile Runnable onChange;
  final Set<String> subscriptions = ConcurrentHashMap.newKeySet();
  final Map<RequestId, CompletableFuture<JsonRpcResponse>> pending = new ConcurrentHashMap<>();
  final AtomicLong nextRequestId = new AtomicLong();

  LegacySession(
      String id,
      ProtocolVersion version,
      ClientCapabilities capabilities,
      Implementation clientInfo,
      String principalName) {
    this.id = id;
    this.version = version;
    this.capabilities = capabilities;
    this.clientInfo = clientInfo;
    this.principalName = principalName;
  }

  /** The session id (what HTTP sends as {@code Mcp-Session-Id}). */
  public String id() {
    return id;
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
    return java.util.Set.copyOf(subscriptions);
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

  void busSubscription(AutoCloseable subscription) {
    this.busSubscription = subscription;
  }

  /** Ends the session: no more notifications; waiting server requests fail. Idempotent. */
  public void close() {
    AutoCloseable sub = busSubscription;
    busSubscription = null;
    if (sub != null) {
      try {
        sub.close();
      } catch (Exception e) {
        // unsubscribing from the in-process bus cannot fail meaningfully
      }
    }
    for (CompletableFuture<JsonRpcResponse> f : pending.values()) {
      f.cancel(false);
    }
    pending.clear();
  }
}
