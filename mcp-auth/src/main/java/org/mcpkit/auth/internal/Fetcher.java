package org.mcpkit.auth.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * GETs small JSON documents (discovery metadata, key sets) and POSTs forms (introspection) with
 * java.net.http: bounded connect and request timeouts, at most {@link #MAX_BYTES}, only a 200
 * answer, no redirects. Thread-safe.
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

  /**
   * The body of a 200 answer to a POST of the form {@code form} ({@code
   * application/x-www-form-urlencoded}) to {@code uri}, with the {@code Authorization} header
   * {@code authorization}. The exception of a failure names the status, never the form or the header.
   */
  public byte[] postForm(URI uri, String form, String authorization) throws IOException {
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout)
        .header("Accept", "application/json")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Authorization", authorization)
        .POST(HttpRequest.BodyPublishers.ofString(form))
        .build();
    return body(uri, request);
  }

  /** The body of a 200 answer to a GET of {@code uri}. */
  public byte[] get(URI uri) throws IOException {
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json").GET().build();
    return body(uri, request);
  }

  private byte[] body(URI uri, HttpRequest request) throws IOException {
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
