package org.mcpkit.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.mcpkit.server.observe.AuthFailure;
import org.mcpkit.server.observe.Rejection;
import org.mcpkit.server.observe.RequestObservation;
import org.mcpkit.server.observe.RequestOutcome;
import org.mcpkit.server.observe.RequestScope;
import org.mcpkit.server.observe.RequestStart;
import org.mcpkit.server.observe.ServerObserver;
import org.mcpkit.server.observe.SessionClosed;
import org.mcpkit.server.observe.SessionOpened;
import org.mcpkit.server.observe.StoreFailure;
import org.mcpkit.server.observe.StreamCloseReason;
import org.mcpkit.server.observe.StreamKind;

/**
 * A {@link ServerObserver} that records what it hears: every request with its start, the threads
 * that entered it and its outcome, and every other event as a short line ({@code
 * "streamClosed POST COMPLETED"}). Thread-safe.
 */
public final class RecordingObserver implements ServerObserver {
  /** One observed request. */
  public static final class Request {
    /** What the engine said at the start. */
    public final RequestStart start;
    /** Names of the threads that entered the request, in order. */
    public final List<String> enteredOn = new CopyOnWriteArrayList<>();
    /** Scopes entered and not closed yet. */
    public final AtomicLong openScopes = new AtomicLong();
    private volatile RequestOutcome outcome;
    private final AtomicLong ends = new AtomicLong();

    Request(RequestStart start) {
      this.start = start;
    }

    /** The outcome, or null while the request runs. */
    public RequestOutcome outcome() {
      return outcome;
    }

    /** How often {@code end} was called (exactly once when the engine is right). */
    public long ends() {
      return ends.get();
    }
  }

  /** Requests in the order they started. */
  public final List<Request> requests = new CopyOnWriteArrayList<>();
  /** Every other event, as a line. */
  public final List<String> events = new CopyOnWriteArrayList<>();
  private final Map<StreamKind, AtomicLong> open = new ConcurrentHashMap<>();

  @Override
  public RequestObservation requestStarted(RequestStart start) {
    Request r = new Request(start);
    requests.add(r);
    return new RequestObservation() {
      @Override
      public RequestScope enter() {
        r.enteredOn.add(Thread.currentThread().getName());
        r.openScopes.incrementAndGet();
        return r.openScopes::decrementAndGet;
      }

      @Override
      public void end(RequestOutcome outcome) {
        r.outcome = outcome;
        r.ends.incrementAndGet();
      }
    };
  }

  @Override
  public void streamOpened(StreamKind kind) {
    open.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
    events.add("streamOpened " + kind);
  }

  @Override
  public void streamClosed(StreamKind kind, StreamCloseReason reason) {
    open.computeIfAbsent(kind, k -> new AtomicLong()).decrementAndGet();
    events.add("streamClosed " + kind + " " + reason);
  }

  @Override
  public void keepAliveSent(StreamKind kind) {
    events.add("keepAlive " + kind);
  }

  @Override
  public void sessionOpened(SessionOpened session) {
    events.add("sessionOpened " + session.transport() + " " + session.protocolVersion().map(v -> v.id()).orElse("-"));
  }

  @Override
  public void sessionClosed(SessionClosed session) {
    events.add("sessionClosed " + session.transport() + " " + session.reason());
  }

  @Override
  public void authFailed(AuthFailure failure) {
    events.add("authFailed " + failure.reason());
  }

  @Override
  public void rejected(Rejection rejection) {
    events.add("rejected " + rejection.transport() + " " + rejection.reason() + " "
        + (rejection.httpStatus().isPresent() ? rejection.httpStatus().getAsInt() : "-") + " " + rejection.errorCode());
  }

  @Override
  public void storeFailed(StoreFailure failure) {
    events.add("storeFailed " + failure.component() + " " + failure.operation());
  }

  /** Streams of {@code kind} open now (opened minus closed). */
  public long openStreams(StreamKind kind) {
    AtomicLong n = open.get(kind);
    return n == null ? 0 : n.get();
  }

  /** The events that start with {@code prefix}, in order. */
  public List<String> events(String prefix) {
    List<String> out = new ArrayList<>();
    for (String e : events) {
      if (e.startsWith(prefix)) {
        out.add(e);
      }
    }
    return out;
  }

  /** Waits up to {@code timeout} for {@code condition}, polling; fails with {@code what} when it never holds. */
  public static void await(Duration timeout, String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5)); // polling deadline
    }
  }
}
