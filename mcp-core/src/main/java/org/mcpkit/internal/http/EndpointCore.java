package org.mcpkit.internal.http;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.mcpkit.internal.dispatch.Connection;
import org.mcpkit.internal.dispatch.Dispatcher;
import org.mcpkit.internal.dispatch.RequestOrigin;
import org.mcpkit.server.observe.ServerObserver;
import org.mcpkit.server.observe.StoreFailure;
import org.mcpkit.server.observe.StreamCloseReason;
import org.mcpkit.server.observe.StreamKind;
import org.mcpkit.server.observe.TraceHeaders;
import org.mcpkit.server.observe.Transport;
import org.mcpkit.transport.spi.ResponseChannel;
import org.mcpkit.internal.json.JsonRpcCodec;
import org.mcpkit.server.http.HttpEndpointOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every part of one endpoint shares: its options and dispatcher, its clock and scheduler
 * (injectable; the default scheduler is owned, created without threads and started by {@link
 * #start()}), the timer wheel of its streams, the requests it is answering, and this instance's
 * name among those sharing a session store, and the server's observer (checked once: with nothing
 * attached no header is read and no event is built). Thread-safe.
 */
final class EndpointCore {
  private static final Logger LOG = LoggerFactory.getLogger(EndpointCore.class);
  /** How long a claim on a session's GET stream lasts unless renewed (renewed every third of it). */
  static final long STREAM_CLAIM_MILLIS = 30_000;

  final Dispatcher dispatcher;
  final HttpEndpointOptions options;
  final JsonRpcCodec codec;
  final Responses responses;
  /** The server's observer (guarded), {@link ServerObserver#none()} when nothing observes. */
  final ServerObserver observer;
  final boolean observing;
  final Clock clock;
  private final LongSupplier nanos;
  private final ScheduledExecutorService scheduler;
  private final boolean ownsScheduler;
  /** Keep-alive and maximum-age timers of all open streams: one wheel, no task per stream. */
  final StreamTimers timers;
  private final List<ScheduledFuture<?>> periodic = new ArrayList<>();
  /** Requests being answered (drain waits for them). */
  final Set<Responder> active = ConcurrentHashMap.newKeySet();
  /** 2025-era responders by event stream id, for live reattachment on resume. */
  final Map<String, Responder> resumable = new ConcurrentHashMap<>();
  /**
   * This endpoint among the instances sharing the session store: it names the server-to-client
   * requests it sends ({@code mcpkit-<instance>-<n>}) and the GET streams it holds.
   */
  final String instanceId = newInstanceId();
  private final String requestIdPrefix = "mcpkit-" + instanceId + "-";
  private final AtomicLong requestIds = new AtomicLong();
  private final AtomicLong streamSeq = new AtomicLong();
  volatile boolean draining;

  EndpointCore(Dispatcher dispatcher, HttpEndpointOptions options) {
    this.dispatcher = dispatcher;
    this.options = options;
    this.codec = dispatcher.codec();
    this.observer = dispatcher.observer();
    this.observing = observer != ServerObserver.none();
    this.responses = new Responses(codec, observer, options.httpSse());
    this.clock = options.clock();
    // The system clock's wall time can jump; timers then follow the monotonic clock instead.
    this.nanos = clock.equals(Clock.systemUTC()) || clock.equals(Clock.systemDefaultZone())
        ? System::nanoTime
        : () -> TimeUnit.MILLISECONDS.toNanos(clock.millis());
    this.ownsScheduler = options.scheduler().isEmpty();
    this.scheduler = options.scheduler().orElseGet(EndpointCore::ownedScheduler);
    this.timers = new StreamTimers(nanos, StreamTimers.tickFor(options.keepAlive().toMillis(), options.maxStreamAge().toMillis()));
  }

  private static ScheduledExecutorService ownedScheduler() {
    AtomicInteger n = new AtomicInteger();
    ScheduledThreadPoolExecutor pool =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "mcp-http-timer-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    // Every JSON answer cancels its stream-after timer: drop cancelled timers at once instead of
    // holding each exchange until its timer would have fired.
    pool.setRemoveOnCancelPolicy(true);
    return pool; // no thread yet: the first scheduled task starts one
  }

  private static String newInstanceId() {
    byte[] bytes = new byte[6];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Starts the wheel. */
  synchronized void start() {
    periodic.add(timers.start(scheduler));
  }

  /** Runs {@code task} every {@code millis} until {@link #stop()}. */
  synchronized void every(long millis, Runnable task) {
    periodic.add(scheduler.scheduleWithFixedDelay(task, millis, millis, TimeUnit.MILLISECONDS));
  }

  /** Stops the periodic tasks, and the scheduler when it is the endpoint's own. */
  synchronized void stop() {
    for (ScheduledFuture<?> f : periodic) {
      f.cancel(false);
    }
    periodic.clear();
    if (ownsScheduler) {
      scheduler.shutdownNow();
    }
  }

  ScheduledExecutorService scheduler() {
    return scheduler;
  }

  /** Now, on the endpoint's clock. */
  Instant now() {
    return clock.instant();
  }

  /** A connection whose server-to-client requests carry this instance's name. */
  Connection newConnection() {
    return new Connection(requestIdPrefix, requestIds);
  }

  /** A fresh name for a GET stream of this instance (its claim holder). */
  String newStreamHolder() {
    return instanceId + "/" + streamSeq.incrementAndGet();
  }

  /** Tells the other instances sharing the session store; a failing bus is logged, never thrown. */
  void publish(SessionSignal signal) {
    try {
      options.sessionBus().publish(signal.encode());
    } catch (RuntimeException e) {
      LOG.warn("Session bus publish failed", e);
      storeFailed(StoreFailure.Component.SESSION_BUS, "publish", e);
    }
  }

  /**
   * Answers a request that failed unexpectedly: 503 with {@code Retry-After} when a shared store
   * or bus was unreachable (fail closed), else 500. Logs the failure (never sent).
   */
  void failUnexpected(Exchange exchange, RuntimeException e, String what) {
    if (org.mcpkit.server.http.StoreUnavailableException.isCause(e)) {
      LOG.warn("Shared store unavailable serving {}: {}", what, e.toString());
      storeFailed(StoreFailure.Component.SESSION_STORE, "request", e);
      storeUnavailable(exchange);
      return;
    }
    LOG.error("Unexpected failure serving {}", what, e);
    responses.fail(exchange, HttpFailure.INTERNAL);
  }

  /** Refuses a request that needs an unreachable shared store or bus: 503 with {@code Retry-After}. */
  void storeUnavailable(Exchange exchange) {
    long seconds = Math.max(1, (options.retryMillis() + 999) / 1000);
    responses.fail(exchange, HttpFailure.STORE_UNAVAILABLE, Map.of("Retry-After", Long.toString(seconds)));
  }

  /** Reports a store or bus failure the engine goes on without. */
  void storeFailed(StoreFailure.Component component, String operation, RuntimeException e) {
    if (observing) {
      observer.storeFailed(new StoreFailure(component, operation, e));
    }
  }

  /** A new SSE stream of {@code kind} on {@code channel}, observed. */
  EventStream stream(ResponseChannel channel, StreamKind kind, Runnable onGone) {
    return new EventStream(channel, options.maxQueuedEvents(), onGone, kind, observer);
  }

  /**
   * Where a request on {@code exchange} came from: with an observer, the transport and the W3C
   * trace headers; without, a shared constant (no header is read).
   */
  RequestOrigin origin(Exchange exchange, Transport transport) {
    if (!observing) {
      return transport == Transport.HTTP_SSE ? RequestOrigin.HTTP_SSE : RequestOrigin.STREAMABLE_HTTP;
    }
    return new RequestOrigin(transport, TraceHeaders.from(exchange::header));
  }

  /** The frame that tells a client when to come back, sent before the server ends a stream. */
  byte[] retryHint() {
    return ("retry: " + options.retryMillis() + "\n\n").getBytes(StandardCharsets.US_ASCII);
  }

  /** Ends {@code stream} with a retry hint, for {@code reason}. */
  void endWithRetry(EventStream stream, StreamCloseReason reason) {
    stream.send(retryHint());
    stream.finish(reason);
  }

  /** Ends a long-lived stream after the maximum age plus up to 10% jitter, unless it closed before. */
  void limitAge(EventStream stream, Runnable end) {
    long age = options.maxStreamAge().toMillis();
    if (age > 0) {
      long jitter = ThreadLocalRandom.current().nextLong(age / 10 + 1);
      stream.limitAge(timers, age + jitter, end);
    }
  }
}
