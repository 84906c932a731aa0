package org.mcpkit.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mcpkit.server.http.HttpEndpointOptions;
import org.mcpkit.server.http.HttpSseOptions;
import org.mcpkit.server.http.McpHttpEndpoint;

/** The HTTP+SSE contract against the core alone, through in-memory exchanges; and its defaults. */
class FakeExchangeHttpSseTest extends HttpSseContractTest {
  @Override
  protected URI start(McpHttpEndpoint endpoint) {
    return URI.create("http://127.0.0.1:8080/");
  }

  @Override
  protected void stop() {}

  @Override
  protected HttpClient client(McpHttpEndpoint endpoint) {
    return new InMemoryHttpClient(endpoint);
  }

  @Test
  void offByDefaultTheOldPathsAreStreamableHttp() throws Exception {
    assertEquals(Optional.empty(), HttpEndpointOptions.defaults().httpSse());
    try (McpHttpEndpoint plain = McpHttpEndpoint.create(fixture.server)) {
      HttpClient client = new InMemoryHttpClient(plain);
      HttpResponse<String> get = client.send(
          HttpRequest.newBuilder(base.resolve("/sse")).header("Accept", "text/event-stream").GET().build(),
          HttpResponse.BodyHandlers.ofString());
      assertJsonError(get, 405, "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32600,\"message\":\"Method not allowed\"}}");
      assertEquals(Optional.of("GET, POST, DELETE"), get.headers().firstValue("Allow"));
      HttpResponse<String> post = client.send(
          HttpRequest.newBuilder(base.resolve("/message?sessionId=x")).timeout(Duration.ofSeconds(10))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertJsonError(post, 406,
          "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32600,\"message\":\"Not acceptable: Accept must include application/json and text/event-stream\"}}");
      assertEquals(0, plain.sessionCount());
    }
  }

  @Test
  void pathsAreValidated() {
    assertEquals("/sse", HttpSseOptions.at("/sse", "/message").ssePath());
    assertEquals("ssePath must start with /",
        assertThrows(IllegalArgumentException.class, () -> HttpSseOptions.at("sse", "/m")).getMessage());
    assertEquals("messagePath must be a plain path without query or fragment",
        assertThrows(IllegalArgumentException.class, () -> HttpSseOptions.at("/sse", "/m?x=1")).getMessage());
    assertEquals("ssePath and messagePath must differ",
        assertThrows(IllegalArgumentException.class, () -> HttpSseOptions.at("/sse", "/sse")).getMessage());
  }

  @Test
  void theSessionCapCountsHttpSseSessions() throws Exception {
    try (McpHttpEndpoint capped = McpHttpEndpoint.create(fixture.server, options().toBuilder().maxSessions(1).build())) {
      HttpClient client = new InMemoryHttpClient(capped);
      HttpRequest get = HttpRequest.newBuilder(base.resolve("/sse")).header("Accept", "text/event-stream").GET().build();
      HttpResponse<java.io.InputStream> first = client.send(get, HttpResponse.BodyHandlers.ofInputStream());
      assertEquals(200, first.statusCode());
      assertEquals(1, capped.sessionCount());
      assertJsonError(client.send(get, HttpResponse.BodyHandlers.ofString()), 503,
          "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32603,\"message\":\"Too many sessions, retry later\"}}");
      first.body().close();
      await(() -> capped.sessionCount() == 0, 10, "the closed stream frees its slot");
    }
  }
}
