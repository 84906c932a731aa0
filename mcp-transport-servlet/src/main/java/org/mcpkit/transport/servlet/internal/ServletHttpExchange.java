package org.mcpkit.transport.servlet.internal;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.mcpkit.transport.spi.HttpExchange;
import org.mcpkit.transport.spi.ResponseChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps one servlet request onto the core exchange SPI with servlet async I/O: the body is read
 * with a {@link ReadListener}, the response written with a {@link WriteListener}, and no container
 * thread ever waits.
 */
public final class ServletHttpExchange implements HttpExchange {
  private static final Logger LOG = LoggerFactory.getLogger(ServletHttpExchange.class);

  private final HttpServletRequest request;
  private final HttpServletResponse response;
  private final AsyncContext async;
  private final AtomicBoolean completed = new AtomicBoolean();
  private final AtomicBoolean gone = new AtomicBoolean();
  private volatile Runnable closeListener;
  /**
   * Reading the body failed (broken framing): the container ends the request once its error
   * callback returns, so the core's answer is written at once, in blocking mode, from inside it.
   */
  private volatile boolean readFailed;

  /** Starts async processing of the request. */
  public ServletHttpExchange(HttpServletRequest request, HttpServletResponse response, long timeoutMillis) {
    this.request = request;
    this.response = response;
    this.async = request.startAsync(request, response);
    this.async.setTimeout(timeoutMillis);
    this.async.addListener(
        new AsyncListener() {
          @Override
          public void onComplete(AsyncEvent event) {
            clientGone();
          }

          @Override
          public void onTimeout(AsyncEvent event) {
            clientGone();
            complete();
          }

          @Override
          public void onError(AsyncEvent event) {
            clientGone();
            complete();
          }

          @Override
          public void onStartAsync(AsyncEvent event) {}
        });
  }

  private void clientGone() {
    if (gone.compareAndSet(false, true)) {
      Runnable r = closeListener;
      if (r != null) {
        r.run();
      }
    }
  }

  private void complete() {
    if (completed.compareAndSet(false, true)) {
      gone.set(true);
      try {
        async.complete();
      } catch (IllegalStateException e) {
        LOG.debug("async context already completed", e);
      }
    }
  }

  @Override
  public String method() {
    return request.getMethod();
  }

  @Override
  public String path() {
    return request.getRequestURI();
  }

  @Override
  public java.util.Optional<String> query() {
    String q = request.getQueryString();
    return q == null || q.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(q);
  }

  @Override
  public java.util.Optional<java.security.Principal> principal() {
    return java.util.Optional.ofNullable(request.getUserPrincipal());
  }

  @Override
  public List<String> headers(String name) {
    return Collections.list(request.getHeaders(name));
  }

  @Override
  public void readBody(BodyReceiver receiver) {
    ServletInputStream in;
    try {
      in = request.getInputStream();
    } catch (IOException | IllegalStateException e) {
      receiver.failed(e);
      return;
    }
    try {
      in.setReadListener(new Reader(in, receiver));
    } catch (IllegalStateException e) {
      receiver.failed(e);
    }
  }

  /** Passes the body's bytes to the core's reader until it ends or the reader stops. */
  private final class Reader implements ReadListener {
    private final ServletInputStream in;
    private final BodyReceiver receiver;
    private final byte[] buffer = new byte[8192];
    private boolean done;

    Reader(ServletInputStream in, BodyReceiver receiver) {
      this.in = in;
      this.receiver = receiver;
    }

    @Override
    public void onDataAvailable() throws IOException {
      while (!done && in.isReady()) {
        int n = in.read(buffer);
        if (n < 0) {
          return;
        }
        if (!receiver.data(buffer, 0, n)) {
          done = true; // the core read enough; the container deals with the rest
        }
      }
    }

    @Override
    public void onAllDataRead() {
      if (!done) {
        done = true;
        receiver.end();
      }
    }

    @Override
    public void onError(Throwable t) {
      if (done) {
        return;
      }
      done = true;
      readFailed = true;
      receiver.failed(t); // the core answers 400 where the connection still can, and ends the response
    }
  }

  @Override
  public ResponseChannel respond(int status, Map<String, String> headers) {
    response.setStatus(status);
    for (Map.Entry<String, String> h : headers.entrySet()) {
      if (h.getKey().equalsIgnoreCase("Content-Length")) {
        response.setContentLengthLong(Long.parseLong(h.getValue()));
      } else {
        response.setHeader(h.getKey(), h.getValue());
      }
    }
    return new Channel();
  }

  /**
   * Non-blocking writes. No monitor is held while calling the container: a work-in-progress
   * counter lets exactly one thread (an application thread or the container's write-ready
   * callback) touch the output stream at a time.
   */
  private final class Channel implements ResponseChannel, WriteListener {
    private final AtomicInteger wip = new AtomicInteger();
    private volatile ServletOutputStream out;
    private volatile byte[] chunk;
    private volatile WriteCallback callback;
    private volatile boolean written;
    private volatile boolean flushed;

    @Override
    public void write(byte[] data, WriteCallback cb) {
      if (readFailed && out == null) {
        writeNow(data, cb);
        return;
      }
      chunk = data;
      written = false;
      flushed = false;
      callback = cb;
      if (out == null) {
        try {
          ServletOutputStream o = response.getOutputStream();
          o.setWriteListener(this);
          out = o;
        } catch (IOException | IllegalStateException e) {
          fail(e);
          return;
        }
      }
      drain();
    }

    /** A short answer written before the container's read-error callback returns (see {@link #readFailed}). */
    private void writeNow(byte[] data, WriteCallback cb) {
      try {
        ServletOutputStream o = response.getOutputStream();
        o.write(data);
        o.flush();
      } catch (IOException | IllegalStateException e) {
        clientGone();
        cb.failed(e);
        return;
      }
      cb.done();
    }

    @Override
    public void onWritePossible() {
      drain();
    }

    private void drain() {
      if (wip.getAndIncrement() != 0) {
        return;
      }
      do {
        WriteCallback done = step();
        if (done != null) {
          done.done();
        }
      } while (wip.decrementAndGet() != 0);
    }

    /** Advances the current write; returns its callback once the chunk is flushed. */
    private WriteCallback step() {
      ServletOutputStream o = out;
      WriteCallback cb = callback;
      if (o == null || cb == null) {
        return null;
      }
      try {
        if (!written) {
          if (!o.isReady()) {
            return null;
          }
          o.write(chunk);
          written = true;
        }
        if (!flushed) {
          if (!o.isReady()) {
            return null;
          }
          o.flush();
          flushed = true;
        }
        if (!o.isReady()) {
          return null;
        }
      } catch (IOException | IllegalStateException e) {
        fail(e);
        return null;
      }
      callback = null;
      chunk = null;
      return cb;
    }

    @Override
    public void onError(Throwable t) {
      fail(t);
    }

    void fail(Throwable t) {
      WriteCallback cb = callback;
      callback = null;
      clientGone();
      if (cb != null) {
        cb.failed(t);
      }
    }

    @Override
    public void end() {
      complete();
    }

    @Override
    public void onClose(Runnable listener) {
      closeListener = listener;
      if (gone.get() && !completed.get()) {
        listener.run();
      }
    }
  }
}
