package org.mcpkit.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mcpkit.redis.FleetClient.M;
import static org.mcpkit.redis.FleetClient.call;
import static org.mcpkit.redis.FleetClient.modernTextResult;
import static org.mcpkit.redis.FleetClient.servedBy;
import static org.mcpkit.redis.FleetClient.textResult;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.mcpkit.testing.SseReader;

/**
 * Two server JVMs behind a real HAProxy (round robin, no stickiness) on one real redis-server, each
 * scenario through the balancer with the instances named by HAProxy's {@code X-Served-By} header,
 * so every test proves that the instances it claims served the requests did. Subclasses say which
 * transport the instances run. The scenarios share one fleet; the last two take it apart (Redis
 * restarted, then one instance killed), so they run last.
 */
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class HaproxyScaleOutContract {
  static final String UPDATED = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/resources/updated\",\"params\":{\"uri\":\"%s\"}}";
  static final String LIST_CHANGED = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/tools/list_changed\"}";
  HaproxyFleet fleet;
  FleetClient client;

  /** The main class of an instance JVM (it runs {@link FleetServer}). */
  abstract Class<?> instanceMain();

  @BeforeAll
  void startFleet() throws Exception {
    fleet = HaproxyFleet.start(instanceMain());
    client = new FleetClient(fleet);
  }

  @AfterAll
  void stopFleet() throws Exception {
    if (fleet != null) {
      fleet.close();
    }
  }

  HttpResponse<String> legacyCall(String session, int id, String tool, String args) throws Exception {
    return client.send(client.post(call(id, tool, args), session));
  }

  /** Opens the session's GET stream through the balancer, retrying until it is 200 or {@code seconds} pass. */
  private HttpResponse<InputStream> reopenGetStream(String session, int seconds, String what) {
    AtomicReference<HttpResponse<InputStream>> reopened = new AtomicReference<>();
    HaproxyFleet.await(() -> {
      try {
        HttpResponse<InputStream> r = client.stream(client.get(session, null));
        if (r.statusCode() != 200) {
          r.body().close();
          return false;
        }
        reopened.set(r);
        return true;
      } catch (Exception e) {
        return false;
      }
    }, seconds, what);
    return reopened.get();
  }

  private static String text(HttpResponse<String> r) throws Exception {
    return M.readTree(r.body()).at("/result/content/0/text").asText();
  }

  @Test
  @Order(1)
  void aSessionInitializedOnOneInstanceIsUsedThroughTheOtherFor200Calls() throws Exception {
    client.nextIs("a");
    String[] s = client.session("{}");
    assertEquals("a", s[1]);
    Map<String, Integer> servedBy = new TreeMap<>();
    for (int i = 0; i < 200; i++) {
      HttpResponse<String> r = legacyCall(s[0], 10 + i, "echo", "{\"n\":" + i + "}");
      assertEquals(200, r.statusCode(), r.body());
      assertEquals(textResult(10 + i, "echo " + i), M.readTree(r.body()));
      servedBy.merge(servedBy(r), 1, Integer::sum);
    }
    assertEquals(Set.of("a", "b"), servedBy.keySet(), servedBy.toString());
    assertTrue(servedBy.get("b") >= 90, "round robin without affinity: " + servedBy);
    Set<String> names = new TreeSet<>();
    for (int i = 0; i < 4; i++) {
      HttpResponse<String> r = legacyCall(s[0], 300 + i, "whoami", "{}");
      assertEquals(servedBy(r), text(r), "whoami names the instance HAProxy chose");
      names.add(text(r));
    }
    assertEquals(Set.of("a", "b"), names);
  }

  @Test
  @Order(2)
  void aGetStreamOnOneInstanceReceivesNotificationsCausedOnTheOtherExactlyOnce() throws Exception {
    String session = client.session("{}")[0];
    assertEquals(200, client.send(client.post("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"resources/subscribe\","
        + "\"params\":{\"uri\":\"test://hot\"}}", session)).statusCode());
    client.nextIs("a");
    HttpResponse<InputStream> stream = client.stream(client.get(session, null));
    assertEquals(200, stream.statusCode());
    assertEquals("a", servedBy(stream));
    try (SseReader events = new SseReader(stream.body())) {
      assertEquals(":", events.next(5));
      client.nextIs("b");
      HttpResponse<String> touched = legacyCall(session, 3, "touch", "{\"uri\":\"test://hot/1\"}");
      assertEquals(textResult(3, "touched by b"), M.readTree(touched.body()));
      assertEquals(M.readTree(String.format(UPDATED, "test://hot/1")), M.readTree(events.nextEvent(5)));
      client.nextIs("b");
      assertEquals(textResult(4, "added by b"), M.readTree(legacyCall(session, 4, "add_tool", "{\"n\":\"b2\"}").body()));
      assertEquals(M.readTree(LIST_CHANGED), M.readTree(events.nextEvent(5)));
      client.nextIs("b");
      assertEquals(textResult(5, "touched by b"), M.readTree(legacyCall(session, 5, "touch", "{\"uri\":\"test://hot/2\"}").body()));
      // the next event is the last update: each notification before it came exactly once
      assertEquals(M.readTree(String.format(UPDATED, "test://hot/2")), M.readTree(events.nextEvent(5)));
    }
  }

  @Test
  @Order(3)
  void anElicitationStartedOnOneInstanceIsAnsweredThroughTheOther() throws Exception {
    String session = client.session("{\"elicitation\":{}}")[0];
    client.nextIs("a");
    HttpResponse<InputStream> call = client.stream(client.post(call(7, "ask", "{}"), session));
    assertEquals(200, call.statusCode());
    assertEquals("a", servedBy(call));
    try (SseReader events = new SseReader(call.body())) {
      JsonNode ask = M.readTree(events.nextEvent(5));
      assertEquals("elicitation/create", ask.get("method").asText(), ask.toString());
      assertEquals(M.readTree("{\"message\":\"Name?\",\"requestedSchema\":{\"type\":\"object\","
          + "\"properties\":{\"name\":{\"type\":\"string\"}}}}"), ask.get("params"));
      HttpResponse<String> answered = client.send(client.post("{\"jsonrpc\":\"2.0\",\"id\":" + ask.get("id")
          + ",\"result\":{\"action\":\"accept\",\"content\":{\"name\":\"Bo\"}}}", session));
      assertEquals(202, answered.statusCode(), answered.body());
      assertEquals("b", servedBy(answered), "the answer went to the other instance");
      assertEquals(textResult(7, "Hi Bo from a"), M.readTree(events.nextEvent(10)));
    }
  }

  @Test
  @Order(4)
  void aStreamCutOnOneInstanceResumesOnTheOtherInOrderExactlyOnce() throws Exception {
    String session = client.session("{}")[0];
    assertEquals(200, client.send(client.post("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"logging/setLevel\","
        + "\"params\":{\"level\":\"info\"}}", session)).statusCode());
    client.nextIs("a");
    HttpResponse<InputStream> call = client.stream(client.post(call(8, "steps", "{}"), session));
    assertEquals("a", servedBy(call));
    String cut;
    try (SseReader events = SseReader.withIds(call.body())) {
      String first = events.nextEvent(5);
      cut = first.substring(0, first.indexOf(' '));
      assertEquals("step 1", M.readTree(first.substring(first.indexOf(' ') + 1)).at("/params/data").asText());
    } // the client goes away after the first event
    Set<String> released = new TreeSet<>();
    for (int i = 0; i < 2; i++) { // one release to each instance: the one running the call goes on
      HttpResponse<String> r = client.send(client.modernCall(20 + i, "release", "{}"));
      assertEquals(200, r.statusCode(), r.body());
      released.add(text(r));
    }
    assertEquals(Set.of("released by a", "released by b"), released);
    List<String> rest = new ArrayList<>();
    Set<String> resumedBy = new TreeSet<>();
    for (int round = 0; round < 5 && (rest.isEmpty() || !rest.get(rest.size() - 1).contains("\"result\"")); round++) {
      client.nextIs("b"); // every replay from the instance that did not run the call
      HttpResponse<InputStream> resumed = client.stream(client.get(session, cut));
      assertEquals(200, resumed.statusCode());
      resumedBy.add(servedBy(resumed));
      try (SseReader replay = SseReader.withIds(resumed.body())) {
        for (String f = replay.nextEvent(5); !f.equals(SseReader.EOF); f = replay.nextEvent(5)) {
          cut = f.substring(0, f.indexOf(' ')); // resume again from here if the call was still running
          rest.add(f.substring(f.indexOf(' ') + 1));
        }
      }
    }
    assertEquals(Set.of("b"), resumedBy, "resumed on the other instance");
    assertEquals(5, rest.size(), rest.toString());
    for (int s = 2; s <= 5; s++) {
      assertEquals("step " + s, M.readTree(rest.get(s - 2)).at("/params/data").asText(), rest.toString());
    }
    assertEquals(textResult(8, "stepped"), M.readTree(rest.get(4)));
  }

  @Test
  @Order(5)
  void deleteThroughOneInstanceEndsTheGetStreamOnTheOther() throws Exception {
    String session = client.session("{}")[0];
    client.nextIs("a");
    HttpResponse<InputStream> stream = client.stream(client.get(session, null));
    assertEquals(200, stream.statusCode());
    assertEquals("a", servedBy(stream));
    try (SseReader events = new SseReader(stream.body())) {
      assertEquals(":", events.next(5));
      HttpResponse<String> deleted = client.send(client.delete(session));
      assertEquals(200, deleted.statusCode());
      assertEquals("b", servedBy(deleted));
      assertEquals("retry:3000", events.nextEvent(5), "a ends the stream when b ends the session");
      assertEquals(SseReader.EOF, events.nextEvent(5));
    }
    HttpResponse<String> gone = legacyCall(session, 9, "echo", "{\"n\":1}");
    assertEquals(404, gone.statusCode(), gone.body());
  }

  @Test
  @Order(6)
  void aListenStreamReceivesListChangesAndResourceUpdatesPublishedOnTheOther() throws Exception {
    client.nextIs("a");
    HttpResponse<InputStream> listen = client.stream(client.modern(31, "subscriptions/listen", null,
        "\"notifications\":{\"toolsListChanged\":true,\"resourceSubscriptions\":[\"test://hot\"]}"));
    assertEquals(200, listen.statusCode());
    assertEquals("a", servedBy(listen));
    String meta = "\"_meta\":{\"io.modelcontextprotocol/subscriptionId\":31}";
    try (SseReader events = new SseReader(listen.body())) {
      assertEquals(M.readTree("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/subscriptions/acknowledged\",\"params\":{"
          + "\"notifications\":{\"toolsListChanged\":true,\"resourceSubscriptions\":[\"test://hot\"]}," + meta + "}}"),
          M.readTree(events.nextEvent(5)));
      HttpResponse<String> touched = client.send(client.modernCall(32, "touch", "{\"uri\":\"test://hot\"}"));
      assertEquals("b", servedBy(touched));
      assertEquals(modernTextResult(32, "touched by b"), M.readTree(touched.body()));
      assertEquals(M.readTree("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/resources/updated\",\"params\":{"
          + "\"uri\":\"test://hot\"," + meta + "}}"), M.readTree(events.nextEvent(5)));
      client.nextIs("b");
      HttpResponse<String> added = client.send(client.modernCall(33, "add_tool", "{\"n\":\"l33\"}"));
      assertEquals(modernTextResult(33, "added by b"), M.readTree(added.body()));
      assertEquals(M.readTree("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/tools/list_changed\",\"params\":{" + meta + "}}"),
          M.readTree(events.nextEvent(5)));
    }
  }

  @Test
  @Order(7)
  void anInputRequiredRoundStartedOnOneInstanceCompletesOnTheOther() throws Exception {
    client.nextIs("a");
    HttpResponse<String> round1 = client.send(client.modernCall(41, "ask", "{}"));
    assertEquals(200, round1.statusCode(), round1.body());
    assertEquals("a", servedBy(round1));
    JsonNode r1 = M.readTree(round1.body()).get("result");
    assertEquals("input_required", r1.get("resultType").asText(), r1.toString());
    assertEquals(M.readTree("{\"name\":{\"method\":\"elicitation/create\",\"params\":{\"message\":\"Name?\","
        + "\"requestedSchema\":{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"}}}}}}"), r1.get("inputRequests"));
    HttpResponse<String> round2 = client.send(client.modern(42, "tools/call", "ask", "\"name\":\"ask\",\"arguments\":{},"
        + "\"requestState\":\"" + r1.get("requestState").asText() + "\","
        + "\"inputResponses\":{\"name\":{\"action\":\"accept\",\"content\":{\"name\":\"Ada\"}}}"));
    assertEquals(200, round2.statusCode(), round2.body());
    assertEquals("b", servedBy(round2), "the second round went to the other instance");
    assertEquals(modernTextResult(42, "Hi Ada from b"), M.readTree(round2.body()));
  }

  @Test
  @Order(8)
  void theOfficialJavaSdkClientRunsASessionAcrossBothInstances() throws Exception {
    JavaSdkFlow.run(fleet.url());
  }

  @Test
  @Order(10)
  void whileRedisIsDownRequestsNeedingItFailClosedAndServiceResumesWithoutRestartingTheInstances() throws Exception {
    String session = client.session("{}")[0];
    client.nextIs("a");
    HttpResponse<InputStream> getting = client.stream(client.get(session, null));
    assertEquals("a", servedBy(getting));
    client.nextIs("b");
    HttpResponse<InputStream> listening = client.stream(client.modern(61, "subscriptions/listen", null,
        "\"notifications\":{\"toolsListChanged\":true}"));
    assertEquals("b", servedBy(listening));
    try (SseReader stream = new SseReader(getting.body()); SseReader listen = new SseReader(listening.body())) {
      assertEquals(":", stream.next(5));
      assertEquals("notifications/subscriptions/acknowledged", M.readTree(listen.nextEvent(5)).get("method").asText());
      fleet.redis().stopSaving();
      // Open streams do not go silent: each ends with a retry hint, the client comes back later.
      assertEquals("retry:3000", stream.nextEvent(10));
      assertEquals(SseReader.EOF, stream.nextEvent(5));
      assertEquals("retry:3000", listen.nextEvent(10));
      assertEquals(SseReader.EOF, listen.nextEvent(5));
    }
    Set<String> refusedBy = new TreeSet<>();
    for (int i = 0; i < 4; i++) {
      HttpResponse<String> refused = legacyCall(session, 62 + i, "echo", "{\"n\":1}");
      assertEquals(503, refused.statusCode(), refused.body());
      assertEquals(List.of("3"), refused.headers().allValues("Retry-After"));
      assertEquals(M.readTree("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32603,"
          + "\"message\":\"Service unavailable: shared session state is unreachable, retry later\"}}"), M.readTree(refused.body()));
      refusedBy.add(servedBy(refused));
    }
    assertEquals(Set.of("a", "b"), refusedBy, "both instances fail closed");
    for (String name : List.of("a", "b")) {
      HaproxyFleet.await(() -> client.probe(fleet.direct(name, "/readyz")) == 503, 10, "/readyz of " + name + " 503");
      assertEquals(200, client.probe(fleet.direct(name, "/healthz")), "alive, only not ready");
    }
    HttpResponse<String> listenRefused = client.send(client.modern(66, "subscriptions/listen", null,
        "\"notifications\":{\"toolsListChanged\":true}"));
    assertEquals(503, listenRefused.statusCode(), listenRefused.body());
    assertEquals(List.of("3"), listenRefused.headers().allValues("Retry-After"));
    Set<String> statelessBy = new TreeSet<>();
    for (int i = 0; i < 4; i++) {
      HttpResponse<String> r = client.send(client.modernCall(70 + i, "echo", "{\"n\":" + i + "}"));
      assertEquals(200, r.statusCode(), "2026-07-28 calls need no shared state: " + r.body());
      assertEquals(modernTextResult(70 + i, "echo " + i), M.readTree(r.body()));
      statelessBy.add(servedBy(r));
    }
    assertEquals(Set.of("a", "b"), statelessBy);

    fleet.redis().run(); // the same port and data directory: the session's record is still there
    for (String name : List.of("a", "b")) {
      HaproxyFleet.await(() -> client.probe(fleet.direct(name, "/readyz")) == 200, 15, "/readyz of " + name + " 200 again");
    }
    Set<String> servedAgainBy = new TreeSet<>();
    for (int i = 0; i < 4; i++) {
      HttpResponse<String> r = legacyCall(session, 80 + i, "echo", "{\"n\":" + i + "}");
      assertEquals(200, r.statusCode(), r.body());
      assertEquals(textResult(80 + i, "echo " + i), M.readTree(r.body()));
      servedAgainBy.add(servedBy(r));
    }
    assertEquals(Set.of("a", "b"), servedAgainBy, "the same session, served by both again");
    // the client follows the retry hint; the old stream's claim is released by now or soon
    HttpResponse<InputStream> reopened = reopenGetStream(session, 10, "the GET stream reopens after the outage");
    try (SseReader stream = new SseReader(reopened.body())) {
      assertEquals(":", stream.next(5));
      String other = servedBy(reopened).equals("a") ? "b" : "a";
      client.nextIs(other);
      HttpResponse<String> added = legacyCall(session, 90, "add_tool", "{\"n\":\"r90\"}");
      assertEquals(textResult(90, "added by " + other), M.readTree(added.body()));
      assertEquals(M.readTree(LIST_CHANGED), M.readTree(stream.nextEvent(5)), "events cross instances again");
    }
  }

  @Test
  @Order(20)
  void afterKill9OfOneInstanceEveryLaterRequestOfEverySessionSucceedsOnTheSurvivor() throws Exception {
    List<String> sessions = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      String session = client.session("{}")[0];
      Set<String> names = new TreeSet<>();
      for (int c = 0; c < 2; c++) {
        names.add(text(legacyCall(session, 50 + c, "whoami", "{}")));
      }
      assertEquals(Set.of("a", "b"), names, "each session used on both before the kill");
      sessions.add(session);
    }
    String streaming = sessions.get(0);
    assertEquals(200, client.send(client.post("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"resources/subscribe\","
        + "\"params\":{\"uri\":\"test://hot\"}}", streaming)).statusCode());
    client.nextIs("a");
    HttpResponse<InputStream> doomed = client.stream(client.get(streaming, null));
    assertEquals("a", servedBy(doomed), "this session's GET stream is on the instance about to die");
    try (SseReader events = new SseReader(doomed.body())) {
      assertEquals(":", events.next(5));
      fleet.kill9("a");
      assertEquals(SseReader.EOF, events.nextEvent(10), "the stream dies with its instance");
    }
    int id = 100;
    for (int round = 0; round < 20; round++) { // at once: HAProxy retries a refused connect on the survivor
      for (String session : sessions) {
        HttpResponse<String> r = legacyCall(session, ++id, "echo", "{\"n\":" + id + "}");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(textResult(id, "echo " + id), M.readTree(r.body()));
        assertEquals("b", servedBy(r));
      }
    }
    HaproxyFleet.await(() -> "DOWN".equals(fleet.status("a")), 10, "HAProxy's health check marks a down");
    for (String session : sessions) {
      HttpResponse<String> who = legacyCall(session, ++id, "whoami", "{}");
      assertEquals(textResult(id, "b"), M.readTree(who.body()));
    }
    HttpResponse<String> fresh = client.send(client.modernCall(++id, "whoami", "{}"));
    assertEquals(modernTextResult(id, "b"), M.readTree(fresh.body()));
    // The client reconnects its GET stream: the survivor takes over the dead instance's claim as soon
    // as a's liveness mark runs out (seconds), not after the 30 s lease.
    long t0 = System.nanoTime();
    HttpResponse<InputStream> reopened =
        reopenGetStream(streaming, 15, "the GET stream of a session whose stream was on the killed instance reopens on the survivor");
    assertTrue(System.nanoTime() - t0 < java.util.concurrent.TimeUnit.SECONDS.toNanos(12), "well within the 30 s lease");
    assertEquals("b", servedBy(reopened));
    try (SseReader events = new SseReader(reopened.body())) {
      assertEquals(":", events.next(5));
      HttpResponse<String> touched = legacyCall(streaming, ++id, "touch", "{\"uri\":\"test://hot\"}");
      assertEquals(textResult(id, "touched by b"), M.readTree(touched.body()));
      assertEquals(M.readTree(String.format(UPDATED, "test://hot")), M.readTree(events.nextEvent(5)));
    }
  }
}
