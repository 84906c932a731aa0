package org.mcpkit.testing;

import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import org.mcpkit.server.http.McpHttpEndpoint;

/**
 * An {@link HttpClient} that needs no network: each request becomes a {@link FakeHttpExchange}
 * served by the endpoint in memory. Lets the transport contract kit run against the core alone.
 */
public final class InMemoryHttpClient extends HttpClient {
  private final McpHttpEndpoint endpoint;

  /** A client for the endpoint. */
  public InMemoryHttpClient(McpHttpEndpoint endpoint) {
    this.endpoint = endpoint;
  }

  @Override
  public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
      throws IOException, InterruptedException {
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.putAll(request.headers().map());
    headers.putIfAbsent("Host", List.of(request.uri().getAuthority()));
    byte[] body = body(request);
    if (body.length > 0) {
      headers.put("Content-Length", List.of(Integer.toString(body.length)));
    }
    FakeHttpExchange exchange =
        new FakeHttpExchange(
            request.method(),
            request.uri().getRawPath() + (request.uri().getRawQuery() == null ? "" : "?" + request.uri().getRawQuery()),
            headers,
            body);
    endpoint.service(exchange);
    long timeout = request.timeout().orElse(Duration.ofSeconds(30)).toMillis();
    FakeHttpExchange.Head head;
    try {
      head = exchange.head.get(timeout, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new HttpTimeoutException("request timed out");
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IOException(e.getCause());
    }
    HttpHeaders responseHeaders = HttpHeaders.of(head.headers(), (a, b) -> true);
    HttpResponse.BodySubscriber<T> subscriber =
        handler.apply(
            new HttpResponse.ResponseInfo() {
              @Override
              public int statusCode() {
                return head.status();
              }

              @Override
              public HttpHeaders headers() {
                return responseHeaders;
              }

              @Override
              public Version version() {
                return Version.HTTP_1_1;
              }
            });
    exchange.subscribe(subscriber);
    T value;
    try {
      value = subscriber.getBody().toCompletableFuture().get(timeout, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new HttpTimeoutException("request timed out");
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IOException(e.getCause());
    }
    return new Response<>(request, head.status(), responseHeaders, value);
  }

  private static byte[] body(HttpRequest request) throws IOException {
    if (request.bodyPublisher().isEmpty()) {
      return new byte[0];
    }
    CompletableFuture<byte[]> result = new CompletableFuture<>();
    request.bodyPublisher().get().subscribe(
        new Flow.Subscriber<ByteBuffer>() {
          private final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();

          @Override
          public void onSubscribe(Flow.Subscription s) {
            s.request(Long.MAX_VALUE);
          }

          @Override
          public void onNext(ByteBuffer item) {
            byte[] b = new byte[item.remaining()];
            item.get(b);
            out.write(b, 0, b.length);
          }

          @Override
          public void onError(Throwable t) {
            result.completeExceptionally(t);
          }

          @Override
          public void onComplete() {
            result.complete(out.toByteArray());
          }
        });
    try {
      return result.get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IOException(e);
    }
  }

  private record Response<T>(HttpRequest request, int statusCode, HttpHeaders headers, T body)
      implements HttpResponse<T> {
    @Override
    public Optional<HttpResponse<T>> previousResponse() {
      return Optional.empty();
    }

    @Override
    public Optional<SSLSession> sslSession() {
      return Optional.empty();
    }

    @Override
    public java.net.URI uri() {
      return request.uri();
    }

    @Override
    public Version version() {
      return Version.HTTP_1_1;
    }
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(
      HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return send(request, handler);
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
          }
        });
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(
      HttpRequest request,
      HttpResponse.BodyHandler<T> handler,
      HttpResponse.PushPromiseHandler<T> push) {
    return sendAsync(request, handler);
  }

  @Override
  public Optional<CookieHandler> cookieHandler() {
    return Optional.empty();
  }

  @Override
  public Optional<Duration> connectTimeout() {
    return Optional.empty();
  }

  @Override
  public Redirect followRedirects() {
    return Redirect.NEVER;
  }

  @Override
  public Optional<ProxySelector> proxy() {
    return Optional.empty();
  }

  @Override
  public SSLContext sslContext() {
    return null;
  }

  @Override
  public SSLParameters sslParameters() {
    return new SSLParameters();
  }

  @Override
  public Optional<Authenticator> authenticator() {
    return Optional.empty();
  }

  @Override
  public Version version() {
    return Version.HTTP_1_1;
  }

  @Override
  public Optional<Executor> executor() {
    return Optional.empty();
  }
}
