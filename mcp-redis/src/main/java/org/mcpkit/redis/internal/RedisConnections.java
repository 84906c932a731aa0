package org.mcpkit.redis.internal;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.mcpkit.server.http.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Lettuce client of one deployment, on a standalone Redis or a Redis Cluster (commands routed
 * by slot, the topology refreshed periodically and when a node moves slots or goes away): a
 * command connection (bounded command timeout, commands refused at once while disconnected,
 * reconnecting by itself), a pub/sub connection whose messages
 * are handed to one delivery thread (never run on Netty's event loop, where a store call would
 * deadlock), and a background reachability check. Thread-safe.
 */
public final class RedisConnections implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RedisConnections.class);
  private final ClientResources resources;
  private final AbstractRedisClient client;
  private final StatefulConnection<String, byte[]> connection;
  private final RedisClusterAsyncCommands<String, byte[]> commands;
  private final StatefulRedisPubSubConnection<String, byte[]> pubSub;
  private final Duration timeout;
  private final ThreadPoolExecutor delivery;
  private final ScheduledExecutorService health;
  private final Map<String, List<Consumer<byte[]>>> listeners = new ConcurrentHashMap<>();
  private volatile boolean reachable = true;
  private volatile boolean closed;

  /**
   * Connects to the Redis at {@code uri}, or with {@code cluster} to the Redis Cluster {@code uri}
   * is a node (or configuration endpoint) of; fails with {@link StoreUnavailableException} when it
   * cannot be reached.
   */
  public RedisConnections(RedisURI uri, Duration timeout, int deliveryQueue, boolean cluster) {
    this.timeout = timeout;
    uri.setTimeout(timeout);
    // Reconnect attempts back off to at most 2 s (Lettuce's default grows to 30 s), so service
    // resumes within about two seconds of Redis coming back.
    this.resources = DefaultClientResources.builder()
        .reconnectDelay(Delay.exponential(Duration.ofMillis(50), Duration.ofSeconds(2), 2, TimeUnit.MILLISECONDS))
        .build();
    RedisCodec<String, byte[]> codec = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);
    if (cluster) {
      RedisClusterClient c = RedisClusterClient.create(resources, uri);
      // A cluster client opens its connections to the other nodes on first use: commands wait for
      // them (bounded by the command timeout) instead of being refused before the first connect.
      c.setOptions(ClusterClientOptions.builder()
          .autoReconnect(true)
          .disconnectedBehavior(ClientOptions.DisconnectedBehavior.ACCEPT_COMMANDS)
          .timeoutOptions(TimeoutOptions.enabled(timeout))
          .socketOptions(SocketOptions.builder().connectTimeout(timeout).build())
          .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
              .enablePeriodicRefresh(Duration.ofSeconds(30))
              .enableAllAdaptiveRefreshTriggers()
              .build())
          .build());
      this.client = c;
    } else {
      RedisClient c = RedisClient.create(resources, uri);
      c.setOptions(ClientOptions.builder()
          .autoReconnect(true)
          .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
          .timeoutOptions(TimeoutOptions.enabled(timeout))
          .socketOptions(SocketOptions.builder().connectTimeout(timeout).build())
          .build());
      this.client = c;
    }
    this.delivery = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(deliveryQueue), r -> {
      Thread t = new Thread(r, "mcp-redis-delivery");
      t.setDaemon(true);
      return t;
    });
    this.health = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "mcp-redis-health");
      t.setDaemon(true);
      return t;
    });
    try {
      if (client instanceof RedisClusterClient c) {
        StatefulRedisClusterConnection<String, byte[]> conn = c.connect(codec);
        this.connection = conn;
        this.commands = conn.async();
        this.pubSub = c.connectPubSub(codec); // PUBLISH reaches subscribers on every node of a cluster
      } else {
        StatefulRedisConnection<String, byte[]> conn = ((RedisClient) client).connect(codec);
        this.connection = conn;
        this.commands = conn.async();
        this.pubSub = ((RedisClient) client).connectPubSub(codec);
      }
    } catch (RedisException e) {
      shutdownResources();
      throw new StoreUnavailableException(e);
    }
    pubSub.addListener(new RedisPubSubAdapter<>() {
      @Override
      public void message(String channel, byte[] message) {
        List<Consumer<byte[]>> subscribers = listeners.get(channel);
        if (subscribers == null || subscribers.isEmpty()) {
          return;
        }
        try {
          delivery.execute(() -> {
            for (Consumer<byte[]> l : subscribers) {
              try {
                l.accept(message);
              } catch (RuntimeException e) {
                LOG.warn("A bus listener failed", e);
              }
            }
          });
        } catch (RejectedExecutionException e) {
          LOG.warn("Redis bus delivery queue full; a message on {} was dropped", channel);
        }
      }
    });
    long every = Math.max(200, Math.min(1000, timeout.toMillis()));
    health.scheduleWithFixedDelay(this::check, every, every, TimeUnit.MILLISECONDS);
  }

  private void check() {
    try {
      commands.ping().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!reachable) {
        LOG.info("Redis is reachable again");
      }
      reachable = true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      if (reachable && !closed) {
        LOG.warn("Redis is unreachable: {}", e.toString());
      }
      reachable = false;
    }
  }

  /** Whether the last background check reached Redis (answers at once). */
  public boolean reachable() {
    return reachable && connection.isOpen();
  }

  /** The commands of the command connection (routed by slot on a cluster). */
  public RedisClusterAsyncCommands<String, byte[]> commands() {
    return commands;
  }

  /** Waits for a command up to the command timeout; any failure is a {@link StoreUnavailableException}. */
  public <T> T await(RedisFuture<T> future) {
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      future.cancel(true);
      throw new StoreUnavailableException(e);
    } catch (TimeoutException e) {
      future.cancel(true);
      reachable = false;
      throw new StoreUnavailableException(e);
    } catch (ExecutionException e) {
      reachable = false;
      throw new StoreUnavailableException(e.getCause());
    } catch (RuntimeException e) {
      reachable = false;
      throw new StoreUnavailableException(e);
    }
  }

  /** Publishes without waiting; a failure is logged (pub/sub is at most once). */
  public void publish(String channel, byte[] message) {
    if (closed) {
      return;
    }
    try {
      commands.publish(channel, message).whenComplete((n, e) -> {
        if (e != null) {
          LOG.warn("Redis publish on {} failed: {}", channel, e.toString());
        }
      });
    } catch (RuntimeException e) {
      LOG.warn("Redis publish on {} failed: {}", channel, e.toString());
    }
  }

  /** Subscribes {@code listener} to {@code channel}; closing the handle unsubscribes. */
  public AutoCloseable subscribe(String channel, Consumer<byte[]> listener) {
    List<Consumer<byte[]>> list = listeners.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>());
    synchronized (list) {
      list.add(listener);
      if (list.size() == 1) {
        await(pubSub.async().subscribe(channel));
      }
    }
    return () -> {
      synchronized (list) {
        if (list.remove(listener) && list.isEmpty() && !closed) {
          try {
            await(pubSub.async().unsubscribe(channel));
          } catch (StoreUnavailableException e) {
            LOG.debug("Unsubscribing from {} failed", channel, e);
          }
        }
      }
    };
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      pubSub.close();
      connection.close();
    } finally {
      shutdownResources();
    }
  }

  private void shutdownResources() {
    health.shutdownNow();
    delivery.shutdownNow();
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    resources.shutdown(0, 2, TimeUnit.SECONDS);
  }
}
