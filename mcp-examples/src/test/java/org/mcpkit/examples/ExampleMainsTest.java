package org.mcpkit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.mcpkit.testing.RawHttp;

/**
 * Every HTTP example's {@code main}, run as a newcomer runs it: a separate JVM configured only by
 * the documented environment variables. It binds 127.0.0.1 port 0, prints its URL, honours the
 * path and the allowed origins, and answers tools/list and tools/call; what never reaches MCP (a
 * 100 KB request head, an unmapped path) gets a status that names no exception, container or
 * version; an invalid variable stops it at once with one line naming the variable and no stack
 * trace.
 */
class ExampleMainsTest {
  private static final ObjectMapper M = new ObjectMapper();
  private static final Pattern URL = Pattern.compile("listening at (http://\\S+)");
  private static final String META =
      "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\",\"io.modelcontextprotocol/clientCapabilities\":{}}";

  @TempDir Path dir;

  private static ProcessBuilder java(String mainClass, Map<String, String> env) {
    String javaBin = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    ProcessBuilder pb = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"), mainClass);
    pb.environment().keySet().removeIf(k -> k.startsWith("MCP_"));
    pb.environment().putAll(env);
    return pb;
  }

  private static HttpRequest post(URI uri, String origin, String method, String name, String params) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri)
        .timeout(Duration.ofSeconds(20))
        .header("Content-Type", "application/json")
        .header("Accept", "application/json, text/event-stream")
        .header("MCP-Protocol-Version", "2026-07-28")
        .header("Mcp-Method", method)
        .POST(HttpRequest.BodyPublishers.ofString(
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":{" + params
                + (params.isEmpty() ? "" : ",") + META + "}}"));
    if (name != null) {
      b.header("Mcp-Name", name);
    }
    if (origin != null) {
      b.header("Origin", origin);
    }
    return b.build();
  }

  /**
   * The JSON-RPC answer of a POST: the JSON body, or the last {@code data:} line of an SSE answer (a
   * call still running after {@code streamAfter}, 500 ms, is answered as a stream; a loaded machine
   * gets there).
   */
  private static JsonNode answer(HttpResponse<String> r) throws Exception {
    if (r.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream")) {
      String data = null;
      for (String line : r.body().split("\n")) {
        if (line.startsWith("data:")) {
          data = line.substring(5).trim();
        }
      }
      return M.readTree(data);
    }
    return M.readTree(r.body());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "org.mcpkit.examples.hello.HelloUndertow      | hello   | {\"name\":\"Ada\"}              | Hello, Ada!                    | hello",
      "org.mcpkit.examples.hello.HelloTomcat        | hello   | {\"name\":\"Ada\"}              | Hello, Ada!                    | hello",
      "org.mcpkit.examples.hello.HelloAnnotated     | hello   | {\"name\":\"Ada\"}              | Hello, Ada!                    | hello",
      "org.mcpkit.examples.features.FeatureTour     | weather | {\"city\":\"Oslo\",\"days\":2} | Oslo: sunny, 21°C for 2 day(s) | weather,countdown,book_table,write_note,report",
      "org.mcpkit.examples.servlet.FeatureTourServlet | weather | {\"city\":\"Oslo\",\"days\":2} | Oslo: sunny, 21°C for 2 day(s) | weather,countdown,book_table,write_note,report",
  })
  void servesItsToolsAsConfigured(String mainClass, String tool, String arguments, String expected, String tools)
      throws Exception {
    Path log = dir.resolve("stderr.log");
    Process p = java(mainClass, Map.of(
            "MCP_HOST", "127.0.0.1",
            "MCP_PORT", "0",
            "MCP_PATH", "/tools/mcp",
            "MCP_ALLOWED_ORIGINS", "https://app.example.com",
            "MCP_DATA_DIR", dir.toString()))
        .redirectError(log.toFile())
        .start();
    try {
      BufferedReader stdout = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      String line = CompletableFuture.supplyAsync(() -> {
        try {
          return stdout.readLine();
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).get(60, TimeUnit.SECONDS);
      assertTrue(line != null, () -> "no URL printed; stderr: " + read(log));
      Matcher m = URL.matcher(line);
      assertTrue(m.find(), line);
      URI uri = URI.create(m.group(1));
      assertEquals("http", uri.getScheme());
      assertEquals("127.0.0.1", uri.getHost());
      assertTrue(uri.getPort() > 0, line);
      assertEquals("/tools/mcp", uri.getPath());

      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
      HttpResponse<String> list = http.send(post(uri, "https://app.example.com", "tools/list", null, ""),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, list.statusCode(), list.body());
      JsonNode names = answer(list).get("result").get("tools");
      StringBuilder listed = new StringBuilder();
      names.forEach(t -> listed.append(listed.length() == 0 ? "" : ",").append(t.get("name").asText()));
      assertEquals(tools, listed.toString());

      HttpResponse<String> call = http.send(
          post(uri, null, "tools/call", tool, "\"name\":\"" + tool + "\",\"arguments\":" + arguments),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      assertEquals(200, call.statusCode(), call.body());
      JsonNode result = answer(call).get("result");
      assertEquals(expected, result.get("content").get(0).get("text").asText());
      assertEquals(null, result.get("isError"), call.body());

      for (String foreign : new String[] {"https://evil.example.com", "http://localhost:3000"}) {
        HttpResponse<String> refused = http.send(post(uri, foreign, "tools/list", null, ""),
            HttpResponse.BodyHandlers.ofString());
        assertEquals(403, refused.statusCode(), foreign + " is not in MCP_ALLOWED_ORIGINS");
      }
      HttpResponse<String> wrongPath = http.send(
          HttpRequest.newBuilder(uri.resolve("/mcp")).timeout(Duration.ofSeconds(20)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(404, wrongPath.statusCode(), "only MCP_PATH serves MCP");

      // what never reaches MCP: a 100 KB request head, an unmapped path; the answer shows no detail
      RawHttp.Reply huge = RawHttp.exchange(uri.getPort(), "GET " + uri.getPath() + " HTTP/1.1\r\nHost: 127.0.0.1:"
          + uri.getPort() + "\r\nConnection: close\r\nX-Padding: " + "p".repeat(100 * 1024) + "\r\n\r\n",
          new byte[0], Duration.ofSeconds(20));
      assertEquals(400, huge.status(), huge::toString);
      RawHttp.assertNoContainerDetail(huge);
      RawHttp.Reply unmapped = RawHttp.exchange(uri.getPort(), "GET /mcp HTTP/1.1\r\nHost: 127.0.0.1:" + uri.getPort()
          + "\r\nConnection: close\r\n\r\n", new byte[0], Duration.ofSeconds(20));
      assertEquals(404, unmapped.status(), unmapped::toString);
      RawHttp.assertNoContainerDetail(unmapped);
    } finally {
      p.destroy();
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "org.mcpkit.examples.hello.HelloUndertow",
      "org.mcpkit.examples.hello.HelloTomcat",
      "org.mcpkit.examples.hello.HelloAnnotated",
      "org.mcpkit.examples.features.FeatureTour",
      "org.mcpkit.examples.servlet.FeatureTourServlet"})
  void anInvalidVariableStopsItWithOneLineNamingIt(String mainClass) throws Exception {
    assertStopsWith(mainClass, Map.of("MCP_PORT", "http"),
        "Invalid configuration: MCP_PORT must be a port number (0-65535), got 'http'");
    assertStopsWith(mainClass, Map.of("MCP_ALLOWED_ORIGINS", "app.example.com"),
        "Invalid configuration: MCP_ALLOWED_ORIGINS entries must look like https://host[:port], got 'app.example.com'");
  }

  private void assertStopsWith(String mainClass, Map<String, String> env, String message) throws Exception {
    Path out = dir.resolve("out.log");
    Path err = dir.resolve("err.log");
    Process p = java(mainClass, env).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    try {
      assertTrue(p.waitFor(60, TimeUnit.SECONDS), "exits at once");
      assertEquals(2, p.exitValue());
      assertEquals(message + System.lineSeparator(), read(err), "one line on stderr, no stack trace");
      assertEquals("", read(out));
    } finally {
      p.destroyForcibly();
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      return "(unreadable: " + e + ")";
    }
  }
}
