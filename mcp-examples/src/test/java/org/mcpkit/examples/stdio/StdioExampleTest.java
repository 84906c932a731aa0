package org.mcpkit.examples.stdio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.mcpkit.server.McpServer;
import org.mcpkit.server.stdio.StdioTransport;

/** Drives the stdio example the way a desktop client does: JSON lines in, JSON lines out. */
class StdioExampleTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String META =
      "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
          + "\"io.modelcontextprotocol/clientCapabilities\":{\"elicitation\":{}}}";

  private static String line(int id, String method, String params) {
    return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":{"
        + params + (params.isEmpty() ? "" : ",") + META + "}}\n";
  }

  private static List<JsonNode> runInProcess(String input) throws Exception {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (McpServer server = StdioExample.server()) {
      StdioTransport.create(server, new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out).run();
    }
    List<JsonNode> result = new ArrayList<>();
    for (String l : out.toString(StandardCharsets.UTF_8).split("\n")) {
      result.add(MAPPER.readTree(l));
    }
    result.sort(java.util.Comparator.comparingInt(n -> n.get("id").asInt()));
    return result;
  }

  @Test
  void discoverListAndTypedCall() throws Exception {
    List<JsonNode> out =
        runInProcess(
            line(1, "server/discover", "")
                + line(2, "tools/list", "")
                + line(3, "tools/call", "\"name\":\"forecast\",\"arguments\":{\"city\":\"Oslo\",\"days\":2}")
                + line(4, "tools/call", "\"name\":\"forecast\",\"arguments\":{\"city\":\"Oslo\"}"));
    org.junit.jupiter.api.Assertions.assertEquals(4, out.size(), out::toString);
    assertEquals("mcpkit-stdio-example",
        out.get(0).get("result").get("_meta").get("io.modelcontextprotocol/serverInfo").get("name").asText());
    assertEquals(
        MAPPER.readTree(
            "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\",\"description\":\"City name\"},"
                + "\"days\":{\"type\":\"integer\",\"description\":\"Days ahead, 1-7\"}},"
                + "\"required\":[\"city\",\"days\"],\"additionalProperties\":false}"),
        out.get(1).get("result").get("tools").get(0).get("inputSchema"));
    assertEquals(
        "Forecast for Oslo, next 2 day(s): sunny, 21°C",
        out.get(2).get("result").get("content").get(0).get("text").asText());
    assertEquals(true, out.get(3).get("result").get("isError").asBoolean());
    assertEquals(
        "Invalid arguments for tool 'forecast': missing required argument 'days'",
        out.get(3).get("result").get("content").get(0).get("text").asText());
  }

  @Test
  void inputRequiredRoundTripThroughARealProcess() throws Exception {
    String javaBin = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    Process p =
        new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"), StdioExample.class.getName())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      OutputStream stdin = p.getOutputStream();
      BufferedReader stdout = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      stdin.write(line(1, "tools/call", "\"name\":\"greet\"").getBytes(StandardCharsets.UTF_8));
      stdin.flush();
      JsonNode first = MAPPER.readTree(stdout.readLine());
      assertEquals("input_required", first.get("result").get("resultType").asText());
      assertEquals(
          "elicitation/create", first.get("result").get("inputRequests").get("name").get("method").asText());
      String state = first.get("result").get("requestState").asText();
      stdin.write(
          line(2, "tools/call",
                  "\"name\":\"greet\",\"requestState\":\"" + state + "\",\"inputResponses\":{\"name\":"
                      + "{\"action\":\"accept\",\"content\":{\"name\":\"Ada\"}}}")
              .getBytes(StandardCharsets.UTF_8));
      stdin.flush();
      JsonNode second = MAPPER.readTree(stdout.readLine());
      assertEquals(2, second.get("id").asInt());
      assertEquals("Hello, Ada!", second.get("result").get("content").get(0).get("text").asText());
      stdin.close();
      assertEquals(true, p.waitFor(20, TimeUnit.SECONDS), "process exits on stdin EOF");
      assertEquals(0, p.exitValue());
    } finally {
      p.destroyForcibly();
    }
  }
}
