package org.mcpkit.examples.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mcpkit.server.http.McpHttpEndpoint;
import org.mcpkit.testing.ConnectionFlood;
import org.mcpkit.testing.ContractServer;
import org.mcpkit.testing.RawHttp;

/**
 * The examples' embedded Tomcat answers what never reaches the MCP servlet (a 100 KB request head,
 * a malformed URI, an unmapped path) with the status alone: no exception, stack, class, container
 * name or version in the page or the headers; the MCP endpoint answers as before.
 */
class EmbeddedTomcatErrorPagesTest {
  private ContractServer fixture;
  private EmbeddedTomcat tomcat;

  @BeforeEach
  void start() {
    fixture = new ContractServer();
    tomcat = EmbeddedTomcat.start(McpHttpEndpoint.create(fixture.server), "127.0.0.1", 0, "/mcp");
  }

  @AfterEach
  void stop() {
    tomcat.close();
    fixture.server.close();
  }

  private RawHttp.Reply get(String path, int padding) throws Exception {
    String head = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + tomcat.port() + "\r\nConnection: close\r\n"
        + "X-Padding: " + "p".repeat(padding) + "\r\n\r\n";
    return RawHttp.exchange(tomcat.port(), head, new byte[0], Duration.ofSeconds(10));
  }

  @Test
  void aHundredKilobyteHeaderGetsABare400() throws Exception {
    RawHttp.Reply r = get("/mcp", 100 * 1024);
    assertEquals(400, r.status(), r::toString);
    RawHttp.assertNoContainerDetail(r);
  }

  @Test
  void aHeadJustUnderTheLimitIsServed() throws Exception {
    RawHttp.Reply r = RawHttp.post(tomcat.port(), "/mcp", ConnectionFlood.ECHO_CALL, java.util.Map.of(
        "Content-Type", "application/json",
        "Accept", "application/json, text/event-stream",
        "MCP-Protocol-Version", "2026-07-28",
        "Mcp-Method", "tools/call",
        "Mcp-Name", "echo",
        "X-Padding", "p".repeat(EmbeddedTomcat.MAX_HEADER_BYTES - 1024)), Duration.ofSeconds(10));
    assertEquals(200, r.status(), r::toString);
    assertEquals(ConnectionFlood.ECHO_ANSWER, r.body());
  }

  @Test
  void aMalformedUriAndAnUnmappedPathShowNoDetail() throws Exception {
    RawHttp.Reply badUri = get("/%zz", 0);
    assertEquals(400, badUri.status(), badUri::toString);
    RawHttp.assertNoContainerDetail(badUri);
    RawHttp.Reply notFound = get("/nope", 0);
    assertEquals(404, notFound.status(), notFound::toString);
    RawHttp.assertNoContainerDetail(notFound);
    RawHttp.Reply badMethod = RawHttp.exchange(tomcat.port(),
        "FOO /nope HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", "x".getBytes(StandardCharsets.US_ASCII),
        Duration.ofSeconds(10));
    RawHttp.assertNoContainerDetail(badMethod);
  }
}
