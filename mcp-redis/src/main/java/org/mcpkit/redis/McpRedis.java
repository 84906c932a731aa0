package org.mcpkit.redis;

import io.lettuce.core.RedisURI;
import java.time.Duration;
import java.util.Objects;
import org.mcpkit.redis.internal.RedisConnections;
import org.mcpkit.server.NotificationBus;
import org.mcpkit.server.http.EventStore;
import org.mcpkit.server.http.HttpEndpointOptions;
import org.mcpkit.server.http.SessionBus;
import org.mcpkit.server.http.SessionStore;
import org.mcpkit.server.task.TaskStore;

/**
 * One Redis shared by several instances of an mcpkit server: the session store, event store,
 * session bus, notification bus and task store on one Lettuce client, from one Redis URI ({@code redis://} or
 * TLS {@code rediss://}, {@code user:password@} or {@link Builder#password(char[])} for AUTH). Give
 * every instance the same URI and prefix:
 *
 * <pre>{@code
 * McpRedis redis = McpRedis.builder("rediss://cache.example:6379").password(secret).build();
 * McpServer server = McpServer.builder(info).notificationBus(redis.notificationBus())...build();
 * HttpEndpointOptions options = redis.endpointOptions(HttpEndpointOptions.builder()).build();
 * }</pre>
 *
 * <p>While Redis is unreachable every call waits at most the command timeout and the requests that
 * need shared state are answered 503 with {@code Retry-After}; the client reconnects by itself.
 * {@link #isReachable()} answers at once, for a readiness probe. Close it after the servers.
 */
public final class McpRedis implements AutoCloseable {
  private final RedisConnections connections;
  private final Duration sessionTtl;
  private final RedisSessionStore sessionStore;
  private final RedisEventStore eventStore;
  private final RedisSessionBus sessionBus;
  private final RedisNotificationBus notificationBus;
  private final RedisTaskStore taskStore;
  private final RedisVaultStore vaultStore;

  private McpRedis(Builder b, RedisURI uri) {
    this.connections = new RedisConnections(uri, b.commandTimeout, b.deliveryQueue, b.cluster);
    this.sessionTtl = b.sessionTtl;
    this.sessionStore = new RedisSessionStore(connections, b.prefix, b.sessionTtl);
    this.eventStore = new RedisEventStore(connections, b.prefix, b.maxEvents, b.maxEventAge);
    this.sessionBus = new RedisSessionBus(connections, b.prefix);
    this.notificationBus = new RedisNotificationBus(connections, b.prefix);
    this.taskStore = new RedisTaskStore(connections, b.prefix);
    this.vaultStore = new RedisVaultStore(connections, b.prefix);
  }

  /** Starts a builder for the Redis at {@code uri} ({@code redis://host:port/db} or {@code rediss://...}). */
  public static Builder builder(String uri) {
    return new Builder(uri);
  }

  /** The shared session store. */
  public SessionStore sessionStore() {
    return sessionStore;
  }

  /** The shared token-vault store (for {@code TokenVault.create(redis.vaultStore(), kek)}). */
  public RedisVaultStore vaultStore() {
    return vaultStore;
  }

  /** The shared event store. */
  public EventStore eventStore() {
    return eventStore;
  }

  /** The shared session bus. */
  public SessionBus sessionBus() {
    return sessionBus;
  }

  /** The shared notification bus, for {@code McpServer.Builder.notificationBus}. */
  public NotificationBus notificationBus() {
    return notificationBus;
  }

  /**
   * The shared task store, for {@code TaskOptions.builder().store(...)}: a task started on one
   * instance is read, answered and cancelled through any other.
   */
  public TaskStore taskStore() {
    return taskStore;
  }

  /**
   * Sets the session store, event store and session bus on {@code options}, its session idle
   * timeout to this session TTL (they are one setting), and a one-second {@linkplain
   * HttpEndpointOptions.Builder#sessionRevalidation session revalidation} (an instance serves a
   * session it read or saved within the last second from its copy, without a round trip: changes
   * and ends made elsewhere reach it on the session bus; set it to zero afterwards to read Redis on
   * every request); returns the same builder.
   */
  public HttpEndpointOptions.Builder endpointOptions(HttpEndpointOptions.Builder options) {
    return options.sessionStore(sessionStore).eventStore(eventStore).sessionBus(sessionBus).sessionIdleTimeout(sessionTtl)
        .sessionRevalidation(Duration.ofSeconds(1));
  }

  /** Whether the last background check (about once a second) reached Redis; never waits. */
  public boolean isReachable() {
    return connections.reachable();
  }

  /** Closes the connections and their threads. */
  @Override
  public void close() {
    connections.close();
  }

  /** Builds an {@link McpRedis}. */
  public static final class Builder {
    private final String uri;
    private char[] password;
    private Duration commandTimeout = Duration.ofSeconds(2);
    private Duration sessionTtl = Duration.ofMinutes(30);
    private int maxEvents = 1000;
    private Duration maxEventAge = Duration.ofMinutes(10);
    private String prefix = "mcp:";
    private int deliveryQueue = 10_000;
    private boolean cluster;

    private Builder(String uri) {
      this.uri = Objects.requireNonNull(uri, "uri");
    }

    /** The AUTH password (copied), instead of one in the URI. */
    public Builder password(char[] password) {
      this.password = Objects.requireNonNull(password, "password").clone();
      return this;
    }

    /** The most any command waits (default 2 s); also the connect timeout. */
    public Builder commandTimeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("commandTimeout must be positive");
      }
      this.commandTimeout = timeout;
      return this;
    }

    /** How long an unused session lives (default 30 min); the endpoint's idle timeout is set to it. */
    public Builder sessionTtl(Duration ttl) {
      if (ttl.toMillis() < 1000) {
        throw new IllegalArgumentException("sessionTtl must be at least 1 s");
      }
      this.sessionTtl = ttl;
      return this;
    }

    /** Events kept per stream (default 1000, none older than 10 min). */
    public Builder eventRetention(int maxEventsPerStream, Duration maxAge) {
      if (maxEventsPerStream < 1 || maxAge.toMillis() < 1000) {
        throw new IllegalArgumentException("maxEventsPerStream must be positive and maxAge at least 1 s");
      }
      this.maxEvents = maxEventsPerStream;
      this.maxEventAge = maxAge;
      return this;
    }

    /** The prefix of every key and channel (default {@code mcp:}); one per deployment sharing a Redis. */
    public Builder keyPrefix(String prefix) {
      if (prefix.isEmpty() || prefix.contains("{") || prefix.contains("}")) {
        throw new IllegalArgumentException("keyPrefix must be non-empty and free of braces");
      }
      this.prefix = prefix;
      return this;
    }

    /** Bus messages queued for delivery before new ones are dropped (default 10,000). */
    public Builder deliveryQueue(int messages) {
      if (messages < 1) {
        throw new IllegalArgumentException("deliveryQueue must be positive");
      }
      this.deliveryQueue = messages;
      return this;
    }

    /**
     * The URI names a node of a Redis Cluster (for ElastiCache with cluster mode enabled, its
     * configuration endpoint): commands are routed by slot and the topology is refreshed every
     * 30 s and whenever a node answers MOVED or goes away. Every key of a session shares the
     * session's hash tag and every task key the tag {@code {tasks}}, so no command spans slots.
     */
    public Builder cluster() {
      this.cluster = true;
      return this;
    }

    /**
     * Connects. Fails with {@link org.mcpkit.server.http.StoreUnavailableException} when Redis
     * cannot be reached, with {@link IllegalArgumentException} for a malformed URI.
     */
    public McpRedis build() {
      RedisURI parsed = RedisURI.create(uri);
      if (password != null) {
        parsed = RedisURI.builder(parsed).withPassword(password).build(); // the user of the URI, if any, stays
      }
      return new McpRedis(this, parsed);
    }
  }
}
