package org.mcpkit.examples.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.mcpkit.auth.contract.AuthorizationServer;
import org.mcpkit.examples.features.AuthConfig;
import org.mcpkit.examples.features.FeatureTour;
import org.mcpkit.server.McpServer;
import org.mcpkit.server.http.HttpEndpointOptions;
import org.mcpkit.transport.undertow.UndertowMcpServer;

/**
 * Runs {@code deploy/smoke.sh} against the feature tour on loopback: every check passes on a healthy
 * server (with and without OAuth), and the script fails, line by line, where nothing answers.
 */
class SmokeScriptTest {
  private static final Path SCRIPT = Path.of(System.getProperty("user.dir")).resolve("../deploy/smoke.sh").normalize();

  /** The script's output lines and exit status. */
  private record Run(int exit, List<String> lines) {
    List<String> checks() {
      // "ok    discover-2026      200, ..." -> "ok discover-2026"
      return lines.stream().filter(l -> !l.startsWith("smoke:"))
          .map(l -> String.join(" ", Arrays.asList(l.trim().split(" +")).subList(0, 2))).toList();
    }
  }

  private static Run smoke(String url, Map<String, String> env) throws Exception {
    assertTrue(Files.isRegularFile(SCRIPT), SCRIPT.toString());
    ProcessBuilder pb = new ProcessBuilder("bash", SCRIPT.toString(), url).redirectErrorStream(true);
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), out);
    return new Run(p.exitValue(), out.lines().toList());
  }

  private static UndertowMcpServer tour(McpServer server, int port) {
    return UndertowMcpServer.builder(server).port(port)
        .options(HttpEndpointOptions.builder().keepAlive(Duration.ofSeconds(2)).build())
        .build().start();
  }

  private static final List<String> CHECKS = List.of(
      "ok discover-2026", "ok initialize-2025", "ok tool-call", "ok get-stream-2025",
      "ok listen-first-byte", "ok listen-keepalive", "ok foreign-origin");

  @Test
  void everyCheckPassesOnTheTour() throws Exception {
    McpServer server = FeatureTour.create(FeatureTour.sampleNotes());
    try (UndertowMcpServer http = tour(server, 0)) {
      Run run = smoke(http.url(), Map.of("SMOKE_KEEPALIVE", "2"));
      assertEquals(0, run.exit(), String.join("\n", run.lines()));
      List<String> expected = new java.util.ArrayList<>(List.of("skip auth"));
      expected.addAll(CHECKS);
      assertEquals(expected, run.checks());
      assertEquals("smoke: 7 ok, 0 failed", run.lines().get(run.lines().size() - 1));
      String call = run.lines().stream().filter(l -> l.contains("tool-call")).findFirst().orElseThrow();
      assertTrue(call.matches("ok +tool-call +weather: Oslo: sunny, 21°C for 1 day\\(s\\)"), call);
    } finally {
      server.close();
    }
  }

  @Test
  void withOAuthTheMetadataIsCheckedAndATokenIsNeeded() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String publicUrl = "http://127.0.0.1:" + port + "/mcp";
    try (AuthorizationServer as = new AuthorizationServer()) {
      AuthConfig auth = AuthConfig.fromEnv(Map.of("MCP_AUTH_ISSUER", as.issuer().toString(), "MCP_PUBLIC_URL", publicUrl));
      McpServer server = FeatureTour.create(FeatureTour.sampleNotes());
      try (UndertowMcpServer http = UndertowMcpServer.builder(server).port(port)
          .options(HttpEndpointOptions.builder().keepAlive(Duration.ofSeconds(2)).build())
          .resourceServer(auth.resourceServer().orElseThrow()).build().start()) {
        Run without = smoke(http.url(), Map.of("SMOKE_KEEPALIVE", "2"));
        assertEquals(1, without.exit(), String.join("\n", without.lines()));
        assertEquals(List.of("ok auth", "FAIL token"), without.checks());
        assertEquals("ok    auth               401 without a token; metadata at "
            + "http://127.0.0.1:" + port + "/.well-known/oauth-protected-resource/mcp names " + publicUrl, without.lines().get(0));

        Run with = smoke(http.url(), Map.of("SMOKE_KEEPALIVE", "2", "SMOKE_TOKEN", as.token("smoke", publicUrl, "mcp")));
        assertEquals(0, with.exit(), String.join("\n", with.lines()));
        List<String> expected = new java.util.ArrayList<>(List.of("ok auth"));
        expected.addAll(CHECKS);
        assertEquals(expected, with.checks());
      } finally {
        server.close();
      }
    }
  }

  @Test
  void failsCheckByCheckWhereNothingAnswers() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Run run = smoke("http://127.0.0.1:" + port + "/mcp", Map.of("SMOKE_KEEPALIVE", "1"));
    assertEquals(1, run.exit());
    assertEquals(List.of("FAIL auth", "FAIL discover-2026", "FAIL initialize-2025", "FAIL tool-call", "skip get-stream-2025",
        "FAIL listen-first-byte", "FAIL listen-keepalive", "FAIL foreign-origin"), run.checks());
    assertEquals("smoke: 0 ok, 7 failed", run.lines().get(run.lines().size() - 1));
  }

  @Test
  void badUsageIsExitStatusTwo() throws Exception {
    Run run = smoke("", Map.of());
    assertEquals(2, run.exit());
    assertTrue(run.lines().get(0).startsWith("usage: "), run.lines().get(0));
  }
}
