package org.mcpkit.transport.undertow;

import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.PathHandler;
import io.undertow.util.Headers;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.mcpkit.server.McpServer;
import org.mcpkit.server.http.HttpEndpointOptions;
import org.mcpkit.server.http.HttpSseOptions;
import org.mcpkit.server.http.McpHttpEndpoint;
import org.mcpkit.transport.undertow.internal.KeyMaterial;
import org.mcpkit.transport.undertow.internal.ReloadingKeyManager;

/**
 * A turnkey embedded MCP server on Undertow: the MCP endpoint at one path plus a liveness path
 * ({@code /healthz}: 200 {@code ok}) and a readiness path ({@code /readyz}: 200 {@code ready}, 503
 * {@code not ready} before start and while draining), both unauthenticated, movable or off, and the
 * deprecated HTTP+SSE paths when enabled ({@link Builder#httpSse(String, String)}). Binds 127.0.0.1
 * by default; port 0 picks a free port, readable after
 * {@link #start()}. Thread-safe once started; {@link #close()} stops it (idempotent) but not the
 * {@link McpServer}.
 *
 * <p>This class logs through SLF4J; Undertow and XNIO log through JBoss Logging, which uses SLF4J
 * by itself only when Logback is present. With another SLF4J binding, set the system property
 * {@code org.jboss.logging.provider=slf4j} before the first server starts, so that their lines
 * reach the same binding (the examples do, see the README, "Logging").
 */
public final class UndertowMcpServer implements AutoCloseable {
  /** Undertow's own body limit, set out of the way: the endpoint's {@code maxBodyBytes} applies. */
  static final long MAX_ENTITY_BYTES = 1L << 40;
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(UndertowMcpServer.class);
  private final Builder config;
  private final McpHttpEndpoint endpoint;
  private Undertow undertow;
  private volatile boolean ready;
  private ReloadingKeyManager keyManager;
  private Thread shutdownHook;
  private final CertificateFiles certificateFiles;
  private java.util.concurrent.ScheduledExecutorService certificateWatch;

  private UndertowMcpServer(Builder config) {
    this.config = config;
    this.certificateFiles = config.keyFiles.isEmpty() ? null : new CertificateFiles(config.keyFiles);
    // The Host-policy default for the bind address is core's decision, not this adapter's.
    HttpEndpointOptions options = config.options != null ? config.options : HttpEndpointOptions.forBindAddress(config.host);
    if (config.httpSse != null) {
      options = options.toBuilder().httpSse(config.httpSse).build();
    }
    options.httpSse().ifPresent(sse -> {
      for (String p : List.of(sse.ssePath(), sse.messagePath())) {
        if (p.equals(config.path) || p.equals(config.healthPath) || p.equals(config.readinessPath)) {
          throw new IllegalArgumentException("HTTP+SSE path " + p + " collides with another path of this server");
        }
      }
    });
    this.endpoint = config.resourceServer != null
        ? McpHttpEndpoint.create(config.server, options, config.resourceServer)
        : McpHttpEndpoint.create(config.server, options);
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
    McpUndertowHandler mcp = McpUndertowHandler.create(endpoint);
    paths.addExactPath(config.path, mcp);
    endpoint.options().httpSse().ifPresent(sse -> {
      paths.addExactPath(sse.ssePath(), mcp);
      paths.addExactPath(sse.messagePath(), mcp);
    });
    endpoint.resourceServer().ifPresent(rs -> rs.metadataPaths().forEach(p -> paths.addExactPath(p, mcp)));
    if (!config.healthPath.isEmpty()) {
      paths.addExactPath(config.healthPath, text(200, "ok"));
    }
    if (!config.readinessPath.isEmpty()) {
      paths.addExactPath(
        config.readinessPath,
        ex -> {
          boolean up = isReady();
          ex.setStatusCode(up ? 200 : 503);
          ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain");
          ex.getResponseSender().send(up ? "ready" : "not ready");
        });
    }
    Undertow.Builder b = Undertow.builder();
    if (config.sslContext != null || config.keySource != null) {
      b.addHttpsListener(config.port, config.host, sslContext());
    } else {
      b.addHttpListener(config.port, config.host);
    }
    b
            .setServerOption(UndertowOptions.IDLE_TIMEOUT, config.idleTimeoutMillis)
            .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, config.idleTimeoutMillis)
            // the idle timeout alone never closes a half-sent head: the parse timeout does
            .setServerOption(UndertowOptions.REQUEST_PARSE_TIMEOUT, config.requestHeadTimeoutMillis)
            .setServerOption(UndertowOptions.MAX_HEADER_SIZE, config.maxHeaderBytes)
            // The core bounds every body and answers 413 itself; Undertow's own limit (2 MiB by
            // default) resets a chunked body's connection before anyone could answer.
            .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, MAX_ENTITY_BYTES)
            .setHandler(paths);
    if (config.http2) {
      b.setServerOption(UndertowOptions.ENABLE_HTTP2, true);
    }
    if (config.ioThreads > 0) {
      b.setIoThreads(config.ioThreads);
    }
    if (config.workerThreads > 0) {
      b.setWorkerThreads(config.workerThreads);
    }
    undertow = b.build();
    undertow.start();
    ready = true;
    if (config.certificateWatchInterval != null && certificateFiles != null) {
      certificateWatch = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "mcp-tls-watch");
        t.setDaemon(true);
        return t;
      });
      long every = config.certificateWatchInterval.toMillis();
      certificateWatch.scheduleWithFixedDelay(this::pollCertificates, every, every, java.util.concurrent.TimeUnit.MILLISECONDS);
    }
    if (config.shutdownHook) {
      shutdownHook = new Thread(this::close, "mcp-undertow-shutdown");
      Runtime.getRuntime().addShutdownHook(shutdownHook);
    }
    return this;
  }

  private javax.net.ssl.SSLContext sslContext() {
    if (config.sslContext != null) {
      return config.sslContext;
    }
    try {
      certificateFiles.changed(); // remembers what is loaded now
      keyManager = new ReloadingKeyManager(config.keySource.load());
      javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
      context.init(new javax.net.ssl.KeyManager[] {keyManager}, null, null);
      return context;
    } catch (java.io.IOException | java.security.GeneralSecurityException e) {
      throw new IllegalStateException("cannot load the TLS certificate", e);
    }
  }

  /**
   * Re-reads the certificate and key files: new handshakes use them, open connections keep the
   * old ones. A file that cannot be read or parsed leaves the current certificate in place (and is
   * logged).
   *
   * @return true when the new certificate is in use
   */
  public boolean reloadCertificates() {
    ReloadingKeyManager km = keyManager;
    if (km == null || config.keySource == null) {
      throw new IllegalStateException("TLS from files is not configured");
    }
    try {
      km.swap(config.keySource.load());
      LOG.info("TLS certificate reloaded");
      return true;
    } catch (java.io.IOException | java.security.GeneralSecurityException | RuntimeException e) {
      LOG.warn("TLS certificate reload failed; keeping the current certificate", e);
      return false;
    }
  }

  /**
   * Reloads the certificate and key files if their content changed since the last load or attempt
   * (files are read through symbolic links, so a certbot renewal, which repoints {@code live/} links
   * to new {@code archive/} files, counts as a change). A PEM key that does not match the
   * certificate (a renewal seen half-way) is refused and retried once the files change again. {@link
   * Builder#watchCertificates} calls this on a timer; call it yourself from your own file watch.
   *
   * @return true when a new certificate is in use
   * @throws IllegalStateException when the server does not serve TLS from files
   */
  public boolean reloadCertificatesIfChanged() {
    if (certificateFiles == null || keyManager == null) {
      throw new IllegalStateException("TLS from files is not configured");
    }
    return certificateFiles.changed() && reloadCertificates();
  }

  private void pollCertificates() {
    try {
      reloadCertificatesIfChanged();
    } catch (RuntimeException e) {
      LOG.warn("TLS certificate check failed", e);
    }
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
    return root() + config.path;
  }

  /** The URL old clients open for the deprecated HTTP+SSE transport, when it is enabled. */
  public Optional<String> sseUrl() {
    return endpoint.options().httpSse().map(sse -> root() + sse.ssePath());
  }

  private String root() {
    String host = config.host.contains(":") ? "[" + config.host + "]" : config.host;
    String scheme = config.sslContext != null || config.keySource != null ? "https" : "http";
    return scheme + "://" + host + ":" + port();
  }

  /** Whether the server is started and not draining ({@code /readyz}). */
  public boolean isReady() {
    return ready && config.readinessCheck.getAsBoolean();
  }

  /**
   * Graceful stop: readiness turns 503 at once, new requests are refused, subscription and session
   * streams get a {@code retry:} hint and end, in-flight calls get up to the drain timeout, then the
   * listener closes. Idempotent.
   */
  @Override
  public void close() {
    Undertow u;
    synchronized (this) {
      ready = false;
      u = undertow;
      undertow = null;
    }
    if (u == null) {
      return;
    }
    if (certificateWatch != null) {
      certificateWatch.shutdownNow();
    }
    if (!endpoint.drain(config.drainTimeout)) {
      LOG.warn("{} request(s) still running after the drain timeout", endpoint.activeRequests());
    }
    endpoint.close();
    u.stop();
    Thread hook = shutdownHook;
    if (hook != null && Thread.currentThread() != hook) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // the JVM is already shutting down
      }
    }
  }

  /** The certificate and key files and a digest of their content as last seen. */
  private static final class CertificateFiles {
    private final List<java.nio.file.Path> files;
    private String lastSeen = "";

    CertificateFiles(List<java.nio.file.Path> files) {
      this.files = List.copyOf(files);
    }

    /** Whether the content differs from the last call's (an unreadable file is a state of its own). */
    synchronized boolean changed() {
      String now;
      try {
        java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
        for (java.nio.file.Path f : files) {
          byte[] content = java.nio.file.Files.readAllBytes(f);
          sha.update(java.nio.ByteBuffer.allocate(8).putLong(content.length).array());
          sha.update(content);
        }
        now = java.util.HexFormat.of().formatHex(sha.digest());
      } catch (java.io.IOException e) {
        now = "unreadable: " + e.getClass().getSimpleName();
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
      boolean changed = !now.equals(lastSeen);
      lastSeen = now;
      return changed;
    }
  }

  /** Loads the server's key material. */
  @FunctionalInterface
  private interface KeySource {
    javax.net.ssl.X509ExtendedKeyManager load()
        throws java.io.IOException, java.security.GeneralSecurityException;
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
    private int requestHeadTimeoutMillis = 20_000;
    private javax.net.ssl.SSLContext sslContext;
    private KeySource keySource;
    private List<java.nio.file.Path> keyFiles = List.of();
    private java.time.Duration certificateWatchInterval;
    private java.time.Duration drainTimeout = java.time.Duration.ofSeconds(20);
    private boolean shutdownHook;
    private boolean http2;
    private int maxHeaderBytes = 16 * 1024;
    private HttpSseOptions httpSse;
    private org.mcpkit.server.auth.ResourceServer resourceServer;
    private String healthPath = "/healthz";
    private String readinessPath = "/readyz";
    private java.util.function.BooleanSupplier readinessCheck = () -> true;

    private Builder(McpServer server) {
      this.server = Objects.requireNonNull(server, "server");
    }

    /**
     * An extra readiness condition, such as a shared store being reachable: while it is false
     * {@code /readyz} answers 503. It runs on an I/O thread for every readiness probe, so it must
     * answer at once from what it already knows (a flag kept by a background check), never wait.
     */
    public Builder readinessCheck(java.util.function.BooleanSupplier check) {
      this.readinessCheck = Objects.requireNonNull(check, "check");
      return this;
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

    /**
     * Longest time a client may take to send a whole request head, counted from its first byte
     * (default 20 s): a connection whose head is still incomplete then is closed without an answer,
     * so half-sent or trickled heads cannot hold connections open. The idle timeout does not cover
     * this case.
     */
    public Builder requestHeadTimeout(java.time.Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("requestHeadTimeout must be positive");
      }
      this.requestHeadTimeoutMillis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
      return this;
    }

    /** Serves HTTPS with this context (no reload). */
    public Builder https(javax.net.ssl.SSLContext context) {
      this.sslContext = Objects.requireNonNull(context, "context");
      return this;
    }

    /** Serves HTTPS from a PKCS12 key store; reloadable with {@link #reloadCertificates()}. */
    public Builder httpsPkcs12(java.nio.file.Path file, char[] password) {
      Objects.requireNonNull(file, "file");
      char[] copy = password.clone();
      this.keySource = () -> KeyMaterial.pkcs12(file, copy);
      this.keyFiles = List.of(file);
      return this;
    }

    /**
     * Serves HTTPS from a PEM certificate chain and an unencrypted PKCS#8 PEM key; reloadable with
     * {@link #reloadCertificates()}.
     */
    public Builder httpsPem(java.nio.file.Path certificateChain, java.nio.file.Path privateKey) {
      Objects.requireNonNull(certificateChain, "certificateChain");
      Objects.requireNonNull(privateKey, "privateKey");
      this.keySource = () -> KeyMaterial.pem(certificateChain, privateKey);
      this.keyFiles = List.of(certificateChain, privateKey);
      return this;
    }

    /**
     * Checks the files of {@link #httpsPem} or {@link #httpsPkcs12} every {@code interval} (from
     * start to close, on a daemon thread of this server) and reloads them when their content
     * changed, see {@link UndertowMcpServer#reloadCertificatesIfChanged()}: a renewed certificate
     * is served without a restart. Off by default.
     */
    public Builder watchCertificates(java.time.Duration interval) {
      Objects.requireNonNull(interval, "interval");
      if (interval.isNegative() || interval.isZero()) {
        throw new IllegalArgumentException("interval must be positive");
      }
      this.certificateWatchInterval = interval;
      return this;
    }

    /** How long {@link UndertowMcpServer#close()} waits for in-flight calls (default 20 s). */
    public Builder drainTimeout(java.time.Duration timeout) {
      this.drainTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /**
     * Largest request header block accepted (default 16 KiB): a larger one is answered {@code 400
     * Bad Request} by Undertow's parser and the connection is closed. The request body limit is in
     * {@link HttpEndpointOptions}.
     */
    public Builder maxHeaderBytes(int bytes) {
      if (bytes < 1024) {
        throw new IllegalArgumentException("maxHeaderBytes must be at least 1024");
      }
      this.maxHeaderBytes = bytes;
      return this;
    }

    /**
     * Makes the endpoint an OAuth 2.1 resource server (every MCP request needs a bearer token
     * {@code resourceServer} accepts) and serves its protected-resource metadata at {@link
     * org.mcpkit.server.auth.ResourceServer#metadataPaths()}. Off by default.
     */
    public Builder resourceServer(org.mcpkit.server.auth.ResourceServer resourceServer) {
      this.resourceServer = java.util.Objects.requireNonNull(resourceServer, "resourceServer");
      return this;
    }

    /**
     * Also serves the deprecated HTTP+SSE transport (2024-11-05) for old clients: their GET
     * stream at {@code ssePath}, their messages POSTed to {@code messagePath}, on the same server
     * and handlers. Off by default. Overrides the setting of {@link #options}.
     */
    public Builder httpSse(String ssePath, String messagePath) {
      this.httpSse = HttpSseOptions.at(ssePath, messagePath);
      return this;
    }

    /** Enables HTTP/2 (h2 over TLS via ALPN, h2c by upgrade on plain HTTP). Off by default. */
    public Builder http2(boolean enabled) {
      this.http2 = enabled;
      return this;
    }

    /** Drain gracefully on SIGTERM (a JVM shutdown hook). Off by default. */
    public Builder shutdownHook(boolean enabled) {
      this.shutdownHook = enabled;
      return this;
    }

    /**
     * The liveness path, answered 200 {@code ok} while the listener runs (default {@code /healthz}).
     * Must start with {@code /}.
     */
    public Builder healthPath(String path) {
      this.healthPath = checkedPath("healthPath", path);
      return this;
    }

    /**
     * The readiness path, answered 200 {@code ready} once started and 503 {@code not ready} from the
     * moment {@link UndertowMcpServer#close()} begins draining (default {@code /readyz}). Must start
     * with {@code /}.
     */
    public Builder readinessPath(String path) {
      this.readinessPath = checkedPath("readinessPath", path);
      return this;
    }

    /** Serves neither the liveness nor the readiness path (both are then 404, like any other path). */
    public Builder withoutHealthPaths() {
      this.healthPath = "";
      this.readinessPath = "";
      return this;
    }

    private static String checkedPath(String name, String path) {
      Objects.requireNonNull(path, name);
      if (!path.startsWith("/")) {
        throw new IllegalArgumentException(name + " must start with /");
      }
      return path;
    }

    /** Builds the server; {@link UndertowMcpServer#start()} binds it. */
    public UndertowMcpServer build() {
      if (certificateWatchInterval != null && keyFiles.isEmpty()) {
        throw new IllegalStateException("watchCertificates needs httpsPem or httpsPkcs12");
      }
      if (path.equals(healthPath) || path.equals(readinessPath)
          || (!healthPath.isEmpty() && healthPath.equals(readinessPath))) {
        throw new IllegalArgumentException(
            "the MCP path, healthPath and readinessPath must differ, got " + path + ", " + healthPath + ", " + readinessPath);
      }
      return new UndertowMcpServer(this);
    }
  }
}
