package org.mcpkit.transport.undertow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcpkit.testing.ContractServer;
import org.mcpkit.testing.SseReader;

/**
 * A certbot renewal under a running server: {@code live/<name>/fullchain.pem} and {@code privkey.pem}
 * are symbolic links into {@code archive/<name>/}; a renewal writes {@code fullchain2.pem} and
 * {@code privkey2.pem} there and repoints each link atomically, one after the other. New handshakes
 * must present the new certificate while a stream opened before stays up.
 */
class UndertowCertbotReloadTest {
  private static final String META =
      "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\",\"io.modelcontextprotocol/clientCapabilities\":{}}";
  private static final Base64.Encoder PEM = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));

  @TempDir Path dir;
  /** The archive both generations live in, made once (keytool is slow): tests only read it. */
  @TempDir static Path shared;
  private static Generation first;
  private static Generation second;

  @org.junit.jupiter.api.BeforeAll
  static void generations() throws Exception {
    first = generation(shared, 1);
    second = generation(shared, 2);
  }

  /** One certificate generation: the certificate, and the archive files certbot would write. */
  private record Generation(Certificate cert, Path fullchain, Path privkey) {}

  private static Generation generation(Path dir, int n) throws Exception {
    Path p12 = dir.resolve("gen" + n + ".p12");
    String keytool = System.getProperty("java.home") + File.separator + "bin" + File.separator + "keytool";
    Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "mcp", "-keyalg", "EC", "-groupname", "secp256r1",
            "-dname", "CN=renewal-" + n, "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2",
            "-storetype", "PKCS12", "-keystore", p12.toString(), "-storepass", "changeit", "-keypass", "changeit")
        .redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue());
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(p12)) {
      ks.load(in, "changeit".toCharArray());
    }
    Certificate cert = ks.getCertificate("mcp");
    Path archive = Files.createDirectories(dir.resolve("archive/mcp.example"));
    Path fullchain = archive.resolve("fullchain" + n + ".pem");
    Path privkey = archive.resolve("privkey" + n + ".pem");
    Files.writeString(fullchain, "-----BEGIN CERTIFICATE-----\n" + PEM.encodeToString(cert.getEncoded()) + "\n-----END CERTIFICATE-----\n");
    Files.writeString(privkey, "-----BEGIN PRIVATE KEY-----\n"
        + PEM.encodeToString(ks.getKey("mcp", "changeit".toCharArray()).getEncoded()) + "\n-----END PRIVATE KEY-----\n");
    return new Generation(cert, fullchain, privkey);
  }

  /** Points {@code link} at {@code target} the way certbot does: a new link under a temporary name, renamed over the old. */
  private static void repoint(Path link, Path target) throws Exception {
    Path tmp = link.resolveSibling(link.getFileName() + ".new");
    Files.createSymbolicLink(tmp, link.getParent().relativize(target));
    Files.move(tmp, link, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private Path live(String name) throws Exception {
    return Files.createDirectories(dir.resolve("live/mcp.example")).resolve(name);
  }

  /** The leaf certificate a brand-new client (no pooled connection, no TLS session) is shown. */
  private static byte[] presented(URI uri, Certificate... trusted) throws Exception {
    HttpResponse<String> r = client(trusted).send(
        HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + uri.getPort() + "/healthz")).timeout(Duration.ofSeconds(10)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode());
    return r.sslSession().orElseThrow().getPeerCertificates()[0].getEncoded();
  }

  private static HttpClient client(Certificate... trusted) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    for (int i = 0; i < trusted.length; i++) {
      trust.setCertificateEntry("c" + i, trusted[i]);
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return HttpClient.newBuilder().sslContext(ctx).build();
  }

  private static HttpResponse<InputStream> listen(HttpClient client, URI uri) throws Exception {
    return client.send(HttpRequest.newBuilder(uri)
            .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
            .header("MCP-Protocol-Version", "2026-07-28").header("Mcp-Method", "subscriptions/listen")
            .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"subscriptions/listen\",\"params\":{"
                + "\"notifications\":{\"resourceSubscriptions\":[\"test://r\"]}," + META + "}}"))
            .build(),
        HttpResponse.BodyHandlers.ofInputStream());
  }

  private static ContractServer fixture() {
    ContractServer fixture = new ContractServer();
    fixture.server.addResource(org.mcpkit.server.ResourceSpec.of(
        org.mcpkit.protocol.Resource.of("test://r", "r"),
        (ctx, u, vars) -> new org.mcpkit.protocol.ReadResourceResult(
            List.of(new org.mcpkit.protocol.TextResourceContents(u, "text/plain", "r", null)), null)));
    return fixture;
  }

  @Test
  void aRenewalIsServedToNewHandshakesWhileAnOpenStreamStaysUp() throws Exception {
    Path fullchain = live("fullchain.pem");
    Path privkey = live("privkey.pem");
    repoint(fullchain, first.fullchain());
    repoint(privkey, first.privkey());
    ContractServer fixture = fixture();
    ObjectMapper json = new ObjectMapper();
    try (UndertowMcpServer server = UndertowMcpServer.builder(fixture.server).httpsPem(fullchain, privkey).build().start()) {
      URI uri = URI.create(server.url());
      assertArrayEquals(first.cert().getEncoded(), presented(uri, first.cert(), second.cert()));
      assertFalse(server.reloadCertificatesIfChanged(), "nothing changed yet");
      HttpResponse<InputStream> stream = listen(client(first.cert(), second.cert()), uri);
      assertEquals(200, stream.statusCode());
      try (SseReader sse = new SseReader(stream.body())) {
        assertEquals("notifications/subscriptions/acknowledged", json.readTree(sse.nextEvent(10)).get("method").asText());

        repoint(fullchain, second.fullchain());
        assertFalse(server.reloadCertificatesIfChanged(), "new certificate, old key: refused, the old pair stays");
        assertArrayEquals(first.cert().getEncoded(), presented(uri, first.cert(), second.cert()));

        repoint(privkey, second.privkey());
        assertTrue(server.reloadCertificatesIfChanged(), "both links repointed");
        assertArrayEquals(second.cert().getEncoded(), presented(uri, first.cert(), second.cert()));
        assertFalse(server.reloadCertificatesIfChanged(), "loaded once");

        fixture.server.notifyResourceUpdated("test://r");
        assertEquals("notifications/resources/updated", json.readTree(sse.nextEvent(10)).get("method").asText(),
            "the stream opened under the old certificate is still up");

        Path broken = Files.writeString(dir.resolve("privkey3.pem"), "garbage, as if the disk filled up");
        repoint(privkey, broken);
        assertFalse(server.reloadCertificatesIfChanged(), "an unreadable key keeps the last good pair");
        assertArrayEquals(second.cert().getEncoded(), presented(uri, first.cert(), second.cert()));
      }
    } finally {
      fixture.server.close();
    }
  }

  @Test
  void theWatchPicksUpARenewalByItself() throws Exception {
    Path fullchain = live("fullchain.pem");
    Path privkey = live("privkey.pem");
    repoint(fullchain, first.fullchain());
    repoint(privkey, first.privkey());
    ContractServer fixture = fixture();
    try (UndertowMcpServer server = UndertowMcpServer.builder(fixture.server)
        .httpsPem(fullchain, privkey).watchCertificates(Duration.ofMillis(50)).build().start()) {
      URI uri = URI.create(server.url());
      assertArrayEquals(first.cert().getEncoded(), presented(uri, first.cert(), second.cert()));
      repoint(fullchain, second.fullchain());
      repoint(privkey, second.privkey());
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      byte[] now = presented(uri, first.cert(), second.cert());
      int handshakes = 1;
      while (!java.util.Arrays.equals(now, second.cert().getEncoded()) && System.nanoTime() < deadline && handshakes < 2000) {
        now = presented(uri, first.cert(), second.cert());
        handshakes++;
      }
      assertArrayEquals(second.cert().getEncoded(), now, "the renewed certificate within 10 s (" + handshakes + " handshakes)");
    } finally {
      fixture.server.close();
    }
  }

  @Test
  void watchingNeedsCertificateFiles() throws Exception {
    ContractServer fixture = new ContractServer();
    try {
      assertEquals("watchCertificates needs httpsPem or httpsPkcs12", assertThrows(IllegalStateException.class,
          () -> UndertowMcpServer.builder(fixture.server).watchCertificates(Duration.ofSeconds(1)).build()).getMessage());
      assertEquals("interval must be positive", assertThrows(IllegalArgumentException.class,
          () -> UndertowMcpServer.builder(fixture.server).watchCertificates(Duration.ZERO)).getMessage());
      try (UndertowMcpServer plain = UndertowMcpServer.builder(fixture.server).build().start()) {
        assertEquals("TLS from files is not configured",
            assertThrows(IllegalStateException.class, plain::reloadCertificatesIfChanged).getMessage());
      }
    } finally {
      fixture.server.close();
    }
  }

  @Test
  void aHandshakeStraddlingASwapGetsOnePair() throws Exception {
    org.mcpkit.transport.undertow.internal.ReloadingKeyManager km = new org.mcpkit.transport.undertow.internal.ReloadingKeyManager(
        org.mcpkit.transport.undertow.internal.KeyMaterial.pem(first.fullchain(), first.privkey()));
    String alias = km.chooseEngineServerAlias("EC", null, null);
    km.swap(org.mcpkit.transport.undertow.internal.KeyMaterial.pem(second.fullchain(), second.privkey()));
    assertArrayEquals(first.cert().getEncoded(), km.getCertificateChain(alias)[0].getEncoded(), "the alias chosen before the swap");
    assertEquals(first.cert().getPublicKey().getAlgorithm(), km.getPrivateKey(alias).getAlgorithm());
    String after = km.chooseEngineServerAlias("EC", null, null);
    assertArrayEquals(second.cert().getEncoded(), km.getCertificateChain(after)[0].getEncoded());
    assertFalse(alias.equals(after), alias);
    java.security.Signature sig = java.security.Signature.getInstance("SHA256withECDSA");
    sig.initSign(km.getPrivateKey(alias));
    sig.update(new byte[] {1, 2, 3});
    byte[] signed = sig.sign();
    sig.initVerify(first.cert().getPublicKey());
    sig.update(new byte[] {1, 2, 3});
    assertTrue(sig.verify(signed), "the key of the alias chosen before the swap is the first pair's");
  }

  @Test
  void aKeyThatDoesNotMatchItsCertificateIsRefused() throws Exception {
    assertEquals("the private key in privkey2.pem does not match the certificate",
        assertThrows(java.security.GeneralSecurityException.class,
            () -> org.mcpkit.transport.undertow.internal.KeyMaterial.pem(first.fullchain(), second.privkey())).getMessage());
  }
}
