package org.mcpkit.internal.dispatch;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.mcpkit.jsonrpc.JsonRpcMessage;
import org.mcpkit.jsonrpc.JsonRpcNotification;
import org.mcpkit.protocol.McpMethods;
import org.mcpkit.server.NotificationBus;
import org.mcpkit.server.ServerEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server events on their way to clients: one subscription to the {@link NotificationBus}, taken
 * on first use, delivers each event to every live 2025-era session (list changes always, resource
 * updates when subscribed) and to every open {@code subscriptions/listen} stream (as its filter
 * says; task-status events only to the listen streams that named the task). Also the one mapping from an event to its notification method. Thread-safe; delivery
 * never blocks (transports only enqueue).
 */
final class ServerEvents {
  private static final Logger LOG = LoggerFactory.getLogger(ServerEvents.class);
  private final NotificationBus bus;
  /** Live 2025-era sessions and their connections (a session removes itself when it closes). */
  private final Map<LegacySession, Connection> sessions = new ConcurrentHashMap<>();
  /** Open listen streams (a stream removes itself when its call ends). */
  private final Set<Subscriptions.Stream> streams = ConcurrentHashMap.newKeySet();
  private volatile AutoCloseable subscription;
  private volatile boolean closed;

  ServerEvents(NotificationBus bus) {
    this.bus = bus;
  }

  /** The registry of live sessions, for {@link LegacySession#receiveNotifications}. */
  Map<LegacySession, Connection> sessions() {
    subscribe();
    return sessions;
  }

  /** The open listen streams. */
  Set<Subscriptions.Stream> streams() {
    subscribe();
    return streams;
  }

  /** Number of live sessions receiving notifications (tests, metrics). */
  int sessionCount() {
    return sessions.size();
  }

  /** Server-to-client requests of the live sessions still waiting for an answer. */
  int pendingServerRequests() {
    int n = 0;
    for (LegacySession s : sessions.keySet()) {
      n += s.pendingCount();
    }
    return n;
  }

  /** Number of open listen streams (tests, metrics). */
  int streamCount() {
    return streams.size();
  }

  private void subscribe() {
    if (subscription == null) {
      synchronized (this) {
        if (subscription == null && !closed) {
          subscription = bus.subscribe(this::deliver);
        }
      }
    }
  }

  private void deliver(ServerEvent event) {
    for (Map.Entry<LegacySession, Connection> e : sessions.entrySet()) {
      try {
        toSession(e.getKey(), e.getValue(), event);
      } catch (RuntimeException ex) {
        LOG.warn("Session notification failed", ex);
      }
    }
    for (Subscriptions.Stream s : streams) {
      try {
        s.deliver(event);
      } catch (RuntimeException ex) {
        LOG.warn("Subscription notification failed", ex);
      }
    }
  }

  private static void toSession(LegacySession session, Connection connection, ServerEvent event) {
    Consumer<JsonRpcMessage> out = connection.outbound();
    if (connection.session() != session || out == null || event.kind() == ServerEvent.Kind.TASK_STATUS) {
      return; // a session hears of its tasks from the instance that changed them (TaskNotices)
    }
    Map<String, Object> params = Map.of();
    if (event.kind() == ServerEvent.Kind.RESOURCE_UPDATED) {
      if (!under(session.subscriptions(), event.uri())) {
        return;
      }
      params = Map.of("uri", event.uri());
    }
    try {
      out.accept(new JsonRpcNotification(method(event.kind()), params));
    } catch (RuntimeException e) {
      LOG.debug("Session notification not delivered", e);
    }
  }

  /** The notification method of an event kind. */
  static String method(ServerEvent.Kind kind) {
    return switch (kind) {
      case TOOLS_LIST_CHANGED -> McpMethods.NOTIFICATIONS_TOOLS_LIST_CHANGED;
      case PROMPTS_LIST_CHANGED -> McpMethods.NOTIFICATIONS_PROMPTS_LIST_CHANGED;
      case RESOURCES_LIST_CHANGED -> McpMethods.NOTIFICATIONS_RESOURCES_LIST_CHANGED;
      case RESOURCE_UPDATED -> McpMethods.NOTIFICATIONS_RESOURCES_UPDATED;
      case TASK_STATUS -> McpMethods.NOTIFICATIONS_TASKS;
    };
  }

  /** Whether {@code uri} is a subscribed URI or a sub-resource of one. */
  static boolean under(Collection<String> subscribed, String uri) {
    for (String s : subscribed) {
      if (uri.equals(s) || (uri.startsWith(s) && (s.endsWith("/") || uri.charAt(s.length()) == '/'))) {
        return true;
      }
    }
    return false;
  }

  /** Ends the bus subscription. */
  void close() {
    AutoCloseable s;
    synchronized (this) {
      closed = true;
      s = subscription;
      subscription = null;
    }
    if (s != null) {
      try {
        s.close();
      } catch (Exception e) {
        LOG.debug("Closing the bus subscription failed", e);
      }
    }
  }
}
