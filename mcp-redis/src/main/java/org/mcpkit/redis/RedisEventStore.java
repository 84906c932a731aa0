package org.mcpkit.redis;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.mcpkit.redis.internal.RedisConnections;
import org.mcpkit.server.http.EventStore;

/**
 * The events of 2025-era SSE streams in Redis Streams, shared by every instance. A stream {@code
 * <sessionId>~<random>} lives in {@code <prefix>{<sessionId>}:e:<streamId>}, bounded to the newest
 * {@code maxEvents} entries and to entries younger than {@code maxAge} on every append, and expiring
 * {@code maxAge} after its last append; {@code <prefix>{<sessionId>}:es} lists a session's streams
 * (same slot, same TTL) so a deleted session's events go at once. An event id is {@code
 * <streamId>.<redis entry id>}. Calls wait at most the command timeout and fail with {@link
 * org.mcpkit.server.http.StoreUnavailableException}. Create it with {@link McpRedis}.
 */
public final class RedisEventStore implements EventStore {
  private static final Pattern ENTRY = Pattern.compile("[0-9]{1,20}-[0-9]{1,20}");
  private static final String APPEND =
      "local id = redis.call('xadd', KEYS[1], 'MAXLEN', ARGV[1], '*', 'm', ARGV[2]) "
      + "local t = redis.call('time') "
      + "local min = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000) - tonumber(ARGV[3]) "
      + "if min > 0 then redis.call('xtrim', KEYS[1], 'MINID', tostring(min)) end "
      + "redis.call('pexpire', KEYS[1], ARGV[3]) "
      + "redis.call('sadd', KEYS[2], KEYS[1]) "
      + "redis.call('pexpire', KEYS[2], ARGV[3]) "
      + "return id";

  private final RedisConnections redis;
  private final String prefix;
  private final int maxEvents;
  private final long maxAgeMillis;

  RedisEventStore(RedisConnections redis, String prefix, int maxEvents, Duration maxAge) {
    this.redis = redis;
    this.prefix = prefix;
    this.maxEvents = maxEvents;
    this.maxAgeMillis = maxAge.toMillis();
  }

  private static String sessionOf(String streamId) {
    int tilde = streamId.lastIndexOf('~');
    return tilde < 0 ? streamId : streamId.substring(0, tilde);
  }

  private String streamKey(String streamId) {
    return prefix + "{" + sessionOf(streamId) + "}:e:" + streamId;
  }

  private String setKey(String sessionId) {
    return prefix + "{" + sessionId + "}:es";
  }

  private RedisClusterAsyncCommands<String, byte[]> async() {
    return redis.commands();
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String append(String streamId, byte[] message) {
    byte[] id = redis.await(async().eval(APPEND, ScriptOutputType.VALUE,
        new String[] {streamKey(streamId), setKey(sessionOf(streamId))},
        ascii(Integer.toString(maxEvents)), message, ascii(Long.toString(maxAgeMillis))));
    return streamId + "." + new String(id, StandardCharsets.UTF_8);
  }

  /** The stream and Redis entry id of an event id, when it has that shape. */
  private static String[] split(String eventId) {
    int dot = eventId.lastIndexOf('.');
    if (dot <= 0 || !ENTRY.matcher(eventId.substring(dot + 1)).matches()) {
      return null;
    }
    return new String[] {eventId.substring(0, dot), eventId.substring(dot + 1)};
  }

  @Override
  public Optional<String> streamOf(String eventId) {
    String[] parts = split(eventId);
    if (parts == null) {
      return Optional.empty();
    }
    return redis.await(async().exists(streamKey(parts[0]))) > 0 ? Optional.of(parts[0]) : Optional.empty();
  }

  @Override
  public List<Event> after(String eventId) {
    String[] parts = split(eventId);
    if (parts == null) {
      return List.of();
    }
    List<StreamMessage<String, byte[]>> entries = redis.await(async().xrange(streamKey(parts[0]),
        Range.create("(" + parts[1], "+"), Limit.create(0, maxEvents)));
    long oldest = System.currentTimeMillis() - maxAgeMillis;
    List<Event> events = new ArrayList<>(entries.size());
    for (StreamMessage<String, byte[]> e : entries) {
      String id = e.getId();
      long millis = Long.parseLong(id.substring(0, id.indexOf('-')));
      if (millis < oldest) {
        continue;
      }
      byte[] m = e.getBody().get("m");
      events.add(new Event(parts[0] + "." + id, m == null ? new byte[0] : m));
    }
    return events;
  }

  @Override
  public void removeSession(String sessionId) {
    List<String> keys = new ArrayList<>();
    for (byte[] k : redis.await(async().smembers(setKey(sessionId)))) {
      keys.add(new String(k, StandardCharsets.UTF_8));
    }
    keys.add(setKey(sessionId));
    redis.await(async().del(keys.toArray(String[]::new))); // one slot: the session's hash tag
  }
}
