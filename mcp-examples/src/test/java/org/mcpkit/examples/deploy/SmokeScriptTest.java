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

  /** Starts the tour as its own JVM with {@code env}; returns it once it printed its URL (or exited). */
  private static Process tourProcess(Map<String, String> env, java.util.concurrent.BlockingQueue<String> out) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), FeatureTour.class.getName())
        .redirectErrorStream(true);
    pb.environment().put("MCP_HOST", "127.0.0.1");
    pb.environment().put("MCP_PORT", "0");
    pb.environment().putAll(env);
    Process p = pb.start();
    Thread reader = new Thread(() -> {
      try (java.io.BufferedReader r = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          out.add(line);
        }
      } catch (java.io.IOException e) {
        out.add("read failed: " + e);
      }
    }, "tour-output");
    reader.setDaemon(true);
    reader.start();
    return p;
  }

  @Test
  void theTourConfiguredFromItsEnvironmentPassesOverTls() throws Exception {
    Path dir = Files.createTempDirectory("smoke-tls");
    Path p12 = dir.resolve("tls.p12");
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    Process kt = new ProcessBuilder(keytool, "-genkeypair", "-alias", "mcp", "-keyalg", "EC", "-groupname", "secp256r1",
        "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
        "-keystore", p12.toString(), "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
    kt.getInputStream().readAllBytes();
    assertTrue(kt.waitFor(60, TimeUnit.SECONDS));
    java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
    try (java.io.InputStream in = Files.newInputStream(p12)) {
      ks.load(in, "changeit".toCharArray());
    }
    java.util.Base64.Encoder pem = java.util.Base64.getMimeEncoder(64, new byte[] {'\n'});
    Path cert = Files.writeString(dir.resolve("fullchain.pem"),
        "-----BEGIN CERTIFICATE-----\n" + pem.encodeToString(ks.getCertificate("mcp").getEncoded()) + "\n-----END CERTIFICATE-----\n");
    Path key = Files.writeString(dir.resolve("privkey.pem"), "-----BEGIN PRIVATE KEY-----\n"
        + pem.encodeToString(ks.getKey("mcp", "changeit".toCharArray()).getEncoded()) + "\n-----END PRIVATE KEY-----\n");
    java.util.concurrent.BlockingQueue<String> out = new java.util.concurrent.LinkedBlockingQueue<>();
    Process tour = tourProcess(Map.of("MCP_TLS_CERT", cert.toString(), "MCP_TLS_KEY", key.toString(), "MCP_TLS_WATCH", "1",
        "MCP_KEEPALIVE", "2", "MCP_SEALING_KEYS", "k1:0123456789abcdefghijklmnopqrstuvwxyz"), out);
    try {
      String url = null;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (url == null && System.nanoTime() < deadline) {
        String line = out.poll(1, TimeUnit.SECONDS);
        if (line != null && line.startsWith("MCP feature tour listening at ")) {
          url = line.substring("MCP feature tour listening at ".length()).replaceFirst(" .*", "");
        }
        assertTrue(line != null || tour.isAlive(), "the tour exited: " + out);
      }
      assertTrue(url != null && url.matches("https://127\\.0\\.0\\.1:\\d+/mcp"), "url " + url + ", output " + out);
      Run run = smoke(url, Map.of("SMOKE_KEEPALIVE", "2", "SMOKE_CURL_OPTS", "--cacert " + cert));
      assertEquals(0, run.exit(), String.join("\n", run.lines()));
      List<String> expected = new java.util.ArrayList<>(List.of("skip auth"));
      expected.addAll(CHECKS);
      assertEquals(expected, run.checks());
    } finally {
      tour.destroy(); // SIGTERM: the tour drains and exits 0
      assertTrue(tour.waitFor(30, TimeUnit.SECONDS));
    }
    assertEquals(0, tour.exitValue(), out.toString());
  }

  @Test
  void anInvalidDeploymentSettingStopsTheTourNamingTheVariable() throws Exception {
    java.util.concurrent.BlockingQueue<String> out = new java.util.concurrent.LinkedBlockingQueue<>();
    Process tour = tourProcess(Map.of("MCP_KEEPALIVE", "-1"), out);
    assertTrue(tour.waitFor(60, TimeUnit.SECONDS));
    assertEquals(2, tour.exitValue());
    String expected = "Invalid configuration: MCP_KEEPALIVE must be whole seconds (0-3600), got '-1'";
    List<String> seen = new java.util.ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!seen.contains(expected) && System.nanoTime() < deadline) {
      String line = out.poll(100, TimeUnit.MILLISECONDS);
      if (line != null) {
        seen.add(line);
      }
    }
    assertEquals(List.of(expected), seen.stream().filter(l -> l.startsWith("Invalid")).toList(), seen.toString());
  }
}
