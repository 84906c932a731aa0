package org.mcpkit.auth.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * GETs small JSON documents (discovery metadata, key sets) with java.net.http: bounded connect and
 * request timeouts, at most {@link #MAX_BYTES}, only a 200 answer. Thread-safe.
 */
public final class Fetcher {
  /** Larger documents are refused. */
  public static final int MAX_BYTES = 512 * 1024;

  private final HttpClient client;
  private final Duration timeout;

  /** A fetcher whose connects and requests each take at most {@code timeout}. */
  public Fetcher(Duration timeout) {
    this.timeout = timeout;
    this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
  }

  /** The body of a 200 answer to a GET of {@code uri}. */
  public byte[] get(URI uri) throws IOException {
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json").GET().build();
    HttpResponse<InputStream> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    try (InputStream in = response.body()) {
      if (response.statusCode() != 200) {
        throw new IOException("HTTP " + response.statusCode() + " from " + uri);
      }
      byte[] body = in.readNBytes(MAX_BYTES + 1);
      if (body.length > MAX_BYTES) {
        throw new IOException("document larger than " + MAX_BYTES + " bytes at " + uri);
      }
      return body;
    }
  }
}
