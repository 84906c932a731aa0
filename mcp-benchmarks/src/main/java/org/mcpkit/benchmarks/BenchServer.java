package org.mcpkit.benchmarks;

import com.sun.net.httpserver.HttpServer;
import io.undertow.Undertow;
import io.undertow.util.Headers;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import javax.management.ObjectName;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.mcpkit.auth.JwtAuthenticator;
import org.mcpkit.protocol.CallToolResult;
import org.mcpkit.protocol.Implementation;
import org.mcpkit.protocol.ReadResourceResult;
import org.mcpkit.protocol.Resource;
import org.mcpkit.protocol.TextResourceContents;
import org.mcpkit.redis.McpRedis;
import org.mcpkit.server.McpServer;
import org.mcpkit.server.ResourceSpec;
import org.mcpkit.server.auth.ResourceServer;
import org.mcpkit.server.http.HttpEndpointOptions;
import org.mcpkit.server.http.McpHttpEndpoint;
import org.mcpkit.transport.servlet.McpServlet;
import org.mcpkit.transport.undertow.UndertowMcpServer;

/**
 * The server side of the load scenarios, run in its own JVM by {@code run.sh}:
 *
 * <pre>java -cp ... org.mcpkit.benchmarks.BenchServer undertow|jetty|raw PORTS_FILE</pre>
 *
 * Binds 127.0.0.1 on a free port and writes {@code <mcp port> <stats port>} to the ports file.
 * With {@code -Dbench.auth.issuer=URL -Dbench.auth.resource=URL} the MCP servers are OAuth resource
 * servers ({@code JwtAuthenticator} on that issuer's keys, scope {@code mcp} required on every
 * request), as {@code run.sh AUTH=on} starts them.
 * The stats port answers {@code GET /stats} (heap after GC, live threads, sessions) and {@code
 * POST /notify} (one resource-updated notification for {@code bench://hot}). Runs until killed.
 */
public final class BenchServer {
  /** The resource every listen stream subscribes to. */
  public static final String HOT_URI = "bench://hot";

  /**
   * The raw ceiling's fixed answer: the same bytes the MCP servers send for the echo call of the
   * load script (id 1, text "hello").
   */
  static final byte[] RAW_RESULT =
      ("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"content\":[{\"text\":\"hello\",\"type\":\"text\"}],"
          + "\"resultType\":\"complete\",\"_meta\":{\"io.modelcontextprotocol/serverInfo\":"
          + "{\"name\":\"mcpkit-bench\",\"version\":\"1\"}}}}")
          .getBytes(StandardCharsets.UTF_8);

  private BenchServer() {}

  /** Arguments of the echo tools. */
  public record EchoArgs(String text) {}

  /**
   * A builder for the benchmark's MCP server: echo, echo with 3 progress notifications, one hot
   * resource; the executor is left to the caller.
   */
  static McpServer.Builder builder() {
    McpServer.Builder b =
        McpServer.builder(Implementation.of("mcpkit-bench", "1"))
            .tool("echo", "Echoes the text", EchoArgs.class, (ctx, a) -> CallToolResult.text(a.text()))
            .tool(
                "echo_progress",
                "Echoes the text after three progress notifications",
                EchoArgs.class,
                (ctx, a) -> {
                  for (int i = 1; i <= 3; i++) {
                    ctx.progress(i, 3.0, null);
                  }
                  return CallToolResult.text(a.text());
                })
            .resource(
                ResourceSpec.of(
                    Resource.of(HOT_URI, "hot"),
                    (ctx, u, vars) ->
                        new ReadResourceResult(
                            List.of(new TextResourceContents(u, "text/plain", "x", null)), null)));
    return b;
  }

  /**
   * With {@code -Dbench.redis=redis://host:port}: the Redis every instance shares (sessions,
   * events, both buses), as a fleet runs; otherwise null and everything in memory.
   */
  private static final McpRedis REDIS = redis();

  private static McpRedis redis() {
    String uri = System.getProperty("bench.redis", "");
    return uri.isEmpty() ? null : McpRedis.builder(uri).build();
  }

  /**
   * The benchmark's MCP server: {@link #builder()} with the executor {@code -Dbench.executor}
   * names ({@code default}, {@code inline} or {@code transport}), the observers {@code
   * -Dbench.observe} names ({@code none}, {@code observed}: Micrometer and OpenTelemetry; see
   * {@link Observers}) and, with {@code -Dbench.redis}, Redis's notification bus.
   */
  public static McpServer mcpServer() {
    McpServer.Builder b = Observers.attach(builder(), System.getProperty("bench.observe", "none"));
    if (REDIS != null) {
      b.notificationBus(REDIS.notificationBus());
    }
    String executor = System.getProperty("bench.executor", "default");
    if ("inline".equals(executor)) {
      b.executor(Runnable::run);
    } else if ("transport".equals(executor)) {
      b.handlersOnTransportThreads();
    }
    return b.build();
  }

  /**
   * Endpoint options: library defaults, with room for the 10,000-session scenario; with {@code
   * -Dbench.redis}, Redis's session store, event store and session bus.
   */
  public static HttpEndpointOptions options() {
    HttpEndpointOptions.Builder b = HttpEndpointOptions.builder();
    if (REDIS != null) {
      REDIS.endpointOptions(b);
    }
    return b.maxSessions(50_000).build();
  }

  /**
   * With {@code -Dbench.auth.issuer} and {@code -Dbench.auth.resource}: the resource server every
   * request of the MCP servers passes (bearer JWT validated against the issuer's keys, found through
   * its discovery document and cached; scope {@code mcp}); otherwise null and no auth.
   */
  static ResourceServer resourceServer() {
    String issuer = System.getProperty("bench.auth.issuer", "");
    if (issuer.isEmpty()) {
      return null;
    }
    java.net.URI iss = java.net.URI.create(issuer);
    java.net.URI resource = java.net.URI.create(System.getProperty("bench.auth.resource", ""));
    return ResourceServer.builder(JwtAuthenticator.builder(iss, resource).build(), resource)
        .authorizationServer(iss)
        .requiredScopes("mcp")
        .build();
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: BenchServer undertow|jetty|raw PORTS_FILE");
      System.exit(2);
    }
    String kind = args[0];
    Path portsFile = Path.of(args[1]);
    int port;
    IntSupplier sessions = () -> -1;
    Runnable notify = () -> {};
    ResourceServer auth = resourceServer();
    switch (kind) {
      case "undertow" -> {
        McpServer mcp = mcpServer();
        UndertowMcpServer.Builder builder = UndertowMcpServer.builder(mcp).port(0).options(options()).shutdownHook(false);
        if (auth != null) {
          builder.resourceServer(auth);
        }
        UndertowMcpServer server = builder.build().start();
        port = server.port();
        notify = () -> mcp.notifyResourceUpdated(HOT_URI);
        // UndertowMcpServer keeps its endpoint private: the driver counts the sessions it opened.
      }
      case "jetty" -> {
        McpServer mcp = mcpServer();
        McpHttpEndpoint endpoint = auth != null ? McpHttpEndpoint.create(mcp, options(), auth) : McpHttpEndpoint.create(mcp, options());
        Server jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        connector.setAcceptQueueSize(4096);
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        ServletHolder holder = new ServletHolder(new McpServlet(endpoint));
        holder.setAsyncSupported(true);
        context.addServlet(holder, "/mcp");
        jetty.setHandler(context);
        jetty.start();
        port = connector.getLocalPort();
        notify = () -> mcp.notifyResourceUpdated(HOT_URI);
        sessions = endpoint::sessionCount;
      }
      case "raw" -> {
        Undertow undertow =
            Undertow.builder()
                .addHttpListener(0, "127.0.0.1")
                .setHandler(
                    ex -> {
                      ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
                      ex.getResponseSender().send(ByteBuffer.wrap(RAW_RESULT));
                    })
                .build();
        undertow.start();
        port = ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
      }
      default -> throw new IllegalArgumentException("unknown server kind: " + kind);
    }
    HttpServer stats = statsServer(sessions, notify);
    Path tmp = portsFile.resolveSibling(portsFile.getFileName() + ".tmp");
    Files.writeString(tmp, port + " " + stats.getAddress().getPort() + "\n");
    Files.move(tmp, portsFile, StandardCopyOption.ATOMIC_MOVE);
    System.out.println("server " + kind + " on 127.0.0.1:" + port + ", stats on " + stats.getAddress().getPort());
    new CountDownLatch(1).await();
  }

  private static HttpServer statsServer(IntSupplier sessions, Runnable notify) throws IOException {
    HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    http.setExecutor(Executors.newSingleThreadExecutor(r -> new Thread(r, "bench-stats")));
    http.createContext(
        "/stats",
        ex -> {
          long heap = heapAfterGc();
          int threads = ManagementFactory.getThreadMXBean().getThreadCount();
          String body =
              "{\"heapAfterGc\":" + heap + ",\"threads\":" + threads + ",\"sessions\":" + sessions.getAsInt() + "}\n";
          reply(ex, body);
        });
    http.createContext(
        "/notify",
        ex -> {
          notify.run();
          reply(ex, "{\"notified\":true}\n");
        });
    http.start();
    return http;
  }

  /** Used heap after full collections, settled: the smallest of a few GC-then-measure rounds. */
  static long heapAfterGc() {
    long best = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      best = Math.min(best, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
    writeHistogram();
    return best;
  }

  private static final AtomicInteger HISTOGRAMS = new AtomicInteger();

  /**
   * With {@code -Dbench.histogram=PREFIX}: writes the class histogram of the live heap (what
   * {@code jcmd PID GC.class_histogram} prints) to {@code PREFIX-<n>.txt}, n counting the readings; with {@code -Dbench.heapdump=true} also a
   * heap dump of the live objects to {@code PREFIX-<n>.hprof}.
   */
  private static void writeHistogram() {
    String prefix = System.getProperty("bench.histogram");
    if (prefix == null || prefix.isEmpty()) {
      return;
    }
    int n = HISTOGRAMS.incrementAndGet();
    if (Boolean.getBoolean("bench.heapdump")) {
      try {
        ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class)
            .dumpHeap(prefix + "-" + n + ".hprof", true);
      } catch (IOException e) {
        System.err.println("heap dump not written: " + e);
      }
    }
    try {
      Object text =
          ManagementFactory.getPlatformMBeanServer()
              .invoke(
                  new ObjectName("com.sun.management:type=DiagnosticCommand"),
                  "gcClassHistogram",
                  new Object[] {new String[0]},
                  new String[] {String[].class.getName()});
      Files.writeString(Path.of(prefix + "-" + n + ".txt"), String.valueOf(text));
    } catch (Exception e) {
      System.err.println("class histogram not written: " + e);
    }
  }

  private static void reply(com.sun.net.httpserver.HttpExchange ex, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }
}
