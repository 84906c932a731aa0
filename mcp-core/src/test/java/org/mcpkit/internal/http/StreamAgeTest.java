package org.mcpkit.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mcpkit.server.http.HttpEndpointOptions;
import org.mcpkit.server.http.McpHttpEndpoint;
import org.mcpkit.testing.ContractServer;
import org.mcpkit.testing.InMemoryHttpClient;
import org.mcpkit.testing.SseReader;

/** Long-lived streams end after their maximum age with a retry hint. */
class StreamAgeTest {
  @Test
  void listenStreamEndsAfterItsMaximumAge() throws Exception {
    ContractServer fixture = new ContractServer();
    McpHttpEndpoint endpoint =
        McpHttpEndpoint.create(
            fixture.server,
            HttpEndpointOptions.builder().maxStreamAge(Duration.ofMillis(200)).keepAlive(Duration.ZERO).build());
    try {
      HttpResponse<InputStream> r =
          new InMemoryHttpClient(endpoint)
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:8080/mcp"))
                      .header("Content-Type", "application/json")
                      .header("Accept", "application/json, text/event-stream")
                      .header("MCP-Protocol-Version", "2026-07-28")
                      .header("Mcp-Method", "subscriptions/listen")
                      .POST(HttpRequest.BodyPublishers.ofString(
                          "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"subscriptions/listen\",\"params\":{\"notifications\":{},"
                              + "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
                              + "\"io.modelcontextprotocol/clientCapabilities\":{}}}}"))
                      .build(),
                  HttpResponse.BodyHandlers.ofInputStream());
      List<String> frames = new ArrayList<>();
      try (SseReader sse = new SseReader(r.body())) {
        String f;
        do {
          f = sse.next(10);
          frames.add(f.startsWith("{") ? "event" : f);
        } while (!f.equals(SseReader.EOF));
      }
      assertEquals(List.of(":", "event", "retry:3000", SseReader.EOF), frames);
      assertEquals(0, endpoint.activeRequests());
    } finally {
      endpoint.close();
      fixture.server.close();
    }
  }
}
