package org.mcpkit.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mcpkit.protocol.CallToolResult;
import org.mcpkit.protocol.Implementation;
import org.mcpkit.server.McpServer;
import org.mcpkit.server.http.McpHttpEndpoint;
import org.mcpkit.transport.spi.HttpExchange;
import org.mcpkit.transport.spi.ResponseChannel;

/**
 * Requests arriving on a container's non-blocking I/O thread: the core leaves that thread once,
 * for a handler thread that then runs the handler itself, and never runs a handler or a blocking
 * step on it.
 */
class IoThreadHandoffTest {
  static final String RESULT =
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"content\":[{\"text\":\"hello\",\"type\":\"text\"}],"
          + "\"resultType\":\"complete\",\"_meta\":{\"io.modelcontextprotocol/serverInfo\":"
          + "{\"name\":\"t\",\"version\":\"1\"}}}}";
  static final String META =
      "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
          + "\"io.modelcontextprotocol/clientCapabilities\":{}}";
  static final String CALL =
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\","
          + "\"arguments\":{\"text\":\"hello\"}," + META + "}}";
  static final String NOTIFICATION =
      "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":7," + META + "}}";

  public record Args(String text) {}

  private final ExecutorService io = Executors.newSingleThreadExecutor(r -> new Thread(r, "fake-io"));
  private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "fake-worker"));
  private final AtomicReference<String> handlerThread = new AtomicReference<>();
  private McpServer server;
  private McpHttpEndpoint endpoint;

  private void start(McpServer.Builder builder) {
    server =
        builder
            .tool("echo", "Echoes", Args.class, (ctx, a) -> {
              handlerThread.set(Thread.currentThread().getName());
              return CallToolResult.text(a.text());
            })
            .build();
    endpoint = McpHttpEndpoint.create(server);
  }

  @AfterEach
  void stop() {
    if (endpoint != null) {
      endpoint.close();
      server.close();
    }
    io.shutdownNow();
    worker.shutdownNow();
  }

  /** An exchange whose service starts on the "fake-io" thread, which must not block. */
  final class IoExchange implements HttpExchange {
    final String method;
    final byte[] body;
    final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    final List<String> dispatches = new CopyOnWriteArrayList<>();
    final AtomicReference<String> dispatchedTo = new AtomicReference<>();
    final AtomicReference<String> respondedOn = new AtomicReference<>();
    final CompletableFuture<String> answer = new CompletableFuture<>();
    volatile int status;

    IoExchange(String method, String body) {
      this.method = method;
      this.body = body.getBytes(StandardCharsets.UTF_8);
      headers.put("Content-Type", "application/json");
      headers.put("Accept", "application/json, text/event-stream");
      headers.put("MCP-Protocol-Version", "2026-07-28");
      headers.put("Mcp-Method", "tools/call");
      headers.put("Mcp-Name", "echo");
    }

    @Override
    public String method() {
      return method;
    }

    @Override
    public String path() {
      return "/mcp";
    }

    @Override
    public List<String> headers(String name) {
      String v = headers.get(name);
      return v == null ? List.of() : List.of(v);
    }

    @Override
    public boolean inIoThread() {
      return Thread.currentThread().getName().equals("fake-io");
    }

    @Override
    public void dispatch(java.util.concurrent.Executor executor, Runnable task) {
      assertTrue(inIoThread(), "dispatch called off the I/O thread");
      dispatches.add(executor == null ? "worker" : "handoff");
      Runnable recording = () -> {
        dispatchedTo.set(Thread.currentThread().getName());
        task.run();
      };
      (executor == null ? worker : executor).execute(recording);
    }

    @Override
    public void readBody(BodyReceiver receiver) {
      // all bytes already there: delivered on the calling thread
      if (receiver.data(body, 0, body.length)) {
        receiver.end();
      }
    }

    @Override
    public ResponseChannel respond(int status, Map<String, String> headers) {
      this.status = status;
      respondedOn.set(Thread.currentThread().getName());
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      return new ResponseChannel() {
        @Override
        public void write(byte[] chunk, WriteCallback callback) {
          out.write(chunk, 0, chunk.length);
          callback.done();
        }

        @Override
        public void end() {
          answer.complete(out.toString(StandardCharsets.UTF_8));
        }

        @Override
        public void onClose(Runnable listener) {}
      };
    }
  }

  private IoExchange serve(String method, String body) throws Exception {
    IoExchange ex = new IoExchange(method, body);
    io.execute(() -> endpoint.service(ex));
    ex.answer.get(10, TimeUnit.SECONDS);
    return ex;
  }

  @Test
  void aCallLeavesTheIoThreadOnceAndItsHandlerRunsWhereItLanded() throws Exception {
    start(McpServer.builder(Implementation.of("t", "1")));
    IoExchange first = serve("POST", CALL);
    // No handler thread is waiting yet: the worker decodes, the pool runs the handler.
    assertEquals(List.of("worker"), first.dispatches);
    assertEquals(200, first.status);
    assertEquals(RESULT, first.answer.get());
    assertTrue(handlerThread.get().startsWith("mcp-handler-"), handlerThread.get());
    // Once a handler thread waits, a call goes straight to it and its handler runs right there.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    IoExchange handedOff = null;
    for (int i = 0; i < 200 && System.nanoTime() < deadline && handedOff == null; i++) {
      IoExchange ex = serve("POST", CALL);
      assertEquals(200, ex.status);
      assertEquals(RESULT, ex.answer.get());
      if (ex.dispatches.equals(List.of("handoff"))) {
        handedOff = ex;
      }
    }
    assertTrue(handedOff != null, "no call was handed off to a waiting handler thread");
    assertEquals(handedOff.dispatchedTo.get(), handlerThread.get());
    assertTrue(handlerThread.get().startsWith("mcp-handler-"), handlerThread.get());
    assertEquals(handlerThread.get(), handedOff.respondedOn.get());
  }

  @Test
  void handedOffNotificationsNeverMakeTheNextCallBusy() throws Exception {
    start(McpServer.builder(Implementation.of("t", "1")).maxConcurrentRequests(1));
    assertEquals(RESULT, serve("POST", CALL).answer.get());
    int handoffs = 0;
    for (int i = 0; i < 30; i++) {
      IoExchange n = serve("POST", NOTIFICATION);
      assertEquals(202, n.status);
      handoffs += n.dispatches.equals(List.of("handoff")) ? 1 : 0;
      IoExchange call = serve("POST", CALL);
      assertEquals(200, call.status);
      assertEquals(RESULT, call.answer.get()); // not "Server busy"
    }
    assertTrue(handoffs > 0, "no notification was handed off");
  }

  @Test
  void handlersOnTransportThreadsRunOnTheWorkerNeverOnTheIoThread() throws Exception {
    start(McpServer.builder(Implementation.of("t", "1")).handlersOnTransportThreads());
    for (int i = 0; i < 3; i++) {
      IoExchange ex = serve("POST", CALL);
      assertEquals(List.of("worker"), ex.dispatches);
      assertEquals(RESULT, ex.answer.get());
      assertEquals("fake-worker", handlerThread.get());
    }
  }

  @Test
  void getAndEarlyErrorsAreAnsweredOffTheIoThread() throws Exception {
    start(McpServer.builder(Implementation.of("t", "1")));
    IoExchange get = serve("GET", "");
    assertEquals(405, get.status);
    assertEquals(List.of("worker"), get.dispatches);
    assertEquals("fake-worker", get.respondedOn.get());
    IoExchange wrongType = new IoExchange("POST", CALL);
    wrongType.headers.put("Content-Type", "text/plain");
    io.execute(() -> endpoint.service(wrongType));
    assertEquals(
        "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32600,\"message\":\"Unsupported media type: Content-Type must be application/json\"}}",
        wrongType.answer.get(10, TimeUnit.SECONDS));
    assertEquals(415, wrongType.status);
    assertEquals("fake-worker", wrongType.respondedOn.get());
  }
}
