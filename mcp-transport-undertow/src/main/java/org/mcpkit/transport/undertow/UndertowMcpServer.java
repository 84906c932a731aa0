package org.mcpkit.transport.undertow;

import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.PathHandler;
import io.undertow.util.Headers;
import java.net.InetSocketAddress;
import java.util.Objects;
import org.mcpkit.server.McpServer;
import org.mcpkit.server.http.HostPolicy;
import org.mcpkit.server.http.HttpEndpointOptions;
import org.mcpkit.server.http.McpHttpEndpoint;

/**
 * A turnkey embedded MCP server on Undertow: the MCP endpoint at one path plus {@code /healthz}
 * and {@code /readyz}. Binds 127.0.0.1 by default; port 0 picks a free port, readable after
 * {@link #start()}. Thread-safe once started; {@link #close()} stops it (idempotent) but not the
 * {@link McpServer}.
 */
public final class UndertowMcpServer implements AutoCloseable {
  private final Builder config;
  private final McpHttpEndpoint endpoint;
  private Undertow undertow;
  private volatile boolean ready;

  private UndertowMcpServer(Builder config) {
    this.config = config;
    HttpEndpointOptions options = config.options;
    if (config.options == null) {
      boolean loopback = config.host.equals("127.0.0.1") || config.host.equals("localhost") || config.host.equals("::1");
      options = HttpEndpointOptions.builder().hostPolicy(loopback ? HostPolicy.loopback() : HostPolicy.any()).build();
    }
    this.endpoint = McpHttpEndpoint.create(config.server, options);
  }

  /** Starts building a server for {@code server}. */
  public static Builder builder(McpServer server) {
    return new Builder(server);
  }

  /** Binds and starts serving. */
  public synchronized UndertowMcpServer start() {
    if (undertow != null) {
      throw new IllegalStateException("already started");
    }
    PathHandler paths = new PathHandler();
    paths.addExactPath(config.path, McpUndertowHandler.create(endpoint));
    paths.addExactPath("/healthz", text(200, "ok"));
    paths.addExactPath(
        "/readyz",
        ex -> {
          ex.setStatusCode(ready ? 200 : 503);
          ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain");
          ex.getResponseSender().send(ready ? "ready" : "not ready");
        });
    Undertow.Builder b =
        Undertow.builder()
            .addHttpListener(config.port, config.host)
            .setServerOption(UndertowOptions.IDLE_TIMEOUT, config.idleTimeoutMillis)
            .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, config.idleTimeoutMillis)
            .setHandler(paths);
    if (config.ioThreads > 0) {
      b.setIoThreads(config.ioThreads);
    }
    if (config.workerThreads > 0) {
      b.setWorkerThreads(config.workerThreads);
    }
    undertow = b.build();
    undertow.start();
    ready = true;
    return this;
  }

  private static HttpHandler text(int status, String body) {
    return ex -> {
      ex.setStatusCode(status);
      ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain");
      ex.getResponseSender().send(body);
    };
  }

  /** The bound port (after {@link #start()}). */
  public synchronized int port() {
    if (undertow == null) {
      throw new IllegalStateException("not started");
    }
    return ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
  }

  /** The URL of the MCP endpoint. */
  public String url() {
    String host = config.host.contains(":") ? "[" + config.host + "]" : config.host;
    return "http://" + host + ":" + port() + config.path;
  }

  /** Stops serving: readiness turns 503 first, then streams end and the listener closes. */
  @Override
  public synchronized void close() {
    ready = false;
    endpoint.close();
    if (undertow != null) {
      undertow.stop();
      undertow = null;
    }
  }

  /** Builds an {@link UndertowMcpServer}. Not thread-safe. */
  public static final class Builder {
    private final McpServer server;
    private String host = "127.0.0.1";
    private int port = 0;
    private String path = "/mcp";
    private HttpEndpointOptions options;
    private int ioThreads;
    private int workerThreads;
    private int idleTimeoutMillis = 75_000;

    private Builder(McpServer server) {
      this.server = Objects.requireNonNull(server, "server");
    }

    /** The address to bind (default 127.0.0.1). */
    public Builder host(String host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    /** The port (default 0: any free port). */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0-65535");
      }
      this.port = port;
      return this;
    }

    /** The MCP path (default {@code /mcp}). */
    public Builder path(String path) {
      if (!path.startsWith("/")) {
        throw new IllegalArgumentException("path must start with /");
      }
      this.path = path;
      return this;
    }

    /**
     * Endpoint options. By default the Host check allows loopback names when bound to a loopback
     * address and any Host otherwise.
     */
    public Builder options(HttpEndpointOptions options) {
      this.options = Objects.requireNonNull(options, "options");
      return this;
    }

    /** XNIO I/O threads (default: Undertow's, one per core). */
    public Builder ioThreads(int threads) {
      this.ioThreads = threads;
      return this;
    }

    /** Undertow worker threads (default: Undertow's). */
    public Builder workerThreads(int threads) {
      this.workerThreads = threads;
      return this;
    }

    /** Connection idle timeout; keep it above the load balancer's (default 75 s). */
    public Builder idleTimeout(java.time.Duration timeout) {
      this.idleTimeoutMillis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
      return this;
    }

    /** Builds the server; {@link UndertowMcpServer#start()} binds it. */
    public UndertowMcpServer build() {
      return new UndertowMcpServer(this);
    }
  }
}
