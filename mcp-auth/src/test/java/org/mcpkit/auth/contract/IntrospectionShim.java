package org.mcpkit.auth.contract;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A loopback HTTP front for mock-oauth2-server's introspection endpoint: forwards each POST (form
 * and {@code Authorization} header unchanged) and records what it was sent. It repairs two things
 * mock-oauth2-server 2.3.0 answers unlike RFC 7662 (it writes {@code aud} as one string {@code
 * "[a, b]"} and absent claims as the string {@code "null"}, and leaves {@code exp} out): {@code aud}
 * becomes an array, {@code "null"} members go, and {@code exp} is the token's own. A test can make
 * it fail ({@link #status}) or answer a fixed body ({@link #fixed}).
 */
public final class IntrospectionShim implements AutoCloseable {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  /** Requests received. */
  public final AtomicInteger calls = new AtomicInteger();
  /** Their {@code Authorization} headers. */
  public final List<String> authorizations = new CopyOnWriteArrayList<>();
  /** Their forms. */
  public final List<String> forms = new CopyOnWriteArrayList<>();
  /** Non-zero: answer this status with an empty body instead of forwarding. */
  public final AtomicInteger status = new AtomicInteger();
  /** Non-null: answer this JSON instead of forwarding. */
  public final AtomicReference<String> fixed = new AtomicReference<>();
  private final URI upstream;
  private final HttpServer server;
  private final ExecutorService pool = Executors.newFixedThreadPool(4);
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** Starts a front for {@code upstream}. */
  public IntrospectionShim(URI upstream) throws IOException {
    this.upstream = upstream;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/introspect", this::handle);
    server.setExecutor(pool);
    server.start();
  }

  /** Where to introspect. */
  public URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/introspect");
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      calls.incrementAndGet();
      String form = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String auth = ex.getRequestHeaders().getFirst("Authorization");
      authorizations.add(auth == null ? "" : auth);
      forms.add(form);
      if (status.get() != 0) {
        ex.sendResponseHeaders(status.get(), -1);
        return;
      }
      byte[] body;
      if (fixed.get() != null) {
        body = fixed.get().getBytes(StandardCharsets.UTF_8);
      } else {
        HttpRequest.Builder r = HttpRequest.newBuilder(upstream).timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form));
        if (auth != null) {
          r.header("Authorization", auth);
        }
        HttpResponse<String> answer = http.send(r.build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
          ex.sendResponseHeaders(answer.statusCode(), -1);
          return;
        }
        body = MAPPER.writeValueAsBytes(repair((ObjectNode) MAPPER.readTree(answer.body()), form));
      }
      ex.getResponseHeaders().set("Content-Type", "application/json");
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      ex.sendResponseHeaders(502, -1);
    }
  }

  private static ObjectNode repair(ObjectNode answer, String form) throws Exception {
    for (Iterator<Map.Entry<String, com.fasterxml.jackson.databind.JsonNode>> it = answer.fields(); it.hasNext(); ) {
      if ("null".equals(it.next().getValue().asText(null))) {
        it.remove();
      }
    }
    String aud = answer.path("aud").asText("");
    if (aud.startsWith("[") && aud.endsWith("]")) {
      answer.putArray("aud").addAll(List.of(aud.substring(1, aud.length() - 1).split(", ")).stream()
          .map(answer::textNode).toList());
    }
    if (answer.path("active").asBoolean()) {
      String token = null;
      for (String pair : form.split("&")) {
        if (pair.startsWith("token=")) {
          token = URLDecoder.decode(pair.substring(6), StandardCharsets.UTF_8);
        }
      }
      answer.put("exp", SignedJWT.parse(token).getJWTClaimsSet().getExpirationTime().toInstant().getEpochSecond());
    }
    return answer;
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }
}
