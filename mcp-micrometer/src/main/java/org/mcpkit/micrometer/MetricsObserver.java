package org.mcpkit.micrometer;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.mcpkit.protocol.McpMethods;
import org.mcpkit.protocol.ProtocolVersion;
import org.mcpkit.server.observe.AuthFailure;
import org.mcpkit.server.observe.Rejection;
import org.mcpkit.server.observe.RequestObservation;
import org.mcpkit.server.observe.RequestOutcome;
import org.mcpkit.server.observe.RequestStart;
import org.mcpkit.server.observe.ServerObserver;
import org.mcpkit.server.observe.SessionClosed;
import org.mcpkit.server.observe.SessionOpened;
import org.mcpkit.server.observe.StoreFailure;
import org.mcpkit.server.observe.StreamCloseReason;
import org.mcpkit.server.observe.StreamKind;
import org.mcpkit.server.observe.Transport;

/**
 * The meters of {@link McpMetrics}. Gauges are registered at construction; operation timers are
 * kept per tag combination so a request costs a map lookup, not a registration. Thread-safe.
 */
final class MetricsObserver implements ServerObserver {
  private final MeterRegistry registry;
  private final Clock clock;
  private final Duration[] operationBuckets;
  private final Duration[] sessionBuckets;
  private final Map<OperationKey, Timer> operations = new ConcurrentHashMap<>();
  private final Map<StreamKind, AtomicLong> openStreams = new EnumMap<>(StreamKind.class);
  private final Map<Transport, AtomicLong> activeSessions = new EnumMap<>(Transport.class);
  private final Map<StreamKind, Counter> keepAlives = new EnumMap<>(StreamKind.class);
  private final Counter[][] closes = new Counter[StreamKind.values().length][StreamCloseReason.values().length];

  /** The tags of one operation timer. */
  private record OperationKey(String method, String tool, String prompt, String error, String version) {}

  MetricsObserver(MeterRegistry registry, List<Duration> operationBuckets, List<Duration> sessionBuckets) {
    this.registry = registry;
    this.clock = registry.config().clock();
    this.operationBuckets = operationBuckets.toArray(new Duration[0]);
    this.sessionBuckets = sessionBuckets.toArray(new Duration[0]);
    for (StreamKind kind : StreamKind.values()) {
      AtomicLong open = new AtomicLong();
      openStreams.put(kind, open);
      Gauge.builder(McpMetrics.OPEN_STREAMS, open, AtomicLong::doubleValue)
          .description("Open SSE streams")
          .tag(McpMetrics.KIND_TAG, name(kind))
          .register(registry);
      keepAlives.put(kind, Counter.builder(McpMetrics.KEEP_ALIVES)
          .description("Keep-alive comments written on idle SSE streams")
          .tag(McpMetrics.KIND_TAG, name(kind))
          .register(registry));
    }
    for (Transport transport : List.of(Transport.STREAMABLE_HTTP, Transport.HTTP_SSE)) {
      AtomicLong active = new AtomicLong();
      activeSessions.put(transport, active);
      Gauge.builder(McpMetrics.ACTIVE_SESSIONS, active, AtomicLong::doubleValue)
          .description("2025-era sessions opened and not yet ended on this instance")
          .tag(McpMetrics.TRANSPORT_TAG, name(transport))
          .register(registry);
    }
  }

  private static String name(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }

  @Override
  public RequestObservation requestStarted(RequestStart start) {
    long started = clock.monotonicTime();
    return outcome -> timer(start, outcome).record(clock.monotonicTime() - started, TimeUnit.NANOSECONDS);
  }

  private Timer timer(RequestStart start, RequestOutcome outcome) {
    String method = start.method();
    OperationKey key = new OperationKey(
        method,
        start.toolName().orElse(McpMethods.TOOLS_CALL.equals(method) ? McpMetrics.OTHER : McpMetrics.NONE),
        start.promptName().orElse(McpMethods.PROMPTS_GET.equals(method) ? McpMetrics.OTHER : McpMetrics.NONE),
        outcome.errorType().orElse(McpMetrics.NONE),
        start.protocolVersion().isPresent() ? start.protocolVersion().get().id() : McpMetrics.NONE);
    Timer timer = operations.get(key);
    return timer != null ? timer : operations.computeIfAbsent(key, this::register);
  }

  private Timer register(OperationKey key) {
    return Timer.builder(McpMetrics.OPERATION_DURATION)
        .description("MCP request duration as observed on the server, from receipt until the answer is sent")
        .tags(Tags.of(
            McpMetrics.METHOD_TAG, key.method(),
            McpMetrics.TOOL_TAG, key.tool(),
            McpMetrics.PROMPT_TAG, key.prompt(),
            McpMetrics.ERROR_TAG, key.error(),
            McpMetrics.VERSION_TAG, key.version()))
        .serviceLevelObjectives(operationBuckets)
        .register(registry);
  }

  @Override
  public void streamOpened(StreamKind kind) {
    openStreams.get(kind).incrementAndGet();
  }

  @Override
  public void streamClosed(StreamKind kind, StreamCloseReason reason) {
    openStreams.get(kind).decrementAndGet();
    Counter c = closes[kind.ordinal()][reason.ordinal()];
    if (c == null) {
      c = Counter.builder(McpMetrics.STREAMS_CLOSED)
          .description("SSE streams ended, by why")
          .tags(McpMetrics.KIND_TAG, name(kind), McpMetrics.REASON_TAG, name(reason))
          .register(registry);
      closes[kind.ordinal()][reason.ordinal()] = c; // benign race: the registry returns the same counter
    }
    c.increment();
  }

  @Override
  public void keepAliveSent(StreamKind kind) {
    keepAlives.get(kind).increment();
  }

  @Override
  public void sessionOpened(SessionOpened session) {
    AtomicLong active = activeSessions.get(session.transport());
    if (active != null) {
      active.incrementAndGet();
    }
  }

  @Override
  public void sessionClosed(SessionClosed session) {
    AtomicLong active = activeSessions.get(session.transport());
    if (active != null) {
      active.decrementAndGet();
    }
    Timer.builder(McpMetrics.SESSION_DURATION)
        .description("Duration of 2025-era sessions this instance ended")
        .tags(
            McpMetrics.VERSION_TAG, session.protocolVersion().map(ProtocolVersion::id).orElse(McpMetrics.NONE),
            McpMetrics.TRANSPORT_TAG, name(session.transport()),
            McpMetrics.REASON_TAG, name(session.reason()))
        .serviceLevelObjectives(sessionBuckets)
        .register(registry)
        .record(session.duration());
  }

  @Override
  public void authFailed(AuthFailure failure) {
    registry.counter(McpMetrics.AUTH_FAILURES, McpMetrics.REASON_TAG, name(failure.reason())).increment();
  }

  @Override
  public void rejected(Rejection rejection) {
    registry.counter(McpMetrics.REJECTIONS,
            McpMetrics.TRANSPORT_TAG, name(rejection.transport()),
            McpMetrics.REASON_TAG, rejection.reason(),
            McpMetrics.STATUS_TAG,
            rejection.httpStatus().isPresent() ? Integer.toString(rejection.httpStatus().getAsInt()) : McpMetrics.NONE)
        .increment();
  }

  @Override
  public void storeFailed(StoreFailure failure) {
    registry.counter(McpMetrics.STORE_FAILURES,
            McpMetrics.COMPONENT_TAG, name(failure.component()),
            McpMetrics.OPERATION_TAG, failure.operation(),
            McpMetrics.ERROR_TAG, failure.error().getClass().getName())
        .increment();
  }
}
