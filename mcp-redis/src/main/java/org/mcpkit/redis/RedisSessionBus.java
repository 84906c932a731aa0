package org.mcpkit.redis;

import java.util.function.Consumer;
import org.mcpkit.redis.internal.RedisConnections;
import org.mcpkit.server.http.SessionBus;

/**
 * Session signals over Redis pub/sub on the channel {@code <prefix>bus:session}: every instance
 * subscribed receives every signal, at most once. Publishing never waits (a failure is logged);
 * listeners run on the module's one delivery thread, never on Netty's event loop. Closing the bus
 * leaves the shared connection to {@link McpRedis#close()}. Create it with {@link McpRedis}.
 */
public final class RedisSessionBus implements SessionBus {
  private final RedisConnections redis;
  private final String channel;
  private volatile boolean closed;

  RedisSessionBus(RedisConnections redis, String prefix) {
    this.redis = redis;
    this.channel = prefix + "bus:session";
  }

  @Override
  public void publish(byte[] signal) {
    if (!closed) {
      redis.publish(channel, signal.clone());
    }
  }

  @Override
  public AutoCloseable subscribe(Consumer<byte[]> listener) {
    return redis.subscribe(channel, listener);
  }

  @Override
  public void close() {
    closed = true;
  }
}
