package org.mcpkit.transport.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mcpkit.server.http.McpHttpEndpoint;
import org.mcpkit.testing.ConnectionFlood;
import org.mcpkit.testing.ContractServer;
import org.mcpkit.testing.RawHttp;

/**
 * Jetty 12 set up as docs/security.md ("Container error pages") tells users to: what never reaches
 * the MCP servlet (a 100 KB request head, a malformed URI, an unmapped path) and an exception from
 * another servlet are answered with the status alone, no exception, stack, class, server name or
 * version in the page or the headers; the MCP endpoint answers as before.
 */
class JettyErrorPagesTest {
  /** The server-level handler (errors before any context): the status and its reason, nothing else. */
  static final class StatusOnlyErrorHandler extends org.eclipse.jetty.server.handler.ErrorHandler {
    StatusOnlyErrorHandler() {
      setShowStacks(false);
      setShowCauses(false);
      setShowMessageInTitle(false);
      setShowOrigin(false); // no servlet class name
    }

    @Override
    protected boolean generateAcceptableResponse(Request request, Response response, Callback callback,
        String contentType, List<Charset> charsets, int code, String message, Throwable cause) throws IOException {
      return super.generateAcceptableResponse(request, response, callback, contentType, charsets, code,
          HttpStatus.getMessage(code), null);
    }
  }

  /** The same for a servlet context (errors inside it: exceptions, unmapped paths). */
  static final class StatusOnlyServletErrorHandler extends org.eclipse.jetty.ee10.servlet.ErrorHandler {
    StatusOnlyServletErrorHandler() {
      setShowStacks(false);
      setShowCauses(false);
      setShowMessageInTitle(false);
      setShowOrigin(false); // no servlet class name
    }

    @Override
    protected boolean generateAcceptableResponse(Request request, Response response, Callback callback,
        String contentType, List<Charset> charsets, int code, String message, Throwable cause) throws IOException {
      return super.generateAcceptableResponse(request, response, callback, contentType, charsets, code,
          HttpStatus.getMessage(code), null);
    }
  }

  private ContractServer fixture;
  private McpHttpEndpoint endpoint;
  private Server jetty;
  private int port;

  @BeforeEach
  void start() throws Exception {
    fixture = new ContractServer();
    endpoint = McpHttpEndpoint.create(fixture.server);
    jetty = new Server();
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    http.setRequestHeaderSize(16 * 1024);
    ServerConnector connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    jetty.addConnector(connector);
    jetty.setErrorHandler(new StatusOnlyErrorHandler());
    ServletContextHandler context = new ServletContextHandler();
    context.setErrorHandler(new StatusOnlyServletErrorHandler());
    ServletHolder mcp = new ServletHolder(new McpServlet(endpoint));
    mcp.setAsyncSupported(true);
    context.addServlet(mcp, "/mcp");
    context.addServlet(new ServletHolder(new HttpServlet() {
      @Override
      protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
        throw new IllegalStateException("java.lang.IllegalStateException: secret");
      }
    }), "/other");
    jetty.setHandler(context);
    jetty.start();
    port = connector.getLocalPort();
  }

  @AfterEach
  void stop() throws Exception {
    jetty.stop();
    endpoint.close();
    fixture.server.close();
  }

  private RawHttp.Reply get(String path, int padding) throws Exception {
    return RawHttp.exchange(port, "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n"
        + "X-Padding: " + "p".repeat(padding) + "\r\n\r\n", new byte[0], Duration.ofSeconds(10));
  }

  @Test
  void aHundredKilobyteHeaderGetsABare431() throws Exception {
    RawHttp.Reply r = get("/mcp", 100 * 1024);
    assertEquals(431, r.status(), r::toString);
    RawHttp.assertNoContainerDetail(r);
  }

  @Test
  void aMalformedUriAnUnmappedPathAndAnotherServletsExceptionShowNoDetail() throws Exception {
    RawHttp.Reply badUri = get("/%zz", 0);
    assertEquals(400, badUri.status(), badUri::toString);
    RawHttp.assertNoContainerDetail(badUri);
    RawHttp.Reply notFound = get("/nope", 0);
    assertEquals(404, notFound.status(), notFound::toString);
    RawHttp.assertNoContainerDetail(notFound);
    RawHttp.Reply failed = get("/other", 0);
    assertEquals(500, failed.status(), failed::toString);
    RawHttp.assertNoContainerDetail(failed);
  }

  @Test
  void theMcpEndpointAnswersAsBefore() throws Exception {
    RawHttp.Reply r = RawHttp.post(port, "/mcp", ConnectionFlood.ECHO_CALL, Map.of(
        "Content-Type", "application/json",
        "Accept", "application/json, text/event-stream",
        "MCP-Protocol-Version", "2026-07-28",
        "Mcp-Method", "tools/call",
        "Mcp-Name", "echo",
        "X-Padding", "p".repeat(15 * 1024)), Duration.ofSeconds(10));
    assertEquals(200, r.status(), r::toString);
    assertEquals(ConnectionFlood.ECHO_ANSWER, r.body());
    assertEquals(null, r.headers().get("server"), "no Server header");
  }
}
