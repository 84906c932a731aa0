package org.mcpkit.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;
import org.mcpkit.protocol.CallToolResult;
import org.mcpkit.protocol.Implementation;
import org.mcpkit.protocol.Tool;
import org.mcpkit.server.McpServer;
import org.mcpkit.server.ToolSpec;
import org.mcpkit.server.http.McpHttpEndpoint;
import org.mcpkit.transport.spi.ResponseChannel;

/** {@link FakeHttpExchange#reset()}: one exchange serves the same request again and again. */
class FakeHttpExchangeResetTest {
  private static final Map<String, List<String>> HEADERS =
      Map.of(
          "Host", List.of("127.0.0.1:8080"),
          "Content-Type", List.of("application/json"),
          "Accept", List.of("application/json, text/event-stream"),
          "MCP-Protocol-Version", List.of("2026-07-28"),
          "Mcp-Method", List.of("tools/call"),
          "Mcp-Name", List.of("echo"));
  private static final byte[] BODY =
      ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\","
              + "\"arguments\":{},\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
              + "\"io.modelcontextprotocol/clientCapabilities\":{}}}}")
          .getBytes(StandardCharsets.UTF_8);

  /** Collects the body; completes on end. */
  private static final class Body implements Flow.Subscriber<List<ByteBuffer>> {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    boolean ended;

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
      for (ByteBuffer b : item) {
        byte[] chunk = new byte[b.remaining()];
        b.get(chunk);
        bytes.writeBytes(chunk);
      }
    }

    @Override
    public void onError(Throwable throwable) {}

    @Override
    public void onComplete() {
      ended = true;
    }
  }

  @Test
  void aResetExchangeServesTheSameRequestAgain() throws Exception {
    try (McpServer server =
        McpServer.builder(Implementation.of("reset-test", "1"))
            .executor(Runnable::run)
            .tool(
                ToolSpec.of(
                    Tool.builder("echo", Map.of("type", "object")).build(),
                    (ctx, r) -> CallToolResult.text("hi")))
            .build()) {
      McpHttpEndpoint endpoint = McpHttpEndpoint.create(server);
      FakeHttpExchange exchange = new FakeHttpExchange("POST", "/mcp", HEADERS, BODY);
      String first = null;
      for (int i = 0; i < 3; i++) {
        if (i > 0) {
          exchange.reset();
          assertFalse(exchange.head.isDone());
        }
        Body body = new Body();
        exchange.subscribe(body);
        endpoint.service(exchange);
        assertEquals(200, exchange.head.getNow(null).status());
        assertTrue(body.ended, "served inline to the end");
        String text = body.bytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("\"text\":\"hi\""), text);
        if (first == null) {
          first = text;
        }
        assertEquals(first, text);
      }
      endpoint.close();
    }
  }

  @Test
  void chunksWrittenBeforeAResetAreForgotten() {
    FakeHttpExchange exchange = new FakeHttpExchange("POST", "/mcp", HEADERS, BODY);
    exchange.respond(200, Map.of()).write("old".getBytes(StandardCharsets.UTF_8), new NoOpCallback());
    exchange.reset();
    Body body = new Body();
    exchange.subscribe(body);
    assertEquals(0, body.bytes.size());
    exchange.respond(200, Map.of()).end();
    assertTrue(body.ended);
  }

  private static final class NoOpCallback implements ResponseChannel.WriteCallback {
    @Override
    public void done() {}

    @Override
    public void failed(Throwable error) {}
  }
}
