package org.mcpkit.redis;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.mcpkit.redis.internal.RedisConnections;
import org.mcpkit.server.NotificationBus;
import org.mcpkit.server.ServerEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server events (list changed, resource updated, task status) over Redis pub/sub on the channel
 * {@code <prefix>bus:events}: an event published on one instance reaches the subscription and GET
 * streams of every instance, at most once. The payload is the event kind, and for a resource update
 * a newline and the URI, for a task status a newline and the task id (never the task itself: each
 * instance reads it from the task store). Publishing never waits; listeners run on the module's delivery thread.
 * Create it with {@link McpRedis}.
 */
public final class RedisNotificationBus implements NotificationBus {
  private static final Logger LOG = LoggerFactory.getLogger(RedisNotificationBus.class);
  private final RedisConnections redis;
  private final String channel;
  private volatile boolean closed;

  RedisNotificationBus(RedisConnections redis, String prefix) {
    this.redis = redis;
    this.channel = prefix + "bus:events";
  }

  @Override
  public void publish(ServerEvent event) {
    if (closed) {
      return;
    }
    String subject = event.resourceUri().or(event::statusTaskId).map(u -> "\n" + u).orElse("");
    String text = event.kind().name() + subject;
    redis.publish(channel, text.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public AutoCloseable subscribe(Consumer<ServerEvent> listener) {
    return redis.subscribe(channel, bytes -> {
      ServerEvent event = decode(bytes);
      if (event != null) {
        listener.accept(event);
      }
    });
  }

  static ServerEvent decode(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    int nl = text.indexOf('\n');
    try {
      ServerEvent.Kind kind = ServerEvent.Kind.valueOf(nl < 0 ? text : text.substring(0, nl));
      String subject = nl < 0 ? null : text.substring(nl + 1);
      return kind == ServerEvent.Kind.TASK_STATUS ? new ServerEvent(kind, null, subject) : new ServerEvent(kind, subject);
    } catch (IllegalArgumentException e) {
      LOG.warn("Ignoring an unreadable server event on the Redis bus");
      return null;
    }
  }

  /** Whether the last background check reached Redis. */
  @Override
  public boolean available() {
    return !closed && redis.reachable();
  }

  @Override
  public void close() {
    closed = true;
  }
}
