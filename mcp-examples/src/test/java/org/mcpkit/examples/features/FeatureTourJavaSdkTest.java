package org.mcpkit.examples.features;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mcpkit.examples.servlet.EmbeddedTomcat;
import org.mcpkit.examples.servlet.FeatureTourServlet;
import org.mcpkit.server.McpServer;
import org.mcpkit.transport.undertow.UndertowMcpServer;

/**
 * The feature tour as a 2025-11-25 client sees it, through the official Java SDK client on both
 * transports: {@code book_table} asks with a real {@code elicitation/create} request, and a bad note
 * name is a tool error, not a protocol error.
 */
class FeatureTourJavaSdkTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"undertow", "tomcat"})
  void bookingElicitsThroughARealRequest(String transport) throws Exception {
    Files.writeString(dir.resolve("welcome"), "Hello notes");
    McpServer server = FeatureTour.create(dir);
    ExampleConfig config = ExampleConfig.fromEnv(Map.of("MCP_PORT", "0"));
    AutoCloseable http;
    String url;
    if (transport.equals("undertow")) {
      UndertowMcpServer undertow = FeatureTour.start(config, server);
      http = undertow;
      url = undertow.url();
    } else {
      EmbeddedTomcat tomcat = FeatureTourServlet.start(config, server);
      http = tomcat;
      url = config.url(tomcat.port());
    }
    ConcurrentLinkedQueue<McpSchema.ElicitRequest> asked = new ConcurrentLinkedQueue<>();
    AtomicReference<McpSchema.ElicitResult> answer = new AtomicReference<>();
    URI uri = URI.create(url);
    McpSyncClient client =
        McpClient.sync(
                HttpClientStreamableHttpTransport.builder("http://" + uri.getAuthority())
                    .endpoint(uri.getPath())
                    .build())
            .clientInfo(new McpSchema.Implementation("tour-interop", "1.0.0"))
            .capabilities(McpSchema.ClientCapabilities.builder().elicitation().build())
            .elicitation(request -> {
              asked.add(request);
              return answer.get();
            })
            .requestTimeout(Duration.ofSeconds(20))
            .build();
    try {
      McpSchema.InitializeResult init = client.initialize();
      assertEquals("2025-11-25", init.protocolVersion());
      assertEquals("mcpkit-feature-tour", init.serverInfo().name());
      assertEquals(
          List.of("weather", "countdown", "book_table", "write_note", "report"),
          client.listTools().tools().stream().map(McpSchema.Tool::name).toList());

      answer.set(new McpSchema.ElicitResult(McpSchema.ElicitResult.Action.ACCEPT, Map.of("name", "Ada", "guests", 2)));
      McpSchema.CallToolResult booked = client.callTool(new McpSchema.CallToolRequest("book_table", Map.of()));
      assertEquals(1, asked.size());
      McpSchema.ElicitRequest request = asked.poll();
      assertEquals("Who is the table for?", request.message());
      assertEquals(List.of("name", "guests"), ((McpSchema.ElicitFormRequest) request).requestedSchema().get("required"));
      assertEquals("Table for 2 booked under Ada.", text(booked));
      assertEquals(false, Boolean.TRUE.equals(booked.isError()));

      answer.set(new McpSchema.ElicitResult(McpSchema.ElicitResult.Action.DECLINE, null));
      McpSchema.CallToolResult declined = client.callTool(new McpSchema.CallToolRequest("book_table", Map.of()));
      assertEquals(1, asked.size(), "one elicitation per call");
      assertEquals("No booking made.", text(declined));

      McpSchema.CallToolResult badName =
          client.callTool(new McpSchema.CallToolRequest("write_note", Map.of("name", "../x", "text", "no")));
      assertEquals(Boolean.TRUE, badName.isError());
      assertEquals("Invalid note name '../x': use 1-64 letters, digits, '-' or '_'", text(badName));
    } finally {
      client.closeGracefully();
      http.close();
      server.close();
    }
  }

  private static String text(McpSchema.CallToolResult result) {
    assertEquals(1, result.content().size(), result::toString);
    return ((McpSchema.TextContent) result.content().get(0)).text();
  }
}
