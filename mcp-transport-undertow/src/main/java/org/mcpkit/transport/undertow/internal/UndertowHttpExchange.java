package org.mcpkit.transport.undertow.internal;

import io.undertow.io.Receiver;
import io.undertow.server.ExchangeCompletionListener;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.ServerConnection;
import io.undertow.util.AttachmentKey;
import io.undertow.util.HeaderValues;
import io.undertow.util.HttpString;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import org.mcpkit.transport.spi.HttpExchange;
import org.mcpkit.transport.spi.ResponseChannel;
import org.xnio.IoUtils;
import org.xnio.channels.StreamSinkChannel;

/**
 * Maps an Undertow exchange onto the core SPI with non-blocking I/O: the body arrives through the
 * request receiver; writes go to the response channel and continue from its write-ready listener.
 */
public final class UndertowHttpExchange implements HttpExchange, ExchangeCompletionListener {
  private static final AtomicIntegerFieldUpdater<UndertowHttpExchange> ENDED =
      AtomicIntegerFieldUpdater.newUpdater(UndertowHttpExchange.class, "ended");
  private static final AtomicIntegerFieldUpdater<UndertowHttpExchange> GONE =
      AtomicIntegerFieldUpdater.newUpdater(UndertowHttpExchange.class, "gone");

  private final HttpServerExchange exchange;
  private final ConnectionWatch watch;
  /** 1 once the response was ended (field updaters: a long-lived stream keeps this object). */
  private volatile int ended;
  /** 1 once the client went away. */
  private volatile int gone;
  private volatile Runnable closeListener;

  /**
   * The exchange a connection is serving now. Undertow keeps every close listener until the
   * connection closes, so a listener per request would keep every exchange a keep-alive connection
   * ever served reachable; one listener per connection forwards to the current exchange instead.
   */
  private static final AttachmentKey<ConnectionWatch> WATCH = AttachmentKey.create(ConnectionWatch.class);

  private static final class ConnectionWatch {
    private volatile UndertowHttpExchange current;
    private volatile boolean closed;

    void closed() {
      closed = true;
      UndertowHttpExchange c = current;
      if (c != null) {
        c.clientGone();
      }
    }
  }

  /** Wraps an exchange, on the I/O thread or a worker. */
  public UndertowHttpExchange(HttpServerExchange exchange) {
    this.exchange = exchange;
    ServerConnection connection = exchange.getConnection();
    ConnectionWatch watch;
    synchronized (connection) {
      watch = connection.getAttachment(WATCH);
      if (watch == null) {
        ConnectionWatch fresh = new ConnectionWatch();
        connection.putAttachment(WATCH, fresh);
        connection.addCloseListener(c -> fresh.closed());
        watch = fresh;
      }
    }
    this.watch = watch;
    watch.current = this;
    exchange.addExchangeCompleteListener(this);
    if (watch.closed) {
      clientGone();
    }
  }

  /** The exchange completed: the connection serves no exchange of ours until the next one. */
  @Override
  public void exchangeEvent(HttpServerExchange ex, NextListener next) {
    if (watch.current == this) {
      watch.current = null;
    }
    next.proceed();
  }

  private void clientGone() {
    if (GONE.compareAndSet(this, 0, 1)) {
      Runnable r = closeListener;
      if (r != null) {
        r.run();
      }
    }
  }

  @Override
  public String method() {
    return exchange.getRequestMethod().toString();
  }

  @Override
  public String path() {
    return exchange.getRequestPath();
  }

  @Override
  public java.util.Optional<String> query() {
    String q = exchange.getQueryString();
    return q == null || q.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(q);
  }

  @Override
  public java.util.Optional<java.security.Principal> principal() {
    io.undertow.security.api.SecurityContext security = exchange.getSecurityContext();
    if (security == null || security.getAuthenticatedAccount() == null) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.ofNullable(security.getAuthenticatedAccount().getPrincipal());
  }

  @Override
  public List<String> headers(String name) {
    HeaderValues values = exchange.getRequestHeaders().get(name);
    return values == null ? List.of() : new ArrayList<>(values);
  }

  @Override
  public boolean inIoThread() {
    return exchange.isInIoThread();
  }

  @Override
  public void dispatch(java.util.concurrent.Executor executor, Runnable task) {
    // Inside a handler call Undertow runs the task once the call returns and keeps the exchange
    // open; the executor (or the worker pool, for null) then owns it.
    exchange.dispatch(executor, task);
  }

  @Override
  public void readBody(BodyReceiver receiver) {
    if (exchange.isRequestChannelAvailable()) {
      // The core bounds every body and answers 413 itself; Undertow's own limit (2 MiB by
      // default) would cut a body before the core could answer. A chunked body's limit is fixed
      // when its request is parsed, so that one is the listener's MAX_ENTITY_SIZE (set by
      // UndertowMcpServer; set it in your own Undertow too).
      exchange.setMaxEntitySize(1L << 40);
    }
    BodyReader reader = new BodyReader(receiver);
    exchange.getRequestReceiver().receivePartialBytes(reader, reader);
  }

  /**
   * Passes the body's bytes to the core's reader; when the reader stops, reading pauses and the
   * connection closes after the answer. Once done it lets go of the reader: a
   * long-lived stream's exchange keeps this object reachable.
   */
  private static final class BodyReader implements Receiver.PartialBytesCallback, Receiver.ErrorCallback {
    /** Null once done: Undertow's receiver keeps this reader as long as the exchange lives. */
    private BodyReceiver receiver;

    BodyReader(BodyReceiver receiver) {
      this.receiver = receiver;
    }

    @Override
    public void handle(HttpServerExchange ex, byte[] bytes, boolean last) {
      BodyReceiver r = receiver;
      if (r == null) {
        return;
      }
      if (!r.data(bytes, 0, bytes.length)) {
        receiver = null;
        ex.getRequestReceiver().pause();
        // The rest of the body is never read: end the connection after the answer instead of
        // draining an unbounded body (which Undertow does before it flushes the answer).
        ex.setPersistent(false);
      } else if (last) {
        // On an I/O thread the core leaves it through dispatch(): once, to where it runs the call.
        receiver = null;
        r.end();
      }
    }

    @Override
    public void error(HttpServerExchange ex, IOException error) {
      BodyReceiver r = receiver;
      receiver = null;
      if (r != null) {
        r.failed(error);
      }
    }
  }

  @Override
  public ResponseChannel respond(int status, Map<String, String> headers) {
    exchange.setStatusCode(status);
    for (Map.Entry<String, String> h : headers.entrySet()) {
      exchange.getResponseHeaders().put(HttpString.tryFromString(h.getKey()), h.getValue());
    }
    return new Channel();
  }

  /** One outstanding write at a time, resumed by the channel's write-ready listener. */
  private final class Channel implements ResponseChannel {
    private StreamSinkChannel sink;

    @Override
    public void write(byte[] chunk, WriteCallback callback) {
      if (sink == null) {
        sink = exchange.getResponseChannel();
      }
      ByteBuffer buffer = ByteBuffer.wrap(chunk);
      proceed(buffer, callback);
    }

    private void proceed(ByteBuffer buffer, WriteCallback callback) {
      try {
        while (buffer.hasRemaining()) {
          if (sink.write(buffer) == 0) {
            waitWritable(buffer, callback);
            return;
          }
        }
        if (!sink.flush()) {
          waitWritable(buffer, callback);
          return;
        }
      } catch (IOException e) {
        clientGone();
        callback.failed(e);
        return;
      }
      callback.done();
    }

    private void waitWritable(ByteBuffer buffer, WriteCallback callback) {
      sink.getWriteSetter()
          .set(
              c -> {
                c.suspendWrites();
                c.getWriteSetter().set(null);
                proceed(buffer, callback);
              });
      sink.resumeWrites();
    }

    @Override
    public void end() {
      if (ENDED.compareAndSet(UndertowHttpExchange.this, 0, 1)) {
        if (sink == null) {
          exchange.endExchange();
        } else {
          try {
            sink.shutdownWrites();
            if (!sink.flush()) {
              sink.getWriteSetter()
                  .set(
                      org.xnio.ChannelListeners.flushingChannelListener(
                          c -> IoUtils.safeClose(c), (c, e) -> IoUtils.safeClose(c)));
              sink.resumeWrites();
              return;
            }
            sink.close();
          } catch (IOException e) {
            IoUtils.safeClose(sink);
          }
        }
      }
    }

    @Override
    public void onClose(Runnable listener) {
      closeListener = listener;
      if (gone != 0) {
        listener.run();
      }
    }
  }
}
