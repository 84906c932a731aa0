package org.mcpkit.transport.undertow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcpkit.testing.ContractServer;
import org.mcpkit.testing.SseReader;

/** HTTPS from a PKCS12 file, and a certificate reload that new handshakes see while an old stream lives on. */
class UndertowTlsTest {
  private static final char[] PASSWORD = "changeit".toCharArray();
  private static final String META =
      "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\",\"io.modelcontextprotocol/clientCapabilities\":{}}";

  @TempDir Path dir;

  private Path keystore(String name) throws Exception {
    Path file = dir.resolve(name + ".p12");
    String keytool = System.getProperty("java.home") + File.separator + "bin" + File.separator + "keytool";
    Process p =
        new ProcessBuilder(
                keytool, "-genkeypair", "-alias", "mcp", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=" + name, "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", file.toString(),
                "-storepass", "changeit", "-keypass", "changeit")
            .redirectErrorStream(true)
            .start();
    p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue());
    return file;
  }

  private static Certificate cert(Path p12) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(p12)) {
      ks.load(in, PASSWORD);
    }
    return ks.getCertificate("mcp");
  }

  private static HttpClient trusting(Certificate... certs) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    for (int i = 0; i < certs.length; i++) {
      trust.setCertificateEntry("c" + i, certs[i]);
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return HttpClient.newBuilder().sslContext(ctx).build();
  }

  private static HttpRequest.Builder post(URI uri, String method, String body) {
    return HttpRequest.newBuilder(uri)
        .header("Content-Type", "application/json")
        .header("Accept", "application/json, text/event-stream")
        .header("MCP-Protocol-Version", "2026-07-28")
        .header("Mcp-Method", method)
        .POST(HttpRequest.BodyPublishers.ofString(body));
  }

  @Test
  void httpsFromPemFiles() throws Exception {
    Path ks = keystore("pem");
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(ks)) {
      store.load(in, PASSWORD);
    }
    java.util.Base64.Encoder b64 = java.util.Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    Path certPem = dir.resolve("cert.pem");
    Path keyPem = dir.resolve("key.pem");
    Files.writeString(certPem,
        "-----BEGIN CERTIFICATE-----\n" + b64.encodeToString(cert(ks).getEncoded()) + "\n-----END CERTIFICATE-----\n");
    Files.writeString(keyPem,
        "-----BEGIN PRIVATE KEY-----\n" + b64.encodeToString(store.getKey("mcp", PASSWORD).getEncoded())
            + "\n-----END PRIVATE KEY-----\n");
    ContractServer fixture = new ContractServer();
    try (UndertowMcpServer server =
        UndertowMcpServer.builder(fixture.server).httpsPem(certPem, keyPem).build().start()) {
      HttpResponse<String> r =
          trusting(cert(ks)).send(
              post(URI.create(server.url()), "tools/list",
                      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{" + META + "}}")
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(200, r.statusCode());
      assertArrayEquals(cert(ks).getEncoded(), r.sslSession().orElseThrow().getPeerCertificates()[0].getEncoded());
    } finally {
      fixture.server.close();
    }
  }

  @Test
  void httpsFromAUserSuppliedSslContext() throws Exception {
    Path ks = keystore("context");
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(ks)) {
      store.load(in, PASSWORD);
    }
    javax.net.ssl.KeyManagerFactory kmf =
        javax.net.ssl.KeyManagerFactory.getInstance(javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(store, PASSWORD);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(kmf.getKeyManagers(), null, null);
    ContractServer fixture = new ContractServer();
    try (UndertowMcpServer server = UndertowMcpServer.builder(fixture.server).https(context).build().start()) {
      URI uri = URI.create(server.url());
      assertEquals("https", uri.getScheme());
      assertEquals("127.0.0.1", uri.getHost());
      HttpResponse<String> r =
          trusting(cert(ks)).send(
              post(uri, "tools/list", "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/list\",\"params\":{" + META + "}}")
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(200, r.statusCode());
      assertEquals(7, new ObjectMapper().readTree(r.body()).get("id").asInt());
      assertArrayEquals(cert(ks).getEncoded(), r.sslSession().orElseThrow().getPeerCertificates()[0].getEncoded());
      HttpResponse<String> health =
          trusting(cert(ks)).send(
              HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.port() + "/healthz")).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(200, health.statusCode());
      assertEquals("ok", health.body());
      assertEquals("TLS from files is not configured",
          org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, server::reloadCertificates).getMessage(),
          "a supplied context is the caller's to rotate");
      boolean refused;
      try {
        HttpClient.newHttpClient().send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/healthz"))
                .timeout(java.time.Duration.ofSeconds(10)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
        refused = false;
      } catch (java.io.IOException e) {
        refused = true;
      }
      assertTrue(refused, "plain HTTP on the TLS port gets no answer");
    } finally {
      fixture.server.close();
    }
  }

  @Test
  void http2OverTls() throws Exception {
    Path ks = keystore("h2");
    ContractServer fixture = new ContractServer();
    try (UndertowMcpServer server =
        UndertowMcpServer.builder(fixture.server).httpsPkcs12(ks, PASSWORD).http2(true).build().start()) {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("c", cert(ks));
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, tmf.getTrustManagers(), null);
      HttpClient client = HttpClient.newBuilder().sslContext(ctx).version(HttpClient.Version.HTTP_2).build();
      HttpResponse<String> r =
          client.send(
              post(URI.create(server.url()), "tools/list",
                      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{" + META + "}}")
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(200, r.statusCode());
      assertEquals(HttpClient.Version.HTTP_2, r.version());
    } finally {
      fixture.server.close();
    }
  }

  @Test
  void httpsRoundTripAndCertificateReload() throws Exception {
    Path first = keystore("first");
    Path second = keystore("second");
    Path live = dir.resolve("live.p12");
    Files.copy(first, live);
    ContractServer fixture = new ContractServer();
    fixture.server.addResource(
        org.mcpkit.server.ResourceSpec.of(
            org.mcpkit.protocol.Resource.of("test://r", "r"),
            (ctx, u, vars) -> new org.mcpkit.protocol.ReadResourceResult(
                java.util.List.of(new org.mcpkit.protocol.TextResourceContents(u, "text/plain", "r", null)), null)));
    try (UndertowMcpServer server =
        UndertowMcpServer.builder(fixture.server).httpsPkcs12(live, PASSWORD).build().start()) {
      URI uri = URI.create(server.url());
      assertEquals("https", uri.getScheme());
      HttpClient client = trusting(cert(first), cert(second));
      HttpResponse<String> r =
          client.send(post(uri, "tools/list", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{" + META + "}}").build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(200, r.statusCode());
      assertArrayEquals(cert(first).getEncoded(), r.sslSession().orElseThrow().getPeerCertificates()[0].getEncoded());

      HttpResponse<InputStream> listen =
          client.send(
              post(uri, "subscriptions/listen",
                      "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"subscriptions/listen\",\"params\":{\"notifications\":"
                          + "{\"resourceSubscriptions\":[\"test://r\"]}," + META + "}}")
                  .build(),
              HttpResponse.BodyHandlers.ofInputStream());
      try (SseReader sse = new SseReader(listen.body())) {
        assertEquals("notifications/subscriptions/acknowledged", new ObjectMapper().readTree(sse.nextEvent(10)).get("method").asText());

        Files.copy(second, live, StandardCopyOption.REPLACE_EXISTING);
        assertTrue(server.reloadCertificates());
        HttpClient fresh = trusting(cert(first), cert(second));
        HttpResponse<String> after =
            fresh.send(post(uri, "tools/list", "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/list\",\"params\":{" + META + "}}").build(),
                HttpResponse.BodyHandlers.ofString());
        assertArrayEquals(cert(second).getEncoded(), after.sslSession().orElseThrow().getPeerCertificates()[0].getEncoded());

        fixture.server.notifyResourceUpdated("test://r");
        assertEquals("notifications/resources/updated", new ObjectMapper().readTree(sse.nextEvent(10)).get("method").asText(),
            "the stream opened before the reload lives on");

        Files.writeString(live, "not a keystore");
        assertFalse(server.reloadCertificates());
        HttpResponse<String> still =
            trusting(cert(first), cert(second)).send(
                post(uri, "tools/list", "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/list\",\"params\":{" + META + "}}").build(),
                HttpResponse.BodyHandlers.ofString());
        assertArrayEquals(cert(second).getEncoded(), still.sslSession().orElseThrow().getPeerCertificates()[0].getEncoded());
      }
    } finally {
      fixture.server.close();
    }
  }
}
