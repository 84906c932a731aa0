package org.mcpkit.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mcpkit.server.http.HttpEndpointOptions;
import org.mcpkit.server.http.McpHttpEndpoint;

/**
 * What a hostile client gets from a real transport, byte for byte: broken chunked framing, a body
 * far past the limit sent chunked, a huge method name. Each transport subclasses it with a factory
 * for its container. Raw sockets: no HTTP client would send these.
 */
public abstract class HostileInputContractTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final int LIMIT = 4 * 1024 * 1024;
  protected ContractServer fixture;
  protected McpHttpEndpoint endpoint;
  private URI uri;

  /** Serves {@code endpoint} at a path on 127.0.0.1, port 0; returns the endpoint URL. */
  protected abstract URI start(McpHttpEndpoint endpoint) throws Exception;

  /** Stops what {@link #start} started. */
  protected abstract void stop() throws Exception;

  @BeforeEach
  void startServer() throws Exception {
    fixture = new ContractServer();
    endpoint = McpHttpEndpoint.create(fixture.server, HttpEndpointOptions.builder().maxBodyBytes(LIMIT).build());
    uri = start(endpoint);
  }

  @AfterEach
  void stopServer() throws Exception {
    stop();
    endpoint.close();
    fixture.server.close();
  }

  /** A raw HTTP/1.1 answer: the status, the headers as one lower-case block, the body. */
  protected record Answer(int status, String head, String rawHead, String body) {
    JsonNode json() throws IOException {
      return MAPPER.readTree(body);
    }

    /** A header's value as sent. */
    String header(String name) {
      int at = head.indexOf(name.toLowerCase(Locale.ROOT) + ":");
      return at < 0 ? null : rawHead.substring(at + name.length() + 1, rawHead.indexOf('\r', at)).trim();
    }
  }

  private String head(String transferEncodingOrLength) {
    return "POST " + uri.getPath() + " HTTP/1.1\r\n"
        + "Host: 127.0.0.1:" + uri.getPort() + "\r\n"
        + "Content-Type: application/json\r\n"
        + "Accept: application/json, text/event-stream\r\n"
        + transferEncodingOrLength + "\r\n"
        + "\r\n";
  }

  /** Reads one HTTP/1.1 response (Content-Length or chunked body) off the stream. */
  private static Answer read(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int b;
    int matched = 0;
    while (matched < 4 && (b = in.read()) >= 0) {
      head.write(b);
      matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    String text = head.toString(StandardCharsets.ISO_8859_1);
    assertTrue(text.startsWith("HTTP/1.1 "), "a status line, got: " + text);
    int status = Integer.parseInt(text.substring(9, 12));
    String lower = text.toLowerCase(Locale.ROOT);
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    int cl = lower.indexOf("content-length:");
    if (cl >= 0) {
      int n = Integer.parseInt(lower.substring(cl + 15, lower.indexOf('\r', cl)).trim());
      body.write(in.readNBytes(n));
    } else if (lower.contains("transfer-encoding: chunked")) {
      while (true) {
        StringBuilder size = new StringBuilder();
        while ((b = in.read()) >= 0 && b != '\n') {
          if (b != '\r') {
            size.append((char) b);
          }
        }
        int n = Integer.parseInt(size.toString().trim(), 16);
        if (n == 0) {
          break;
        }
        body.write(in.readNBytes(n));
        in.readNBytes(2);
      }
    }
    return new Answer(status, lower, text, body.toString(StandardCharsets.UTF_8));
  }

  private Answer exchange(byte[] request) throws Exception {
    try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
      socket.setSoTimeout(20_000);
      OutputStream out = socket.getOutputStream();
      out.write(request);
      out.flush();
      return read(socket.getInputStream());
    }
  }

  /**
   * Whether the container itself closes the connection on broken chunked framing, inside its
   * decoder and before the adapter hears of it (Undertow does): then there is nobody left to answer.
   */
  protected boolean containerDropsBrokenFraming() {
    return false;
  }

  @Test
  void brokenChunkedFramingIsAnswered400() throws Exception {
    String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}";
    byte[] broken = (head("Transfer-Encoding: chunked") + "zz\r\n" + body + "\r\n0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    if (containerDropsBrokenFraming()) {
      try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
        socket.setSoTimeout(20_000);
        socket.getOutputStream().write(broken);
        byte[] got;
        try {
          got = socket.getInputStream().readAllBytes();
        } catch (SocketException reset) {
          got = new byte[0];
        }
        assertEquals("", new String(got, StandardCharsets.ISO_8859_1), "closed without a partial answer");
      }
      String init = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\","
          + "\"capabilities\":{},\"clientInfo\":{\"name\":\"c\",\"version\":\"1\"}}}";
      Answer ping = exchangeBody(init.getBytes(StandardCharsets.UTF_8), "");
      assertEquals(200, ping.status(), "the server serves the next connection");
      return;
    }
    Answer a = exchange(broken);
    assertEquals(400, a.status());
    assertFalse(a.body().contains("Exception") || a.body().contains("java."), a.body());
    if (!a.body().isEmpty() && a.head().contains("application/json")) {
      assertEquals(MAPPER.readTree("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32600,"
          + "\"message\":\"Bad request: malformed request body\"}}"), a.json());
    }
  }

  @Test
  void aHundredMebibyteChunkedBodyGetsA413TheClientCanRead() throws Exception {
    try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
      socket.setSoTimeout(30_000);
      CompletableFuture<Long> sending = new CompletableFuture<>();
      Thread writer = new Thread(() -> {
        long sent = 0;
        try {
          OutputStream out = socket.getOutputStream();
          out.write(head("Transfer-Encoding: chunked").getBytes(StandardCharsets.US_ASCII));
          byte[] chunk = new byte[64 * 1024];
          java.util.Arrays.fill(chunk, (byte) ' ');
          byte[] size = (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
          for (int i = 0; i < 1600; i++) { // 100 MiB
            out.write(size);
            out.write(chunk);
            out.write('\r');
            out.write('\n');
            sent += chunk.length;
          }
        } catch (IOException e) {
          // the server stopped reading after its answer, or the test closed the socket
        }
        sending.complete(sent);
      }, "hostile-writer");
      writer.setDaemon(true);
      writer.start();
      Answer a = read(socket.getInputStream()); // while the body is still being sent
      assertEquals(413, a.status());
      assertEquals(MAPPER.readTree("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32600,"
          + "\"message\":\"Payload too large: the limit is " + LIMIT + " bytes\"}}"), a.json());
      socket.close(); // ends the writer
      assertTrue(sending.get(30, TimeUnit.SECONDS) < 100L * 1024 * 1024, "the server did not read the whole body");
    }
  }

  @Test
  void aHugeMethodNameIsNotEchoed() throws Exception {
    String init = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\","
        + "\"capabilities\":{},\"clientInfo\":{\"name\":\"hostile\",\"version\":\"1\"}}}";
    Answer opened = exchangeBody(init.getBytes(StandardCharsets.UTF_8), "");
    assertEquals(200, opened.status());
    String session = opened.header("Mcp-Session-Id");
    String method = "m".repeat(1024 * 1024);
    Answer b = exchangeBody(("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"" + method + "\"}").getBytes(StandardCharsets.UTF_8),
        "Mcp-Session-Id: " + session + "\r\n");
    assertEquals(200, b.status());
    assertEquals(MAPPER.readTree("{\"jsonrpc\":\"2.0\",\"id\":2,\"error\":{\"code\":-32601,"
        + "\"message\":\"Method not found: " + "m".repeat(128) + "\u2026\"}}"), b.json());
    assertTrue(b.body().length() < 300, "a short answer: " + b.body().length() + " characters");
  }

  @Test
  void aSecondInitializeOnALiveSessionIsRefusedAndTheSessionLivesOn() throws Exception {
    String init = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\","
        + "\"capabilities\":{},\"clientInfo\":{\"name\":\"hostile\",\"version\":\"1\"}}}";
    Answer opened = exchangeBody(init.getBytes(StandardCharsets.UTF_8), "");
    String session = opened.header("Mcp-Session-Id");
    String header = "Mcp-Session-Id: " + session + "\r\n";
    Answer again = exchangeBody(init.replace("\"id\":1", "\"id\":3").getBytes(StandardCharsets.UTF_8), header);
    assertEquals(200, again.status());
    assertEquals(MAPPER.readTree("{\"jsonrpc\":\"2.0\",\"id\":3,\"error\":{\"code\":-32600,"
        + "\"message\":\"Invalid request: the session is already initialized\"}}"), again.json());
    assertTrue(again.header("Mcp-Session-Id") == null || again.header("Mcp-Session-Id").equals(session), "no new session");
    Answer ping = exchangeBody("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"ping\"}".getBytes(StandardCharsets.UTF_8), header);
    assertEquals(MAPPER.readTree("{\"jsonrpc\":\"2.0\",\"id\":4,\"result\":{}}"), ping.json(), "the session is as it was");
  }

  private Answer exchangeBody(byte[] body, String extraHeaders) throws Exception {
    ByteArrayOutputStream request = new ByteArrayOutputStream();
    request.write(head(extraHeaders + "Content-Length: " + body.length).getBytes(StandardCharsets.US_ASCII));
    request.write(body);
    return exchange(request.toByteArray());
  }
}
