package org.mcpkit.redis;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.mcpkit.redis.internal.RedisConnections;
import org.mcpkit.server.http.StoreUnavailableException;
import org.mcpkit.server.task.TaskRecord;
import org.mcpkit.server.task.TaskStatus;
import org.mcpkit.server.task.TaskStore;

/**
 * Tasks in Redis, shared by every instance: a task started on one instance is read, answered and
 * cancelled through any other, and finished results outlive a restart of the servers (and of
 * Redis, with persistence on) until their TTL. Each task is one JSON value under {@code
 * <prefix>{tasks}:t:<id>} whose Redis TTL ends at the task's {@link TaskRecord#expiresAt()}; each
 * owner's unfinished tasks are a sorted set {@code <prefix>{tasks}:o:<owner>} (scored by expiry)
 * that {@link #create} checks and extends in one Lua script, so the per-owner cap holds across the
 * fleet. Every task of an owner is also in the index {@code <prefix>{tasks}:a:<owner>} (scored by
 * creation time in milliseconds, members ordered by id within a score, which is the order of
 * {@link Position}), whose Redis TTL is pushed out to the owner's last task's expiry; {@link #list}
 * pages through it in a Lua script that skips tasks expired on the engine's clock and drops the ids
 * of tasks Redis has let go. All keys share the hash tag {@code {tasks}}: one Redis Cluster slot. {@link #update} is a
 * compare-and-set script, retried when another instance changed the task in between (so the
 * operator may run more than once, as the SPI allows). Expiry follows the engine's clock ({@code
 * now}) as well as Redis's. No global cap: the per-owner cap and the TTL bound what is kept, and
 * {@link Created#FULL} is never returned.
 *
 * <p>Every call waits at most the command timeout and fails with {@link StoreUnavailableException}
 * when Redis does not answer. Create it with {@link McpRedis#taskStore()}.
 */
public final class RedisTaskStore implements TaskStore {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
  private static final int MAX_RETRIES = 64;
  /** KEYS: task, owner set, owner index. ARGV: json, ttl ms, task id, expiry ms, now ms, max active, created ms. */
  private static final String CREATE =
      "redis.call('zremrangebyscore', KEYS[2], '-inf', ARGV[5]) "
      + "if redis.call('zcard', KEYS[2]) >= tonumber(ARGV[6]) then return 0 end "
      + "if not redis.call('set', KEYS[1], ARGV[1], 'PX', ARGV[2], 'NX') then return -1 end "
      + "redis.call('zadd', KEYS[2], ARGV[4], ARGV[3]) "
      + "if redis.call('pttl', KEYS[2]) < tonumber(ARGV[2]) then redis.call('pexpire', KEYS[2], ARGV[2]) end "
      + "redis.call('zadd', KEYS[3], ARGV[7], ARGV[3]) "
      + "if redis.call('pttl', KEYS[3]) < tonumber(ARGV[2]) then redis.call('pexpire', KEYS[3], ARGV[2]) end "
      + "return 1";
  /**
   * KEYS: owner index. ARGV: after score ('-inf' for the first page), after id, limit, task key
   * prefix, now ms. Returns up to limit task values in index order; ids whose task Redis let go
   * are removed from the index once the walk is done.
   */
  private static final String LIST =
      "local limit = tonumber(ARGV[3]) local out = {} local gone = {} local offset = 0 "
      + "local first = ARGV[1] == '-inf' local after = tonumber(ARGV[1]) local now = tonumber(ARGV[5]) "
      + "while #out < limit do "
      + "  local rows = redis.call('zrangebyscore', KEYS[1], ARGV[1], '+inf', 'WITHSCORES', 'LIMIT', offset, 64) "
      + "  if #rows == 0 then break end "
      + "  for i = 1, #rows, 2 do "
      + "    local id = rows[i] "
      + "    if first or tonumber(rows[i + 1]) > after or id > ARGV[2] then "
      + "      local v = redis.call('get', ARGV[4] .. id) "
      + "      if not v then gone[#gone + 1] = id "
      + "      else "
      + "        local t = cjson.decode(v) "
      + "        if t.createdAt + t.ttlMs >= now then out[#out + 1] = v end "
      + "        if #out >= limit then break end "
      + "      end "
      + "    end "
      + "  end "
      + "  offset = offset + 64 "
      + "end "
      + "for _, id in ipairs(gone) do redis.call('zrem', KEYS[1], id) end "
      + "return out";
  /** KEYS: task, owner set. ARGV: expected json, new json, task id, 1 when the new status is terminal. */
  private static final String SWAP =
      "local cur = redis.call('get', KEYS[1]) "
      + "if not cur then return -1 end "
      + "if cur ~= ARGV[1] then return 0 end "
      + "redis.call('set', KEYS[1], ARGV[2], 'KEEPTTL') "
      + "if ARGV[4] == '1' then redis.call('zrem', KEYS[2], ARGV[3]) end "
      + "return 1";

  private final RedisConnections redis;
  private final String prefix;

  RedisTaskStore(RedisConnections redis, String prefix) {
    this.redis = redis;
    this.prefix = prefix;
  }

  private String taskKey(String id) {
    return prefix + "{tasks}:t:" + id;
  }

  private String ownerKey(String owner) {
    return prefix + "{tasks}:o:" + owner;
  }

  private String indexKey(String owner) {
    return prefix + "{tasks}:a:" + owner;
  }

  private RedisClusterAsyncCommands<String, byte[]> async() {
    return redis.commands();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public Created create(TaskRecord task, int maxActivePerOwner, Instant now) {
    long ttl = Math.max(1, Duration.between(now, task.expiresAt()).toMillis());
    Long r = redis.await(async().eval(CREATE, ScriptOutputType.INTEGER,
        new String[] {taskKey(task.taskId()), ownerKey(task.owner()), indexKey(task.owner())},
        encode(task), utf8(Long.toString(ttl)), utf8(task.taskId()),
        utf8(Long.toString(task.expiresAt().toEpochMilli())), utf8(Long.toString(now.toEpochMilli())),
        utf8(Integer.toString(maxActivePerOwner)), utf8(Long.toString(task.createdAt().toEpochMilli()))));
    if (r == null || r == 0L) {
      return Created.OWNER_LIMIT;
    }
    if (r < 0) {
      throw new IllegalStateException("a task with this id exists already");
    }
    return Created.CREATED;
  }

  @Override
  public Optional<TaskRecord> get(String taskId, Instant now) {
    byte[] value = redis.await(async().get(taskKey(taskId)));
    return live(value, now);
  }

  @Override
  public List<TaskRecord> list(String owner, Position after, int limit, Instant now) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive");
    }
    String score = after.isFirst() ? "-inf" : Long.toString(after.createdAt().toEpochMilli());
    List<Object> values = redis.await(async().eval(LIST, ScriptOutputType.MULTI,
        new String[] {indexKey(owner)},
        utf8(score), utf8(after.taskId()), utf8(Integer.toString(limit)), utf8(prefix + "{tasks}:t:"),
        utf8(Long.toString(now.toEpochMilli()))));
    List<TaskRecord> out = new ArrayList<>();
    for (Object v : values == null ? List.of() : values) {
      if (v instanceof byte[] bytes) {
        live(bytes, now).ifPresent(out::add);
      }
    }
    return List.copyOf(out);
  }

  @Override
  public Optional<TaskRecord> update(String taskId, UnaryOperator<TaskRecord> change, Instant now) {
    for (int attempt = 0; attempt < MAX_RETRIES; attempt++) {
      byte[] value = redis.await(async().get(taskKey(taskId)));
      Optional<TaskRecord> current = live(value, now);
      if (current.isEmpty()) {
        return Optional.empty();
      }
      TaskRecord next = change.apply(current.get());
      if (next.equals(current.get())) {
        return current;
      }
      byte[] encoded = encode(next);
      Long r = redis.await(async().eval(SWAP, ScriptOutputType.INTEGER,
          new String[] {taskKey(taskId), ownerKey(next.owner())},
          value, encoded, utf8(taskId), utf8(next.status().isTerminal() ? "1" : "0")));
      if (r != null && r == 1L) {
        return Optional.of(next);
      }
      if (r != null && r < 0) {
        return Optional.empty();
      }
    }
    throw new StoreUnavailableException(new IllegalStateException("a task kept changing while it was updated"));
  }

  private static Optional<TaskRecord> live(byte[] value, Instant now) {
    if (value == null) {
      return Optional.empty();
    }
    TaskRecord task = decode(value);
    return now.isAfter(task.expiresAt()) ? Optional.empty() : Optional.of(task);
  }

  static byte[] encode(TaskRecord t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("taskId", t.taskId());
    m.put("owner", t.owner());
    m.put("status", t.status().name());
    m.put("statusMessage", t.statusMessage());
    m.put("createdAt", t.createdAt().toEpochMilli());
    m.put("lastUpdatedAt", t.lastUpdatedAt().toEpochMilli());
    m.put("ttlMs", t.ttl().toMillis());
    m.put("pollIntervalMs", t.pollInterval().toMillis());
    m.put("request", t.request());
    m.put("answers", t.answers());
    m.put("inputRequests", t.inputRequests());
    m.put("result", t.result());
    m.put("error", t.error());
    try {
      return JSON.writeValueAsBytes(m);
    } catch (IOException e) {
      throw new IllegalArgumentException("a task record that is not JSON", e);
    }
  }

  @SuppressWarnings("unchecked")
  static TaskRecord decode(byte[] bytes) {
    Map<String, Object> m;
    try {
      m = JSON.readValue(bytes, MAP);
    } catch (IOException e) {
      throw new IllegalStateException("an unreadable task record in Redis (" + Arrays.hashCode(bytes) + ")", e);
    }
    return new TaskRecord(
        (String) m.get("taskId"),
        (String) m.get("owner"),
        TaskStatus.valueOf((String) m.get("status")),
        (String) m.get("statusMessage"),
        Instant.ofEpochMilli(((Number) m.get("createdAt")).longValue()),
        Instant.ofEpochMilli(((Number) m.get("lastUpdatedAt")).longValue()),
        Duration.ofMillis(((Number) m.get("ttlMs")).longValue()),
        Duration.ofMillis(((Number) m.get("pollIntervalMs")).longValue()),
        (Map<String, Object>) m.get("request"),
        (Map<String, Object>) m.get("answers"),
        (Map<String, Object>) m.get("inputRequests"),
        (Map<String, Object>) m.get("result"),
        (Map<String, Object>) m.get("error"));
  }
}
