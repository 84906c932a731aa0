package org.mcpkit.transport.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.catalina.Context;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mcpkit.protocol.CallToolResult;
import org.mcpkit.protocol.Implementation;
import org.mcpkit.protocol.Tool;
import org.mcpkit.server.McpServer;
import org.mcpkit.server.ToolSpec;
import org.mcpkit.server.http.HttpEndpointOptions;
import org.mcpkit.server.http.McpHttpEndpoint;
import org.mcpkit.testing.SseReader;

/**
 * {@link McpServletAdapter} used from the application's own code: a filter in front of a plain
 * servlet on Tomcat 11, and the application's own servlet on Jetty 12. MCP is served next to the
 * application's other paths, and a client that goes away releases its call.
 */
class McpServletAdapterTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String META =
      "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
          + "\"io.modelcontextprotocol/clientCapabilities\":{}}";

  private final CountDownLatch holdStarted = new CountDownLatch(1);
  private final CountDownLatch holdInterrupted = new CountDownLatch(1);
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private McpServer server;
  private McpHttpEndpoint endpoint;
  private McpServletAdapter adapter;
  private Tomcat tomcat;
  private Server jetty;

  @BeforeEach
  void build() {
    server =
        McpServer.builder(Implementation.of("adapter", "1"))
            .tool(
                ToolSpec.of(
                    Tool.builder("echo", Map.of("type", "object")).description("echo").build(),
                    (ctx, args) -> CallToolResult.text(String.valueOf(args.get("text")))))
            .tool(
                ToolSpec.of(
                    Tool.builder("hold", Map.of("type", "object")).description("hold").build(),
                    (ctx, args) -> {
                      holdStarted.countDown();
                      try {
                        new CountDownLatch(1).await();
                      } catch (InterruptedException e) {
                        holdInterrupted.countDown();
                        throw e;
                      }
                      return CallToolResult.text("never");
                    }))
            .build();
    endpoint =
        McpHttpEndpoint.create(server, HttpEndpointOptions.builder().keepAlive(Duration.ofMillis(300)).build());
    adapter = McpServletAdapter.create(endpoint);
  }

  @AfterEach
  void stop() throws Exception {
    if (tomcat != null) {
      tomcat.stop();
      tomcat.destroy();
    }
    if (jetty != null) {
      jetty.stop();
    }
    endpoint.close();
    server.close();
  }

  /** The application's filter: MCP under /api/mcp, everything else goes on to its servlets. */
  final class AppFilter implements Filter {
    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
        throws IOException, jakarta.servlet.ServletException {
      HttpServletRequest req = (HttpServletRequest) request;
      HttpServletResponse resp = (HttpServletResponse) response;
      resp.setHeader("X-App", "filter");
      if (req.getRequestURI().equals("/api/mcp")) {
        adapter.service(req, resp);
      } else {
        chain.doFilter(request, response);
      }
    }
  }

  /** The application's servlet: MCP for POST with an MCP header, its own answer otherwise. */
  final class AppServlet extends HttpServlet {
    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      if (req.getHeader("Mcp-Method") != null) {
        resp.setHeader("X-App", "servlet");
        adapter.service(req, resp);
      } else {
        resp.setContentType("text/plain");
        resp.getWriter().write("app");
      }
    }
  }

  static final class Hello extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      resp.setContentType("text/plain");
      resp.getWriter().write("hello");
    }
  }

  private URI tomcatWithFilter() throws Exception {
    tomcat = new Tomcat();
    tomcat.setBaseDir(Files.createTempDirectory("tomcat").toString());
    Connector connector = new Connector();
    connector.setPort(0);
    connector.setProperty("address", "127.0.0.1");
    tomcat.setConnector(connector);
    Context ctx = tomcat.addContext("", null);
    Wrapper hello = Tomcat.addServlet(ctx, "hello", new Hello());
    hello.setAsyncSupported(true);
    ctx.addServletMappingDecoded("/*", "hello");
    FilterDef def = new FilterDef();
    def.setFilterName("app");
    def.setFilter(new AppFilter());
    def.setAsyncSupported("true");
    ctx.addFilterDef(def);
    FilterMap map = new FilterMap();
    map.setFilterName("app");
    map.addURLPattern("/*");
    ctx.addFilterMap(map);
    tomcat.start();
    return URI.create("http://127.0.0.1:" + tomcat.getConnector().getLocalPort());
  }

  private URI jettyWithOwnServlet() throws Exception {
    jetty = new Server();
    ServerConnector connector = new ServerConnector(jetty);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    jetty.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    ServletHolder holder = new ServletHolder(new AppServlet());
    holder.setAsyncSupported(true);
    context.addServlet(holder, "/app/*");
    jetty.setHandler(context);
    jetty.start();
    return URI.create("http://127.0.0.1:" + connector.getLocalPort());
  }

  private static HttpRequest.Builder post(URI uri, String method, String name, String body) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(20))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, text/event-stream")
            .header("MCP-Protocol-Version", "2026-07-28")
            .header("Mcp-Method", method)
            .POST(HttpRequest.BodyPublishers.ofString(body));
    return name == null ? b : b.header("Mcp-Name", name);
  }

  private static String call(int id, String tool, String arguments) {
    return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
        + "\",\"arguments\":" + arguments + "," + META + "}}";
  }

  private void echoAndRelease(URI mcp, String appHeader) throws Exception {
    HttpResponse<String> r = http.send(post(mcp, "tools/call", "echo", call(1, "echo", "{\"text\":\"hi\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r::body);
    assertEquals(Optional.of("application/json"), r.headers().firstValue("Content-Type"));
    assertEquals(Optional.of(appHeader), r.headers().firstValue("X-App"));
    assertEquals(
        MAPPER.readTree("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"hi\"}],"
            + "\"resultType\":\"complete\",\"_meta\":{\"io.modelcontextprotocol/serverInfo\":{\"name\":\"adapter\",\"version\":\"1\"}}}}"),
        MAPPER.readTree(r.body()));
    HttpResponse<String> unknown = http.send(post(mcp, "nope/x", null,
        "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"nope/x\",\"params\":{" + META + "}}").build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(404, unknown.statusCode());
    assertEquals(MAPPER.readTree("{\"jsonrpc\":\"2.0\",\"id\":2,\"error\":{\"code\":-32601,\"message\":\"Method not found: nope/x\"}}"),
        MAPPER.readTree(unknown.body()));

    // a long call streams (keep-alive comments), and a client that goes away releases it
    HttpResponse<InputStream> held = http.send(post(mcp, "tools/call", "hold", call(3, "hold", "{}")).build(),
        HttpResponse.BodyHandlers.ofInputStream());
    assertTrue(holdStarted.await(10, TimeUnit.SECONDS));
    try (SseReader sse = new SseReader(held.body())) {
      assertEquals(200, held.statusCode());
      assertEquals(Optional.of("text/event-stream"), held.headers().firstValue("Content-Type"));
      assertEquals(":", sse.next(5));
      assertEquals(1, endpoint.activeRequests());
    }
    assertTrue(holdInterrupted.await(20, TimeUnit.SECONDS), "the handler is interrupted after the disconnect");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (endpoint.activeRequests() > 0 && System.nanoTime() < deadline) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10)); // polling deadline
    }
    assertEquals(0, endpoint.activeRequests(), "nothing is left behind");
  }

  @Test
  void servedFromTheApplicationsOwnFilterOnTomcat() throws Exception {
    URI base = tomcatWithFilter();
    HttpResponse<String> hello = http.send(HttpRequest.newBuilder(base.resolve("/hello")).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, hello.statusCode());
    assertEquals("hello", hello.body(), "the application's other paths are untouched");
    echoAndRelease(base.resolve("/api/mcp"), "filter");
  }

  @Test
  void servedFromTheApplicationsOwnServletOnJetty() throws Exception {
    URI base = jettyWithOwnServlet();
    HttpResponse<String> app = http.send(HttpRequest.newBuilder(base.resolve("/app/page")).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, app.statusCode());
    assertEquals("app", app.body());
    echoAndRelease(base.resolve("/app/mcp"), "servlet");
  }
}
