package org.mcpkit.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP/1.1 by hand on a loopback socket, for what a client library would not send (a 100 KB
 * header, a half-sent head) and to read exactly what comes back, headers and all.
 */
public final class RawHttp {
  private RawHttp() {}

  /** A whole HTTP/1.1 answer. */
  public record Reply(int status, Map<String, String> headers, String body) {}

  /**
   * One HTTP/1.1 exchange on a new connection ({@code Connection: close}), read to the end; a
   * chunked body is decoded. Header names are lower-cased in the reply.
   */
  public static Reply exchange(int port, String requestHead, byte[] body, Duration timeout) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), (int) timeout.toMillis());
      socket.setSoTimeout((int) timeout.toMillis());
      OutputStream out = socket.getOutputStream();
      out.write(requestHead.getBytes(StandardCharsets.ISO_8859_1));
      out.write(body);
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        all.write(buffer, 0, n);
      }
      return parse(all.toByteArray());
    }
  }

  /** A POST of {@code json} to {@code path} with the given extra headers. */
  public static Reply post(int port, String path, String json, Map<String, String> headers, Duration timeout)
      throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    StringBuilder head = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n");
    headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
    head.append("Content-Length: ").append(body.length).append("\r\nConnection: close\r\n\r\n");
    return exchange(port, head.toString(), body, timeout);
  }

  private static Reply parse(byte[] raw) throws IOException {
    String text = new String(raw, StandardCharsets.ISO_8859_1);
    int split = text.indexOf("\r\n\r\n");
    if (split < 0) {
      throw new IOException("no complete response head: " + text);
    }
    String[] head = text.substring(0, split).split("\r\n");
    int status = Integer.parseInt(head[0].split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < head.length; i++) {
      int colon = head[i].indexOf(':');
      headers.put(head[i].substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT), head[i].substring(colon + 1).trim());
    }
    byte[] body = java.util.Arrays.copyOfRange(raw, split + 4, raw.length);
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      body = dechunk(body);
    }
    return new Reply(status, headers, new String(body, StandardCharsets.UTF_8));
  }

  private static byte[] dechunk(byte[] body) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int i = 0;
    while (i < body.length) {
      int lineEnd = indexOf(body, i);
      if (lineEnd < 0) {
        throw new IOException("broken chunked body");
      }
      String size = new String(body, i, lineEnd - i, StandardCharsets.US_ASCII).split(";")[0].trim();
      int n = Integer.parseInt(size, 16);
      if (n == 0) {
        break;
      }
      out.write(body, lineEnd + 2, n);
      i = lineEnd + 2 + n + 2;
    }
    return out.toByteArray();
  }

  private static int indexOf(byte[] b, int from) {
    for (int i = from; i + 1 < b.length; i++) {
      if (b[i] == '\r' && b[i + 1] == '\n') {
        return i;
      }
    }
    return -1;
  }

  /**
   * What no error page may show: an exception, a class or stack frame, the container or a version
   * number (three numbers, so that an IPv4 address in an echoed URL does not count).
   */
  private static final Pattern DETAIL = Pattern.compile(
      "Exception|\\bat [\\w$.]+\\(|java\\.|jakarta\\.|Tomcat|Jetty|Undertow|Catalina|Coyote|(?<![\\d.])\\d+\\.\\d+\\.\\d+(?![\\d.])",
      Pattern.CASE_INSENSITIVE);

  /** Fails when the answer's body or a header names an exception, a class, the container or a version. */
  public static void assertNoContainerDetail(Reply reply) {
    Matcher body = DETAIL.matcher(reply.body());
    if (body.find()) {
      throw new AssertionError("the error page shows '" + body.group() + "': " + reply);
    }
    for (Map.Entry<String, String> h : reply.headers().entrySet()) {
      if (h.getKey().equals("server") || h.getKey().equals("x-powered-by") || DETAIL.matcher(h.getValue()).find()) {
        throw new AssertionError("a header names the container: " + h + " in " + reply);
      }
    }
  }
}
