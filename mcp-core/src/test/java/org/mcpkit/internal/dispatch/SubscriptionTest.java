package org.mcpkit.internal.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mcpkit.jsonrpc.JsonRpcNotification;
import org.mcpkit.jsonrpc.JsonRpcSuccess;
import org.mcpkit.jsonrpc.RequestId;
import org.mcpkit.server.McpServer;
import org.mcpkit.server.ToolSpec;

class SubscriptionTest {
  private final McpServer server = Fixtures.server();
  private final TestClient client = new TestClient(server);

  @AfterEach
  void close() {
    server.close();
  }

  private RecordingSink listen(String filterJson) {
    return client.send(
        client.request(
            "subscriptions/listen", TestClient.json("{\"notifications\":" + filterJson + "}")));
  }

  @Test
  void acknowledgesFirstWithTheHonouredFilter() throws Exception {
    RecordingSink sink =
        listen("{\"toolsListChanged\":true,\"promptsListChanged\":true,\"resourceSubscriptions\":[\"test://static\"]}");
    assertEquals(
        new JsonRpcNotification(
            "notifications/subscriptions/acknowledged",
            Map.of(
                "notifications",
                TestClient.json(
                    "{\"toolsListChanged\":true,\"promptsListChanged\":true,"
                        + "\"resourceSubscriptions\":[\"test://static\"]}"),
                "_meta",
                Map.of("io.modelcontextprotocol/subscriptionId", 1L))),
        sink.nextNotification());
    assertFalse(sink.response.isDone());
  }

  @Test
  void deliversOnlyRequestedKindsTaggedWithTheSubscriptionId() throws Exception {
    RecordingSink tools = listen("{\"toolsListChanged\":true}");
    RecordingSink prompts = listen("{\"promptsListChanged\":true}");
    tools.nextNotification();
    prompts.nextNotification();
    server.addTool(ToolSpec.of(Fixtures.tool("new"), (ctx, args) -> null));
    server.removePrompt("greet");
    assertEquals(
        new JsonRpcNotification(
            "notifications/tools/list_changed",
            Map.of("_meta", Map.of("io.modelcontextprotocol/subscriptionId", 1L))),
        tools.nextNotification());
    assertEquals(
        new JsonRpcNotification(
            "notifications/prompts/list_changed",
            Map.of("_meta", Map.of("io.modelcontextprotocol/subscriptionId", 2L))),
        prompts.nextNotification());
    assertEquals(2, tools.notifications.size());
    assertEquals(2, prompts.notifications.size());
  }

  @Test
  void resourceUpdatesGoToSubscribersOfThatUriAndSubResources() throws Exception {
    RecordingSink a = listen("{\"resourceSubscriptions\":[\"test://items\"]}");
    RecordingSink b = listen("{\"resourceSubscriptions\":[\"test://static\"]}");
    a.nextNotification();
    b.nextNotification();
    server.notifyResourceUpdated("test://items/7");
    server.notifyResourceUpdated("test://itemsX");
    server.notifyResourceUpdated("test://static");
    assertEquals(
        new JsonRpcNotification(
            "notifications/resources/updated",
            Map.of("uri", "test://items/7", "_meta", Map.of("io.modelcontextprotocol/subscriptionId", 1L))),
        a.nextNotification());
    assertEquals(
        new JsonRpcNotification(
            "notifications/resources/updated",
            Map.of("uri", "test://static", "_meta", Map.of("io.modelcontextprotocol/subscriptionId", 2L))),
        b.nextNotification());
    assertEquals(2, a.notifications.size());
    assertEquals(2, b.notifications.size());
  }

  @Test
  void tenConcurrentStreamsEachGetExactlyTheirNotifications() throws Exception {
    List<RecordingSink> sinks = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      sinks.add(listen("{\"resourceSubscriptions\":[\"test://r/" + i + "\"]}"));
    }
    for (RecordingSink s : sinks) {
      s.nextNotification();
    }
    for (int i = 0; i < 10; i++) {
      server.notifyResourceUpdated("test://r/" + i);
    }
    for (int i = 0; i < 10; i++) {
      JsonRpcNotification n = sinks.get(i).nextNotification();
      assertEquals("test://r/" + i, n.params().get("uri"));
      assertEquals(2, sinks.get(i).notifications.size());
    }
  }

  @Test
  void cancelledStreamGetsNothingMore() throws Exception {
    RecordingSink sink = client.send(client.request("subscriptions/listen",
        TestClient.json("{\"notifications\":{\"toolsListChanged\":true}}")));
    sink.nextNotification();
    ServerImpl impl = (ServerImpl) server;
    assertEquals(1, impl.subscriptionCount());
    // the transport cancels when the client goes away
    Call call =
        client.dispatcher.dispatch(
            client.request("subscriptions/listen", TestClient.json("{\"notifications\":{}}")),
            client.context,
            new RecordingSink());
    call.cancel();
    assertEquals(1, impl.subscriptionCount());
    server.addTool(ToolSpec.of(Fixtures.tool("x"), (ctx, args) -> null));
    assertEquals(2, sink.notifications.size());
  }

  @Test
  void oneBusSubscriptionServesEveryOpenStream() throws Exception {
    InMemoryNotificationBus bus = new InMemoryNotificationBus();
    McpServer own = Fixtures.builder().notificationBus(bus).build();
    try {
      TestClient c = new TestClient(own);
      List<RecordingSink> sinks = new ArrayList<>();
      List<Call> calls = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        RecordingSink sink = new RecordingSink();
        calls.add(
            c.dispatcher.dispatch(
                c.request("subscriptions/listen",
                    TestClient.json("{\"notifications\":{\"resourceSubscriptions\":[\"test://r/1\"]}}")),
                c.context,
                sink));
        sinks.add(sink);
      }
      ServerImpl impl = (ServerImpl) own;
      assertEquals(100, impl.subscriptionCount());
      assertEquals(1, bus.subscriberCount(), "one bus subscription for all open streams");
      for (int i = 0; i < 40; i++) {
        calls.get(i).cancel();
      }
      assertEquals(60, impl.subscriptionCount(), "a cancelled stream leaves at once");
      own.notifyResourceUpdated("test://r/1");
      for (int i = 0; i < 100; i++) {
        assertEquals(i < 40 ? 1 : 2, sinks.get(i).notifications.size(), "stream " + i);
      }
      own.close();
      assertEquals(0, impl.subscriptionCount());
      assertEquals(0, bus.subscriberCount(), "a closed server leaves no bus subscription behind");
    } finally {
      own.close();
    }
  }

  @Test
  void closingTheServerEndsStreamsWithTheListenResult() throws Exception {
    RecordingSink sink = listen("{\"toolsListChanged\":true}");
    sink.nextNotification();
    server.close();
    JsonRpcSuccess result = (JsonRpcSuccess) sink.await();
    assertEquals(RequestId.of(1), result.id());
    assertEquals(
        TestClient.parse(
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"resultType\":\"complete\","
                + "\"_meta\":{\"io.modelcontextprotocol/subscriptionId\":1}}}"),
        client.tree(result));
  }
}
