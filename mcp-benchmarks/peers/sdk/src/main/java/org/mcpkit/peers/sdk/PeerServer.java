package org.mcpkit.peers.sdk;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.modern.server.McpSyncResponse;
import io.modelcontextprotocol.modern.server.feature.McpSyncTool;
import io.modelcontextprotocol.modern.server.feature.McpSyncToolRepository;
import io.modelcontextprotocol.modern.server.feature.ToolsFeature;
import io.modelcontextprotocol.modern.server.feature.ToolsPage;
import io.modelcontextprotocol.modern.server.transport.HttpServletMcpTransport;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpStatelessServerFeatures;
import io.modelcontextprotocol.server.transport.HttpServletStatelessServerTransport;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A benchmark peer: the official MCP Java SDK (or a raw servlet) on the same Jetty 12 setup as
 * mcpkit's own Jetty server in {@code BenchServer}, run in its own JVM by {@code run.sh}:
 *
 * <pre>java -cp ... org.mcpkit.peers.sdk.PeerServer sdk-session|sdk-stateless|sdk-modern|jetty-raw PORTS_FILE</pre>
 *
 * Binds 127.0.0.1 on a free port, serves {@code /mcp} and writes {@code <port> 0} to the ports
 * file (the peers have no stats port). Every MCP kind has one tool, {@code echo}, that returns its
 * {@code text} argument as one text content item. Runs until killed.
 */
public final class PeerServer {
  /**
   * The raw servlet's fixed answer: the bytes mcpkit sends for the load script's echo call (the
   * same as the raw Undertow ceiling's).
   */
  static final byte[] RAW_RESULT =
      ("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"content\":[{\"text\":\"hello\",\"type\":\"text\"}],"
              + "\"resultType\":\"complete\",\"_meta\":{\"io.modelcontextprotocol/serverInfo\":"
              + "{\"name\":\"mcpkit-bench\",\"version\":\"1\"}}}}")
          .getBytes(StandardCharsets.UTF_8);

  /** The echo tool's input schema: one required string, {@code text}. */
  static final Map<String, Object> ECHO_SCHEMA =
      Map.of(
          "type", "object",
          "properties", Map.of("text", Map.of("type", "string")),
          "required", List.of("text"));

  private PeerServer() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: PeerServer sdk-session|sdk-stateless|sdk-modern|jetty-raw PORTS_FILE");
      System.exit(2);
    }
    HttpServlet servlet =
        switch (args[0]) {
          case "sdk-session" -> sessionServlet();
          case "sdk-stateless" -> statelessServlet();
          case "sdk-modern" -> modernServlet();
          case "jetty-raw" -> new RawServlet();
          default -> throw new IllegalArgumentException("unknown peer kind: " + args[0]);
        };
    // The same container setup as BenchServer's "jetty": default QueuedThreadPool, one connector.
    Server jetty = new Server();
    ServerConnector connector = new ServerConnector(jetty);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    connector.setAcceptQueueSize(4096);
    jetty.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    ServletHolder holder = new ServletHolder(servlet);
    holder.setAsyncSupported(true);
    context.addServlet(holder, "/mcp");
    jetty.setHandler(context);
    jetty.start();
    int port = connector.getLocalPort();
    Path portsFile = Path.of(args[1]);
    Path tmp = portsFile.resolveSibling(portsFile.getFileName() + ".tmp");
    Files.writeString(tmp, port + " 0\n");
    Files.move(tmp, portsFile, StandardCopyOption.ATOMIC_MOVE);
    System.out.println("peer " + args[0] + " on 127.0.0.1:" + port);
    new CountDownLatch(1).await();
  }

  private static McpJsonMapper mapper() {
    return new JacksonMcpJsonMapper(new ObjectMapper());
  }

  private static String text(Map<String, Object> arguments) {
    Object t = arguments == null ? null : arguments.get("text");
    return t == null ? "" : t.toString();
  }

  private static McpSchema.Tool legacyTool() {
    return McpSchema.Tool.builder("echo", ECHO_SCHEMA).description("Echoes the text").build();
  }

  private static McpSchema.CallToolResult legacyResult(McpSchema.CallToolRequest request) {
    return McpSchema.CallToolResult.builder().addTextContent(text(request.arguments())).build();
  }

  /**
   * The 2025 session stack: the streamable HTTP provider (sessions, {@code Mcp-Session-Id}), sync
   * server with immediate execution (the tool runs on the thread that received the request, no
   * hop to a Reactor scheduler) and no input validation against the schema.
   */
  static HttpServlet sessionServlet() {
    HttpServletStreamableServerTransportProvider provider =
        HttpServletStreamableServerTransportProvider.builder()
            .jsonMapper(mapper())
            .mcpEndpoint("/mcp")
            .build();
    McpServer.sync(provider)
        .serverInfo("sdk-bench", "1")
        .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
        .immediateExecution(true)
        .validateToolInputs(false)
        .tools(
            McpServerFeatures.SyncToolSpecification.builder()
                .tool(legacyTool())
                .callHandler((exchange, request) -> legacyResult(request))
                .build())
        .build();
    return provider;
  }

  /**
   * The 2025 stateless transport: no sessions, each POST answered on its own; sync server with
   * immediate execution and no input validation.
   */
  static HttpServlet statelessServlet() {
    HttpServletStatelessServerTransport transport =
        HttpServletStatelessServerTransport.builder().jsonMapper(mapper()).messageEndpoint("/mcp").build();
    McpServer.sync(transport)
        .serverInfo("sdk-bench", "1")
        .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
        .immediateExecution(true)
        .validateToolInputs(false)
        .tools(
            McpStatelessServerFeatures.SyncToolSpecification.builder()
                .tool(legacyTool())
                .callHandler((context, request) -> legacyResult(request))
                .build())
        .build();
    return transport;
  }

  /**
   * The 2026-07-28 "modern" stack: {@code io.modelcontextprotocol.modern.server.McpServer} with a
   * sync tools feature behind {@code HttpServletMcpTransport} (stateless; the servlet answers a
   * request on the container thread that received it).
   */
  static HttpServlet modernServlet() {
    io.modelcontextprotocol.modern.McpSchema.Tool tool =
        io.modelcontextprotocol.modern.McpSchema.Tool.builder("echo", ECHO_SCHEMA)
            .description("Echoes the text")
            .build();
    McpSyncTool echo =
        McpSyncTool.of(
            tool,
            (ctx, request) ->
                McpSyncResponse.result(
                    io.modelcontextprotocol.modern.McpSchema.CallToolResult.builder()
                        .addContent(
                            io.modelcontextprotocol.modern.McpSchema.TextContent.builder(
                                    text(request.arguments()))
                                .build())
                        .build()));
    McpSyncToolRepository tools =
        new McpSyncToolRepository() {
          @Override
          public ToolsPage list(io.modelcontextprotocol.modern.server.McpRequestContext ctx, String cursor) {
            return ToolsPage.of(List.of(tool));
          }

          @Override
          public McpSyncTool find(io.modelcontextprotocol.modern.server.McpRequestContext ctx, String name) {
            return "echo".equals(name) ? echo : null;
          }
        };
    io.modelcontextprotocol.modern.server.McpServer server =
        io.modelcontextprotocol.modern.server.McpServer.builder()
            .serverInfo(io.modelcontextprotocol.modern.McpSchema.Implementation.builder("sdk-bench", "1").build())
            .jsonMapper(mapper())
            .feature(ToolsFeature.ofSync(tools))
            .build();
    return HttpServletMcpTransport.builder(server).jsonMapper(mapper()).endpoint("/mcp").build();
  }

  /**
   * The second ceiling: a plain blocking servlet that reads the request body and answers the
   * fixed JSON-RPC result, what Jetty itself allows for this request.
   */
  static final class RawServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      try (InputStream in = req.getInputStream()) {
        in.transferTo(java.io.OutputStream.nullOutputStream());
      }
      resp.setStatus(200);
      resp.setContentType("application/json");
      resp.setContentLength(RAW_RESULT.length);
      resp.getOutputStream().write(RAW_RESULT);
    }
  }
}
