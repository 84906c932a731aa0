package org.mcpkit.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link TwoInstancesContract} on a real three-master Redis Cluster, the clients in cluster mode
 * ({@link McpRedis.Builder#cluster()}), plus what only a cluster can show: sessions spread over the
 * nodes while every key of one session stays in one slot.
 */
class RedisClusterTwoInstancesTest extends TwoInstancesContract {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private RedisCluster cluster;

  @Override
  void startRedis() throws Exception {
    cluster = RedisCluster.start(3);
  }

  @Override
  McpRedis.Builder client() {
    return McpRedis.builder(cluster.uri()).cluster();
  }

  @Override
  void stopRedis() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  private static String initialize(String url) throws Exception {
    HttpResponse<String> init = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
        .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
        .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
            + "\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"c\",\"version\":\"1\"}}}"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, init.statusCode(), init.body());
    return init.headers().firstValue("Mcp-Session-Id").orElseThrow();
  }

  @Test
  void sessionsSpreadOverTheNodesAndEachSessionsKeysShareOneSlot() throws Exception {
    List<String> sessions = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      sessions.add(initialize((i % 2 == 0 ? a : b).url()));
    }
    Set<Integer> holding = new HashSet<>();
    for (String id : sessions) {
      String record = "mcp:{" + id + "}:s";
      String claim = "mcp:{" + id + "}:c";
      String slot = RedisCluster.exec(List.of("redis-cli", "-p", cluster.ports().get(0).toString(), "cluster", "keyslot", record)).trim();
      assertEquals(slot,
          RedisCluster.exec(List.of("redis-cli", "-p", cluster.ports().get(0).toString(), "cluster", "keyslot", claim)).trim(),
          "a session's record and claim share a slot");
      for (int port : cluster.ports()) {
        // -c would follow MOVED: without it a node answers only for the keys it holds
        String exists = RedisCluster.exec(List.of("redis-cli", "-p", Integer.toString(port), "exists", record)).trim();
        if (exists.equals("1")) {
          holding.add(port);
        }
      }
    }
    assertEquals(3, holding.size(), "30 sessions land on every one of the 3 masters: " + holding);
    assertEquals(30, sessions.stream().distinct().count());
  }

  @Test
  void tasksAreCreatedAndListedThroughTheClusterFromEitherClient() {
    org.mcpkit.server.task.TaskStore one = a.redis().taskStore();
    org.mcpkit.server.task.TaskStore two = b.redis().taskStore();
    java.time.Instant now = java.time.Instant.ofEpochMilli(System.currentTimeMillis());
    for (String id : List.of("k-1", "k-2", "k-3")) {
      assertEquals(
          org.mcpkit.server.task.TaskStore.Created.CREATED,
          (id.equals("k-2") ? two : one).create(
              org.mcpkit.server.task.TaskRecord.working(
                  id, "gail", now, Duration.ofMinutes(5), Duration.ofSeconds(1), java.util.Map.of("name", "t"), java.util.Map.of()),
              10, now));
    }
    List<org.mcpkit.server.task.TaskRecord> first = two.list("gail", org.mcpkit.server.task.TaskStore.Position.FIRST, 2, now);
    assertEquals(List.of("k-1", "k-2"), first.stream().map(org.mcpkit.server.task.TaskRecord::taskId).toList());
    assertEquals(
        List.of("k-3"),
        one.list("gail", org.mcpkit.server.task.TaskStore.Position.of(first.get(1)), 2, now).stream()
            .map(org.mcpkit.server.task.TaskRecord::taskId).toList(),
        "the listing script and the task keys share the {tasks} slot");
  }
}
