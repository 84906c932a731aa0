package org.mcpkit.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * AWS Secrets Manager's {@code GetSecretValue} on 127.0.0.1, port 0, in the AWS JSON 1.1 protocol:
 * {@code POST /} with {@code X-Amz-Target: secretsmanager.GetSecretValue} and {@code {"SecretId":
 * ...}}; answers the secret's current string, {@code ResourceNotFoundException} for an unknown one,
 * or a 500 {@code InternalServiceError} while {@link #failing} is set. Records each request's
 * target and {@code Authorization} header.
 */
final class FakeSecretsManager implements AutoCloseable {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  final Map<String, String> secrets = new ConcurrentHashMap<>();
  final List<String> targets = new CopyOnWriteArrayList<>();
  final List<String> authorizations = new CopyOnWriteArrayList<>();
  final AtomicInteger failing = new AtomicInteger();
  private final AtomicInteger versions = new AtomicInteger();
  private final HttpServer server;
  private final ExecutorService pool = Executors.newFixedThreadPool(2);

  FakeSecretsManager() throws IOException {
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
      targets.add(String.valueOf(ex.getRequestHeaders().getFirst("X-Amz-Target")));
      authorizations.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
      JsonNode request = MAPPER.readTree(ex.getRequestBody().readAllBytes());
      if (failing.get() != 0) {
        answer(ex, failing.get(), Map.of("__type", "InternalServiceError", "message", "the fake is failing"));
        return;
      }
      if (!"secretsmanager.GetSecretValue".equals(ex.getRequestHeaders().getFirst("X-Amz-Target"))) {
        answer(ex, 400, Map.of("__type", "InvalidRequestException", "message", "unsupported target"));
        return;
      }
      String id = request.path("SecretId").asText();
      String value = secrets.get(id);
      if (value == null) {
        answer(ex, 400, Map.of("__type", "ResourceNotFoundException", "message", "Secrets Manager can't find the specified secret."));
        return;
      }
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("ARN", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:" + id + "-AbCdEf");
      body.put("Name", id);
      body.put("VersionId", "v" + versions.incrementAndGet());
      body.put("SecretString", value);
      body.put("VersionStages", List.of("AWSCURRENT"));
      body.put("CreatedDate", 1.7646E9);
      answer(ex, 200, body);
    }
  }

  private static void answer(HttpExchange ex, int status, Map<String, Object> body) throws IOException {
    byte[] bytes = MAPPER.writeValueAsBytes(body);
    ex.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
    ex.getResponseHeaders().set("x-amzn-RequestId", "req-" + System.nanoTime());
    ex.sendResponseHeaders(status, bytes.length);
    ex.getResponseBody().write(bytes);
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }
}
