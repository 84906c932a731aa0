package org.mcpkit.testing;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import org.mcpkit.transport.spi.HttpExchange;
import org.mcpkit.transport.spi.ResponseChannel;

/**
 * An in-memory {@link HttpExchange}: the request is given up front; the response status and
 * headers complete {@link #head}, and body chunks flow to a {@link Flow.Subscriber} as they are
 * written. Cancelling the subscription is the client going away.
 *
 * <p>{@link #reset()} makes an exchange new again for the same request, so a loop that serves one
 * request shape many times (the JMH benchmarks) need not build an exchange each time.
 */
public final class FakeHttpExchange implements HttpExchange {
  /** Status and headers of the response. */
  public record Head(int status, Map<String, List<String>> headers) {}

  private final String method;
  private final String path;
  private final String query;
  private final Map<String, List<String>> requestHeaders = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
  private final byte[] body;
  /** Completes when the core commits the response; {@link #reset()} replaces it with a new one. */
  public volatile CompletableFuture<Head> head = new CompletableFuture<>();
  private final ArrayDeque<Object> pending = new ArrayDeque<>();
  private final AtomicBoolean gone = new AtomicBoolean();
  private Flow.Subscriber<? super List<ByteBuffer>> subscriber;
  private volatile Runnable closeListener;
  private static final Object END = new Object();

  private final java.security.Principal principal;

  /** Creates an exchange for the given request; {@code path} may carry a {@code ?query}. */
  public FakeHttpExchange(String method, String path, Map<String, List<String>> headers, byte[] body) {
    this(method, path, headers, body, null);
  }

  /** Creates an exchange for a request the container authenticated as {@code principal}. */
  public FakeHttpExchange(
      String method, String path, Map<String, List<String>> headers, byte[] body, java.security.Principal principal) {
    this.method = method;
    int q = path.indexOf('?');
    this.path = q < 0 ? path : path.substring(0, q);
    this.query = q < 0 || q == path.length() - 1 ? null : path.substring(q + 1);
    this.requestHeaders.putAll(headers);
    this.body = body;
    this.principal = principal;
  }

  @Override
  public java.util.Optional<java.security.Principal> principal() {
    return java.util.Optional.ofNullable(principal);
  }

  @Override
  public String method() {
    return method;
  }

  @Override
  public String path() {
    return path;
  }

  @Override
  public java.util.Optional<String> query() {
    return java.util.Optional.ofNullable(query);
  }

  @Override
  public List<String> headers(String name) {
    return requestHeaders.getOrDefault(name, List.of());
  }

  @Override
  public void readBody(BodyReceiver receiver) {
    // In 8 KiB chunks, as a container delivers them; a reader that stops gets nothing more.
    for (int offset = 0; offset < body.length; offset += 8192) {
      if (!receiver.data(body, offset, Math.min(8192, body.length - offset))) {
        return;
      }
    }
    receiver.end();
  }

  @Override
  public ResponseChannel respond(int status, Map<String, String> headers) {
    Map<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach((k, v) -> h.put(k.toLowerCase(Locale.ROOT), List.of(v)));
    head.complete(new Head(status, h));
    return new ResponseChannel() {
      @Override
      public void write(byte[] chunk, WriteCallback callback) {
        if (gone.get()) {
          callback.failed(new java.io.IOException("client gone"));
          return;
        }
        deliver(chunk);
        callback.done();
      }

      @Override
      public void end() {
        deliver(END);
      }

      @Override
      public void onClose(Runnable listener) {
        closeListener = listener;
        if (gone.get()) {
          listener.run();
        }
      }
    };
  }

  /** Connects the body to a subscriber; honours its demand; chunks written before come first. */
  public void subscribe(Flow.Subscriber<? super List<ByteBuffer>> s) {
    synchronized (this) {
      subscriber = s;
    }
    s.onSubscribe(
        new Flow.Subscription() {
          @Override
          public void request(long n) {
            synchronized (FakeHttpExchange.this) {
              demand += n;
            }
            drain();
          }

          @Override
          public void cancel() {
            if (gone.compareAndSet(false, true)) {
              Runnable r = closeListener;
              if (r != null) {
                r.run();
              }
            }
          }
        });
    drain();
  }

  private long demand;
  private boolean draining;

  /**
   * Makes this exchange new again for the same request: a fresh {@link #head}, no response chunks
   * pending, no subscriber (call {@link #subscribe} again), the client connected, no close
   * listener. Call it only once the core is done with the previous response; a write to a channel
   * of that response after the reset would arrive as part of the next one.
   */
  public void reset() {
    synchronized (this) {
      if (draining) {
        throw new IllegalStateException("reset while a chunk is being delivered");
      }
      head = new CompletableFuture<>();
      pending.clear();
      subscriber = null;
      demand = 0;
      closeListener = null;
      gone.set(false);
    }
  }

  private void deliver(Object item) {
    synchronized (this) {
      pending.add(item);
    }
    drain();
  }

  private void drain() {
    while (true) {
      Object item;
      Flow.Subscriber<? super List<ByteBuffer>> s;
      synchronized (this) {
        if (draining || subscriber == null || gone.get() || pending.isEmpty()) {
          return;
        }
        if (pending.peek() != END && demand <= 0) {
          return;
        }
        item = pending.poll();
        if (item != END) {
          demand--;
        }
        draining = true;
        s = subscriber;
      }
      try {
        if (item == END) {
          s.onComplete();
        } else {
          s.onNext(List.of(ByteBuffer.wrap((byte[]) item)));
        }
      } finally {
        synchronized (this) {
          draining = false;
        }
      }
    }
  }
}
