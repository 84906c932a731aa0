package org.mcpkit.redis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mcpkit.server.http.EventStore;
import org.mcpkit.server.http.SessionRecord;
import org.mcpkit.server.http.SessionStore;
import org.mcpkit.server.http.StoreUnavailableException;

/** The stores against a real redis-server, two clients as two instances: keys, bounds, claims, the fleet count. */
class RedisStoresTest {
  private static RedisProcess redis;
  private static McpRedis one;
  private static McpRedis two;
  private static RedisClient raw;
  private static StatefulRedisConnection<String, String> cli;

  @BeforeAll
  static void start() throws Exception {
    redis = RedisProcess.start();
    one = McpRedis.builder(redis.uri()).keyPrefix("t:").eventRetention(3, Duration.ofSeconds(1)).build();
    two = McpRedis.builder(redis.uri()).keyPrefix("t:").eventRetention(3, Duration.ofSeconds(1)).build();
    raw = RedisClient.create(redis.uri());
    cli = raw.connect();
  }

  @AfterAll
  static void stop() throws Exception {
    cli.close();
    raw.shutdown();
    one.close();
    two.close();
    redis.close();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void sessionsAreHashTaggedExpireAndAreCountedAcrossTheFleet() {
    SessionStore a = one.sessionStore();
    SessionStore b = two.sessionStore();
    int before = b.count();
    Instant now = Instant.now();
    a.save(SessionRecord.of("s1", now, bytes("{\"v\":1}")));
    assertEquals(before + 1, b.count(), "a session saved by one instance counts on the other");
    SessionRecord found = b.find("s1").orElseThrow();
    assertArrayEquals(bytes("{\"v\":1}"), found.state());
    assertEquals(now.toEpochMilli(), found.lastUsedAt().toEpochMilli());
    long ttl = cli.sync().pttl("t:{s1}:s");
    assertTrue(ttl > Duration.ofMinutes(29).toMillis() && ttl <= Duration.ofMinutes(30).toMillis(), "ttl " + ttl);
    assertTrue(cli.sync().pttl("t:sessions") > 0);
    assertEquals(List.of("s1"), b.idleSince(now.plusMillis(1)).stream().filter("s1"::equals).toList());
    assertEquals(List.of(), b.idleSince(now.minusMillis(1)).stream().filter("s1"::equals).toList());

    assertTrue(a.claimStream("s1", "A/1", now, Duration.ofSeconds(5)));
    assertFalse(b.claimStream("s1", "B/1", now, Duration.ofSeconds(5)), "one GET stream per session, fleet-wide");
    assertTrue(a.claimStream("s1", "A/1", now, Duration.ofSeconds(5)), "the holder renews");
    long lease = cli.sync().pttl("t:{s1}:c");
    assertTrue(lease > 0 && lease <= 5000, "lease " + lease);
    assertTrue(b.streamClaimed("s1", now));
    b.releaseStream("s1", "B/1");
    assertTrue(b.streamClaimed("s1", now), "only the holder releases");
    a.releaseStream("s1", "A/1");
    assertFalse(b.streamClaimed("s1", now));
    assertFalse(b.claimStream("nope", "B/1", now, Duration.ofSeconds(5)), "no claim on an unknown session");
    assertEquals(0, cli.sync().exists("t:{nope}:c"));

    assertTrue(b.delete("s1"));
    assertFalse(a.delete("s1"));
    assertEquals(Optional.empty(), a.find("s1"));
    assertEquals(before, a.count());
  }

  @Test
  void aRecordIsReplacedOnlyWhileItHoldsTheExpectedState() {
    SessionStore a = one.sessionStore();
    SessionStore b = two.sessionStore();
    Instant now = Instant.now();
    a.save(SessionRecord.of("cas", now, bytes("{\"v\":1}")));
    assertTrue(b.replace(SessionRecord.of("cas", now.plusSeconds(1), bytes("{\"v\":2}")), bytes("{\"v\":1}")));
    assertFalse(a.replace(SessionRecord.of("cas", now.plusSeconds(2), bytes("{\"v\":3}")), bytes("{\"v\":1}")),
        "a save from a stale copy is refused");
    SessionRecord found = a.find("cas").orElseThrow();
    assertArrayEquals(bytes("{\"v\":2}"), found.state());
    assertEquals(now.plusSeconds(1).toEpochMilli(), found.lastUsedAt().toEpochMilli());
    long ttl = cli.sync().pttl("t:{cas}:s");
    assertTrue(ttl > Duration.ofMinutes(29).toMillis() && ttl <= Duration.ofMinutes(30).toMillis(), "ttl " + ttl);
    assertFalse(a.replace(SessionRecord.of("gone", now, bytes("{}")), bytes("{}")), "no record, nothing replaced");
    assertEquals(Optional.empty(), a.find("gone"));
  }

  @Test
  void eventsAreBoundedByCountAndAgeAndGoWithTheirSession() {
    EventStore a = one.eventStore();
    EventStore b = two.eventStore();
    String stream = "s2~r1";
    String first = a.append(stream, bytes("m1"));
    assertTrue(first.startsWith(stream + "."), first);
    String second = a.append(stream, new byte[0]);
    a.append(stream, bytes("m3"));
    a.append(stream, bytes("m4"));
    a.append(stream, bytes("m5"));
    assertEquals(Optional.of(stream), b.streamOf(second));
    List<EventStore.Event> rest = b.after(first);
    assertEquals(List.of("m3", "m4", "m5"), rest.stream().map(e -> new String(e.message(), StandardCharsets.UTF_8)).toList(),
        "three kept per stream");
    assertEquals(List.of("m5"), b.after(rest.get(1).id()).stream().map(e -> new String(e.message(), StandardCharsets.UTF_8)).toList());
    assertEquals(3L, cli.sync().xlen("t:{s2}:e:" + stream));
    long ttl = cli.sync().pttl("t:{s2}:e:" + stream);
    assertTrue(ttl > 0 && ttl <= 1000, "ttl " + ttl);
    assertTrue(cli.sync().pttl("t:{s2}:es") > 0);

    assertEquals(Optional.empty(), b.streamOf("s2~r1"), "no entry part");
    assertEquals(List.of(), b.after("s2~r1.not-an-id"));
    assertEquals(List.of(), b.after("s2~other.1-0"), "an unknown stream replays nothing");

    // age: once older than a second, nothing is replayed (polling deadline, no fixed wait)
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!b.after(first).isEmpty()) {
      assertTrue(System.nanoTime() < deadline, "events older than the age bound are still replayed");
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
    }

    String kept = a.append("s3~r1", bytes("x"));
    a.append("s3~r2", bytes("y"));
    b.removeSession("s3");
    assertEquals(0L, cli.sync().exists("t:{s3}:e:s3~r1", "t:{s3}:e:s3~r2", "t:{s3}:es"));
    assertEquals(Optional.empty(), a.streamOf(kept));
  }

  @Test
  void aBadUriOrAnUnreachableRedisFailsClearly() {
    assertThrows(IllegalArgumentException.class, () -> McpRedis.builder("http://nope").build());
    long t0 = System.nanoTime();
    StoreUnavailableException e = assertThrows(StoreUnavailableException.class,
        () -> McpRedis.builder("redis://127.0.0.1:1").commandTimeout(Duration.ofMillis(300)).build());
    assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) < 5000);
    assertEquals(-32603, e.error().code());
    assertEquals(StoreUnavailableException.MESSAGE, e.error().message());
  }
}
