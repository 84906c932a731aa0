package org.mcpkit.redis;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.ZAddArgs;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.mcpkit.redis.internal.RedisConnections;
import org.mcpkit.server.http.SessionRecord;
import org.mcpkit.server.http.SessionStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * 2025-era session records in Redis, shared by every instance. Each session has one record key
 * {@code <prefix>{<id>}:s} and one GET-stream claim key {@code <prefix>{<id>}:c}, hash-tagged so both
 * live in one Redis Cluster slot; every key has a TTL (the record's is the session TTL, renewed on
 * use and while a GET stream is claimed; the claim's is its lease, timed by Redis). A sorted set
 * {@code <prefix>sessions} (last use per session, its own TTL) counts live sessions across the fleet
 * for the session cap and names idle sessions for the engine's expiry, without scanning keys.
 *
 * <p>Every call waits at most the command timeout and fails with {@link
 * org.mcpkit.server.http.StoreUnavailableException} when Redis does not answer: the engine then
 * answers 503. The engine calls it off I/O threads only. Create it with {@link McpRedis}.
 */
public final class RedisSessionStore implements SessionStore {
  private static final Logger LOG = LoggerFactory.getLogger(RedisSessionStore.class);
  private static final String CLAIM =
      "if redis.call('exists', KEYS[2]) == 0 then return 0 end "
      + "local cur = redis.call('get', KEYS[1]) "
      + "if cur and cur ~= ARGV[1] then return 0 end "
      + "redis.call('set', KEYS[1], ARGV[1], 'PX', ARGV[2]) "
      + "redis.call('pexpire', KEYS[2], ARGV[3]) "
      + "return 1";
  private static final String RELEASE =
      "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0";
  /** KEYS: record. ARGV: expected state, new value (last use and state), ttl ms. The state follows 8 bytes of last use. */
  private static final String REPLACE =
      "local cur = redis.call('get', KEYS[1]) "
      + "if not cur or string.sub(cur, 9) ~= ARGV[1] then return 0 end "
      + "redis.call('set', KEYS[1], ARGV[2], 'PX', ARGV[3]) "
      + "return 1";
  private static final String TOUCH =
      "if redis.call('pexpire', KEYS[1], ARGV[1]) == 1 then return 1 end return 0";

  private final RedisConnections redis;
  private final String prefix;
  private final String index;
  private final long ttlMillis;

  RedisSessionStore(RedisConnections redis, String prefix, Duration ttl) {
    this.redis = redis;
    this.prefix = prefix;
    this.index = prefix + "sessions";
    this.ttlMillis = ttl.toMillis();
  }

  private String recordKey(String id) {
    return prefix + "{" + id + "}:s";
  }

  private String claimKey(String id) {
    return prefix + "{" + id + "}:c";
  }

  private RedisClusterAsyncCommands<String, byte[]> async() {
    return redis.commands();
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void save(SessionRecord record) {
    byte[] state = record.state();
    byte[] value = ByteBuffer.allocate(8 + state.length).putLong(record.lastUsedAt().toEpochMilli()).put(state).array();
    var set = async().set(recordKey(record.id()), value, SetArgs.Builder.px(ttlMillis));
    var indexed = async().zadd(index, (double) record.lastUsedAt().toEpochMilli(), ascii(record.id()));
    var indexTtl = async().pexpire(index, ttlMillis * 2);
    redis.await(set);
    redis.await(indexed);
    redis.await(indexTtl);
  }

  @Override
  public boolean replace(SessionRecord record, byte[] expectedState) {
    byte[] state = record.state();
    byte[] value = ByteBuffer.allocate(8 + state.length).putLong(record.lastUsedAt().toEpochMilli()).put(state).array();
    Long replaced = redis.await(async().eval(REPLACE, ScriptOutputType.INTEGER, new String[] {recordKey(record.id())},
        expectedState, value, ascii(Long.toString(ttlMillis))));
    if (replaced == null || replaced != 1) {
      return false;
    }
    // the index is another key (another slot on a cluster): moved on outside the script
    var indexed = async().zadd(index, ZAddArgs.Builder.xx(), (double) record.lastUsedAt().toEpochMilli(), ascii(record.id()));
    redis.await(indexed);
    return true;
  }

  /** False from a lost connection or a failed call until the next background check reaches Redis. */
  @Override
  public boolean reachable() {
    return redis.reachable();
  }

  @Override
  public Optional<SessionRecord> find(String id) {
    byte[] value = redis.await(async().get(recordKey(id)));
    if (value == null || value.length < 8) {
      return Optional.empty();
    }
    long lastUsed = ByteBuffer.wrap(value, 0, 8).getLong();
    return Optional.of(SessionRecord.of(id, Instant.ofEpochMilli(lastUsed), Arrays.copyOfRange(value, 8, value.length)));
  }

  @Override
  public void touch(String id, Instant time) {
    // Fire and forget: the record's TTL and the index move on; a lost touch costs one idle period.
    async().eval(TOUCH, ScriptOutputType.INTEGER, new String[] {recordKey(id)}, ascii(Long.toString(ttlMillis)))
        .whenComplete((r, e) -> {
          if (e != null) {
            LOG.debug("Touching a session failed: {}", e.toString());
          }
        });
    async().zadd(index, ZAddArgs.Builder.xx(), (double) time.toEpochMilli(), ascii(id));
  }

  @Override
  public boolean delete(String id) {
    var record = async().del(recordKey(id));
    var claim = async().del(claimKey(id));
    var indexed = async().zrem(index, ascii(id));
    long removed = redis.await(record);
    redis.await(claim);
    redis.await(indexed);
    return removed > 0;
  }

  @Override
  public int count() {
    double live = System.currentTimeMillis() - ttlMillis;
    redis.await(async().zremrangebyscore(index, Range.create(Double.NEGATIVE_INFINITY, live)));
    return redis.await(async().zcard(index)).intValue();
  }

  @Override
  public List<String> idleSince(Instant cutoff) {
    List<byte[]> ids = redis.await(async().zrangebyscore(index,
        Range.create(Double.NEGATIVE_INFINITY, (double) cutoff.toEpochMilli()), Limit.create(0, 1000)));
    return ids.stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList();
  }

  @Override
  public boolean claimStream(String id, String holder, Instant now, Duration lease) {
    Long claimed = redis.await(async().eval(CLAIM, ScriptOutputType.INTEGER,
        new String[] {claimKey(id), recordKey(id)},
        ascii(holder), ascii(Long.toString(Math.max(1, lease.toMillis()))), ascii(Long.toString(ttlMillis))));
    if (claimed != null && claimed == 1L) {
      async().zadd(index, ZAddArgs.Builder.xx(), (double) now.toEpochMilli(), ascii(id)); // an open stream is use
      return true;
    }
    return false;
  }

  @Override
  public void releaseStream(String id, String holder) {
    redis.await(async().eval(RELEASE, ScriptOutputType.INTEGER, new String[] {claimKey(id)}, ascii(holder)));
  }

  @Override
  public boolean streamClaimed(String id, Instant now) {
    return redis.await(async().exists(claimKey(id))) > 0;
  }
}
