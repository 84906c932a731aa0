package org.mcpkit.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * AWS KMS {@code Encrypt}/{@code Decrypt} (AWS JSON 1.1, {@code TrentService.*}) on 127.0.0.1:
 * ciphertexts are random handles to the plaintext and encryption context they were made with;
 * {@code Decrypt} with another context is {@code InvalidCiphertextException}, as in KMS. Records
 * every request body (to check what reaches KMS and its logs).
 */
final class FakeKms implements AutoCloseable {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  static final String KEY_ARN = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
  final List<String> requests = new CopyOnWriteArrayList<>();
  private final Map<String, JsonNode[]> blobs = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();
  private final HttpServer server;
  private final ExecutorService pool = Executors.newFixedThreadPool(2);

  FakeKms() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(pool);
    server.start();
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String target = ex.getRequestHeaders().getFirst("X-Amz-Target");
      byte[] raw = ex.getRequestBody().readAllBytes();
      requests.add(target + " " + new String(raw, java.nio.charset.StandardCharsets.UTF_8));
      JsonNode req = MAPPER.readTree(raw);
      if ("TrentService.Encrypt".equals(target)) {
        byte[] handle = new byte[24];
        random.nextBytes(handle);
        String blob = Base64.getEncoder().encodeToString(handle);
        blobs.put(blob, new JsonNode[] {req.get("Plaintext"), req.get("EncryptionContext")});
        answer(ex, 200, Map.of("CiphertextBlob", blob, "KeyId", KEY_ARN, "EncryptionAlgorithm", "SYMMETRIC_DEFAULT"));
      } else if ("TrentService.Decrypt".equals(target)) {
        JsonNode[] kept = blobs.get(req.path("CiphertextBlob").asText());
        if (kept == null || !kept[1].equals(req.get("EncryptionContext"))) {
          answer(ex, 400, Map.of("__type", "InvalidCiphertextException", "message", ""));
          return;
        }
        answer(ex, 200, Map.of("Plaintext", kept[0].asText(), "KeyId", KEY_ARN, "EncryptionAlgorithm", "SYMMETRIC_DEFAULT"));
      } else {
        answer(ex, 400, Map.of("__type", "UnsupportedOperationException", "message", "not faked"));
      }
    }
  }

  private static void answer(HttpExchange ex, int status, Map<String, Object> body) throws IOException {
    byte[] bytes = MAPPER.writeValueAsBytes(body);
    ex.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
    ex.sendResponseHeaders(status, bytes.length);
    ex.getResponseBody().write(bytes);
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }
}
