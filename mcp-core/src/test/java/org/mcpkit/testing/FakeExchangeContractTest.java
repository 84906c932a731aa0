package org.mcpkit.testing;

import java.net.URI;
import java.net.http.HttpClient;
import org.mcpkit.server.http.McpHttpEndpoint;

/** The transport contract against the core alone, through in-memory exchanges. */
class FakeExchangeContractTest extends HttpTransportContractTest {
  @Override
  protected URI start(McpHttpEndpoint endpoint) {
    return URI.create("http://127.0.0.1:8080/mcp");
  }

  @Override
  protected void stop() {}

  @Override
  protected HttpClient client(McpHttpEndpoint endpoint) {
    return new InMemoryHttpClient(endpoint);
  }
}
