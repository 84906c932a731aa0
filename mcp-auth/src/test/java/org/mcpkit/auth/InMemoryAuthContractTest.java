package org.mcpkit.auth;

import java.net.URI;
import java.net.http.HttpClient;
import org.mcpkit.auth.contract.AuthContractTest;
import org.mcpkit.server.http.McpHttpEndpoint;
import org.mcpkit.testing.InMemoryHttpClient;

/** The resource-server contract against the core alone: requests served in memory (the authorization server is real). */
class InMemoryAuthContractTest extends AuthContractTest {
  @Override
  protected URI start(McpHttpEndpoint endpoint) {
    return URI.create("http://127.0.0.1:9/");
  }

  @Override
  protected void stop() {}

  @Override
  protected int garbageChars() {
    return 9 * 1024; // past the endpoint's own 8 KiB limit on the Authorization header
  }

  @Override
  protected HttpClient client(McpHttpEndpoint endpoint) {
    return new InMemoryHttpClient(endpoint);
  }
}
