package org.mcpkit.internal.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mcpkit.jsonrpc.JsonRpcResponse;
import org.mcpkit.jsonrpc.RequestId;
import org.mcpkit.protocol.CallToolResult;
import org.mcpkit.protocol.Implementation;
import org.mcpkit.protocol.ProtocolVersion;
import org.mcpkit.protocol.Tool;
import org.mcpkit.server.McpException;
import org.mcpkit.server.McpServer;
import org.mcpkit.server.ToolSpec;
import org.mcpkit.server.observe.Era;
import org.mcpkit.server.observe.RequestObservation;
import org.mcpkit.server.observe.RequestOutcome;
import org.mcpkit.server.observe.RequestScope;
import org.mcpkit.server.observe.RequestStart;
import org.mcpkit.server.observe.ServerObserver;
import org.mcpkit.server.observe.TraceHeaders;
import org.mcpkit.server.observe.Transport;
import org.mcpkit.testing.RecordingObserver;

/** What the dispatcher tells an observer about requests: start, the handler's scope, the outcome. */
class ObservationDispatchTest {
  private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
  private final CountDownLatch holding = new CountDownLatch(1);
  private McpServer server;

  private static ToolSpec tool(String name, org.mcpkit.server.ToolHandler<Map<String, Object>> handler) {
    return ToolSpec.of(Tool.builder(name, Map.of("type", "object")).description(name).build(), handler);
  }

  private TestClient client(ServerObserver... observers) {
    McpServer.Builder b = McpServer.builder(Implementation.of("observed", "1"))
        .tool(tool("ok", (ctx, a) -> CallToolResult.text("fine")))
        .tool(tool("broken", (ctx, a) -> CallToolResult.error("no luck")))
        .tool(tool("refuses", (ctx, a) -> {
          throw McpException.invalidParams("bad city");
        }))
        .tool(tool("hold", (ctx, a) -> {
          holding.countDown();
          new CountDownLatch(1).await();
          return CallToolResult.text("never");
        }));
    for (ServerObserver o : observers) {
      b.observer(o);
    }
    server = b.build();
    return new TestClient(server);
  }

  @AfterEach
  void close() {
    server.close();
  }

  private static RecordingObserver.Request only(RecordingObserver o) {
    assertEquals(1, o.requests.size());
    return o.requests.get(0);
  }

  @Test
  void aSuccessfulCallIsReportedWithItsRegisteredToolTheHandlerThreadAndOneEnd() throws Exception {
    RecordingObserver observer = new RecordingObserver();
    TestClient client = client(observer);
    client.call("tools/call", Map.of("name", "ok", "_meta", Map.of("traceparent", TRACEPARENT, "tracestate", "k=v")));
    RecordingObserver.Request r = only(observer);
    RequestStart s = r.start;
    assertEquals("tools/call", s.method());
    assertEquals(Optional.of("ok"), s.toolName());
    assertEquals(Optional.empty(), s.promptName());
    assertEquals(Optional.of(ProtocolVersion.V2026_07_28), s.protocolVersion());
    assertEquals(Era.MODERN, s.era());
    assertEquals(Transport.STDIO, s.transport());
    assertEquals(RequestId.of(1), s.requestId());
    assertEquals(Optional.empty(), s.sessionId());
    assertEquals(new TraceHeaders(Optional.of(TRACEPARENT), Optional.of("k=v"), Optional.empty()), s.metaTrace());
    assertEquals(TraceHeaders.none(), s.httpTrace());
    assertEquals(RequestOutcome.Status.SUCCESS, r.outcome().status());
    assertEquals(Optional.empty(), r.outcome().errorType());
    assertEquals(1, r.ends());
    assertEquals(1, r.enteredOn.size());
    assertTrue(r.enteredOn.get(0).startsWith("mcp-handler-"), r.enteredOn::toString);
    RecordingObserver.await(java.time.Duration.ofSeconds(10), "the scope to close", () -> r.openScopes.get() == 0);
  }

  @Test
  void toolErrorsJsonRpcErrorsAndUnknownToolsAreToldApart() throws Exception {
    RecordingObserver observer = new RecordingObserver();
    TestClient client = client(observer);
    client.call("tools/call", Map.of("name", "broken"));
    client.call("tools/call", Map.of("name", "refuses"));
    client.call("tools/call", Map.of("name", "no-such-tool-" + System.nanoTime()));
    client.call("no/such/method", Map.of());
    assertEquals(4, observer.requests.size());
    RequestOutcome toolError = observer.requests.get(0).outcome();
    assertEquals(RequestOutcome.Status.TOOL_ERROR, toolError.status());
    assertEquals(Optional.of("tool_error"), toolError.errorType());
    assertEquals(Optional.of("-32602"), observer.requests.get(1).outcome().errorType());
    assertEquals("bad city", observer.requests.get(1).outcome().error().orElseThrow().message());
    RecordingObserver.Request unknown = observer.requests.get(2);
    assertEquals(Optional.empty(), unknown.start.toolName(), "a tool the server does not have is never named");
    assertEquals(Optional.of("-32602"), unknown.outcome().errorType());
    RecordingObserver.Request other = observer.requests.get(3);
    assertEquals(RequestStart.OTHER_METHOD, other.start.method());
    assertEquals(Optional.of("-32601"), other.outcome().errorType());
    assertEquals(List.of(), other.enteredOn, "a refusal runs no handler");
  }

  @Test
  void aCancelledCallEndsCancelledOnce() throws Exception {
    RecordingObserver observer = new RecordingObserver();
    TestClient client = client(observer);
    RecordingSink sink = new RecordingSink();
    Call call = client.dispatcher.dispatch(client.request("tools/call", Map.of("name", "hold")), client.context, sink);
    assertTrue(holding.await(10, TimeUnit.SECONDS));
    call.cancel();
    RecordingObserver.await(java.time.Duration.ofSeconds(10), "the scope to close", () -> only(observer).openScopes.get() == 0);
    RecordingObserver.Request r = only(observer);
    assertEquals(RequestOutcome.Status.CANCELLED, r.outcome().status());
    assertEquals(Optional.of("cancelled"), r.outcome().errorType());
    assertEquals(1, r.ends());
    assertEquals(0, sink.responses);
  }

  @Test
  void theOutcomeIsRecordedBeforeTheTransportGetsTheAnswer() throws Exception {
    RecordingObserver observer = new RecordingObserver();
    TestClient client = client(observer);
    List<RequestOutcome> seenAtResponse = new CopyOnWriteArrayList<>();
    RecordingSink sink = new RecordingSink() {
      @Override
      public void response(JsonRpcResponse r) {
        seenAtResponse.add(observer.requests.get(0).outcome());
        super.response(r);
      }
    };
    client.dispatcher.dispatch(client.request("tools/call", Map.of("name", "ok")), client.context, sink);
    sink.await();
    assertNotNull(seenAtResponse.get(0));
  }

  @Test
  void aFailingObserverNeverDisturbsTheRequest() throws Exception {
    ServerObserver failing = new ServerObserver() {
      @Override
      public RequestObservation requestStarted(RequestStart start) {
        return new RequestObservation() {
          @Override
          public RequestScope enter() {
            throw new IllegalStateException("enter");
          }

          @Override
          public void end(RequestOutcome outcome) {
            throw new IllegalStateException("end");
          }
        };
      }
    };
    ServerObserver throwsAtStart = new ServerObserver() {
      @Override
      public RequestObservation requestStarted(RequestStart start) {
        throw new IllegalStateException("start");
      }
    };
    RecordingObserver recording = new RecordingObserver();
    TestClient client = client(failing, throwsAtStart, recording);
    assertEquals("fine", client.call("tools/call", Map.of("name", "ok")).at("/result/content/0/text").asText());
    assertEquals(RequestOutcome.Status.SUCCESS, only(recording).outcome().status());
  }

  @Test
  void scopesOfSeveralObserversCloseInReverseOrder() throws Exception {
    List<String> order = new CopyOnWriteArrayList<>();
    ServerObserver a = observerLogging("a", order);
    ServerObserver b = observerLogging("b", order);
    TestClient client = client(ServerObserver.composite(a, b));
    client.call("tools/call", Map.of("name", "ok"));
    RecordingObserver.await(java.time.Duration.ofSeconds(10), "both scopes to close", () -> order.size() == 8);
    assertEquals(List.of("start a", "start b", "enter a", "enter b", "end a", "end b", "close b", "close a"), order);
  }

  private static ServerObserver observerLogging(String name, List<String> order) {
    return new ServerObserver() {
      @Override
      public RequestObservation requestStarted(RequestStart start) {
        order.add("start " + name);
        return new RequestObservation() {
          @Override
          public RequestScope enter() {
            order.add("enter " + name);
            return () -> order.add("close " + name);
          }

          @Override
          public void end(RequestOutcome outcome) {
            order.add("end " + name);
          }
        };
      }
    };
  }

  @Test
  void withNothingAttachedTheEngineHoldsTheSharedNoOp() {
    TestClient client = client();
    assertSame(ServerObserver.none(), client.dispatcher.observer());
    assertSame(ServerObserver.none(), ServerObserver.composite(ServerObserver.none(), ServerObserver.none()));
  }
}
