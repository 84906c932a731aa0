package org.mcpkit.server.http;

import java.util.Objects;
import org.mcpkit.server.auth.ResourceServer;
import org.mcpkit.internal.dispatch.Dispatchers;
import org.mcpkit.internal.http.StreamableHttp;
import org.mcpkit.server.McpServer;
import org.mcpkit.transport.spi.HttpExchange;

/**
 * The MCP Streamable HTTP endpoint for both protocol eras. Transports hand every request for the
 * endpoint path to {@link #service} (and for the HTTP+SSE paths, when {@link
 * HttpEndpointOptions#httpSse()} enables that deprecated transport: requests to those exact paths
 * are routed to it, every other path is Streamable HTTP); everything else (status codes, headers,
 * SSE framing, Origin and Host checks, sessions) happens here.
 *
 * <p>Thread-safe. Creating an endpoint starts nothing: its timers and its session bus subscription
 * start with the first request (or {@link #ping}). {@link #close()} stops them and ends open
 * streams and this instance's part of sessions; it does not close the server.
 */
public final class McpHttpEndpoint implements AutoCloseable {
  private final StreamableHttp protocol;

  /** The resource server, or null. */
  private final ResourceServer resourceServer;

  private McpHttpEndpoint(StreamableHttp protocol) {
    this(protocol, null);
  }

  private McpHttpEndpoint(StreamableHttp protocol, ResourceServer resourceServer) {
    this.protocol = protocol;
    this.resourceServer = resourceServer;
  }

  /** An endpoint with default options. */
  public static McpHttpEndpoint create(McpServer server) {
    return create(server, HttpEndpointOptions.defaults());
  }

  /** An endpoint with the given options. */
  public static McpHttpEndpoint create(McpServer server, HttpEndpointOptions options) {
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(options, "options");
    return new McpHttpEndpoint(new StreamableHttp(Dispatchers.of(server), options));
  }

  /**
   * An endpoint that is an OAuth 2.1 resource server: every MCP request needs a bearer token
   * {@code resourceServer} accepts, and the endpoint serves the protected-resource metadata at
   * {@link ResourceServer#metadataPaths()} (route those paths to {@link #service} too).
   */
  public static McpHttpEndpoint create(McpServer server, HttpEndpointOptions options, ResourceServer resourceServer) {
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(resourceServer, "resourceServer");
    return new McpHttpEndpoint(
        new StreamableHttp(Dispatchers.of(server), options, java.util.Optional.of(resourceServer)), resourceServer);
  }

  /** The resource server authenticating requests, if any. */
  public java.util.Optional<ResourceServer> resourceServer() {
    return java.util.Optional.ofNullable(resourceServer);
  }

  /** Serves one exchange. Returns without waiting for the handler. */
  public void service(HttpExchange exchange) {
    protocol.service(Objects.requireNonNull(exchange, "exchange"));
  }

  /** The options in force. */
  public HttpEndpointOptions options() {
    return protocol.options();
  }

  /**
   * Graceful drain: new requests get 503, subscription and session streams end with a
   * {@code retry:} hint, and in-flight calls get up to {@code timeout} to answer.
   *
   * @return true when every in-flight call answered in time
   */
  public boolean drain(java.time.Duration timeout) {
    return protocol.drain(Objects.requireNonNull(timeout, "timeout"));
  }

  /**
   * Sends {@code ping} to a 2025-era client, to check that the session's client is still there.
   * The request goes on the session's open GET stream (Streamable HTTP; held by this instance or,
   * through the {@link SessionBus}, by another sharing the {@link SessionStore}) or its HTTP+SSE
   * stream (held here), and the client's answer arrives with one of its POSTs; nothing blocks.
   *
   * @param sessionId the {@code Mcp-Session-Id} of a session in the store, or the HTTP+SSE {@code
   *     sessionId} of a session this instance holds
   * @param timeout how long to wait for the answer
   * @return completes when the client answers; fails with {@link org.mcpkit.server.McpException}
   *     when the session is unknown, has no open stream, answers with an error,
   *     ends, or does not answer within {@code timeout}
   */
  public java.util.concurrent.CompletableFuture<Void> ping(String sessionId, java.time.Duration timeout) {
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(timeout, "timeout");
    return protocol.ping(sessionId, timeout);
  }

  /** Number of requests still being answered. */
  public int activeRequests() {
    return protocol.activeCount();
  }

  /** Number of live 2025-era sessions (for metrics and readiness checks). */
  public int sessionCount() {
    return protocol.sessionCount();
  }

  /** Ends open streams and sessions and stops timers. Idempotent. */
  @Override
  public void close() {
    protocol.close();
  }
}
