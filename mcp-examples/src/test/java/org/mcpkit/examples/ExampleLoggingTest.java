package org.mcpkit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a newcomer sees when an HTTP example starts (stdout and stderr together, as in a terminal):
 * the server's own line with the URL comes first, no container banner before it; asked for the
 * containers' INFO lines, Undertow's, XNIO's and Tomcat's start-up lines arrive in the examples'
 * one SLF4J format, not java.util.logging's two-line default.
 */
class ExampleLoggingTest {
  /** {@code HH:mm:ss.SSS [thread] LEVEL logger - message}, from simplelogger.properties. */
  private static final Pattern ONE_FORMAT =
      Pattern.compile("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} \\[[^\\]]+\\] (TRACE|DEBUG|INFO|WARN|ERROR) [\\w.$]+ - .*");

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {
      "org.mcpkit.examples.hello.HelloUndertow",
      "org.mcpkit.examples.hello.HelloTomcat",
      "org.mcpkit.examples.features.FeatureTour",
      "org.mcpkit.examples.servlet.FeatureTourServlet"})
  void theFirstLineIsTheServersUrl(String mainClass) throws Exception {
    List<String> lines = linesUntilUrl(mainClass, List.of());
    assertEquals(1, lines.size(), () -> "lines before the URL: " + lines);
    assertTrue(lines.get(0).matches("MCP (server|feature tour( \\(servlet\\))?) listening at http://127\\.0\\.0\\.1:\\d+/mcp.*"),
        lines.get(0));
  }

  @Test
  void undertowAndXnioLinesUseTheOneFormat() throws Exception {
    List<String> lines = linesUntilUrl("org.mcpkit.examples.hello.HelloUndertow",
        List.of("-Dorg.slf4j.simpleLogger.log.io.undertow=info", "-Dorg.slf4j.simpleLogger.log.org.xnio=info"));
    assertOneFormat(lines.subList(0, lines.size() - 1));
    assertTrue(lines.get(0).endsWith(" [main] INFO io.undertow - starting server: Undertow - 2.4.4.Final"), lines::toString);
    assertTrue(lines.stream().anyMatch(l -> l.endsWith(" [main] INFO org.xnio - XNIO version 3.8.16.Final")),
        lines::toString);
  }

  @Test
  void tomcatLinesUseTheOneFormat() throws Exception {
    List<String> lines = linesUntilUrl("org.mcpkit.examples.hello.HelloTomcat",
        List.of("-Dorg.slf4j.simpleLogger.log.org.apache.catalina=info"));
    assertOneFormat(lines.subList(0, lines.size() - 1));
    assertTrue(lines.stream().anyMatch(l -> l.endsWith(
            " [main] INFO org.apache.catalina.core.StandardEngine - Starting Servlet engine: [Apache Tomcat/11.0.27]")),
        lines::toString);
  }

  private static void assertOneFormat(List<String> lines) {
    assertTrue(!lines.isEmpty(), "the container logged at INFO");
    for (String line : lines) {
      assertTrue(ONE_FORMAT.matcher(line).matches(), () -> "not in the one format: " + line + "\nall: " + lines);
    }
  }

  /** Starts {@code mainClass} on port 0 and returns its output up to and including the URL line. */
  private List<String> linesUntilUrl(String mainClass, List<String> jvmArgs) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
    cmd.addAll(jvmArgs);
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().keySet().removeIf(k -> k.startsWith("MCP_"));
    pb.environment().putAll(Map.of("MCP_HOST", "127.0.0.1", "MCP_PORT", "0", "MCP_DATA_DIR", dir.toString()));
    Process p = pb.start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      return CompletableFuture.supplyAsync(() -> {
        List<String> lines = new ArrayList<>();
        try {
          for (String line = out.readLine(); line != null; line = out.readLine()) {
            lines.add(line);
            if (line.contains(" listening at ")) {
              return lines;
            }
          }
        } catch (IOException e) {
          lines.add("(read failed: " + e + ")");
        }
        throw new AssertionError("exited before printing its URL: " + lines);
      }).get(60, TimeUnit.SECONDS);
    } finally {
      p.destroy();
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
  }
}
