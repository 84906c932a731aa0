package org.mcpkit.server.http;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.Objects;

/**
 * Settings of an {@link McpHttpEndpoint}. Immutable; build with {@link #builder()}.
 *
 * @param maxBodyBytes largest request body accepted (default 4 MiB); larger bodies get 413 before
 *     any parsing
 * @param keepAlive interval of {@code :} comment frames on open SSE streams (default 15 s; zero
 *     turns them off)
 * @param responseMode when a response uses SSE
 * @param maxQueuedEvents events one stream may hold for a slow reader before it is cut off
 * @param originPolicy which Origin headers are allowed
 * @param hostPolicy which Host headers are allowed
 * @param sessionIdleTimeout how long an idle 2025-era session lives (default 30 minutes); a session
 *     whose GET stream is open on any instance is in use, and an HTTP+SSE session lives as long as
 *     its stream
 * @param maxSessions most 2025-era sessions held at once (default 10,000)
 * @param retryMillis the SSE {@code retry:} hint sent before the server closes a legacy stream
 * @param streamAfter in {@link ResponseMode#AUTO}, a request still running after this long is
 *     answered with SSE (headers and a first comment at once), so proxies see bytes and a client
 *     that goes away is noticed (default 500 ms)
 * @param sessionStore where 2025-era session records live (default: in memory, this instance only)
 * @param eventStore keeps 2025-era stream events for resumption (default: in memory, 1,000 events
 *     per stream for 10 minutes, at most 10,000 streams; a session's events go when it ends)
 * @param sessionBus carries answers, cancellations and session ends between the instances that
 *     share the session store (default: in memory, this instance only)
 * @param sessionRevalidation how long this instance serves a 2025-era session from its own copy
 *     before reading the session store again (default zero: every request reads the store); what
 *     other instances change or end reaches the copy on the session bus at once, so this only
 *     bounds how long a lost signal (or one that raced a read) can leave it stale
 * @param acceptUnknownSessionIds serve 2025-era requests that carry a session id this deployment
 *     never issued (platforms that inject their own ids) as sessionless requests, instead of 404
 * @param maxStreamAge longest life of a subscription or session stream before the server ends it
 *     with a {@code retry:} hint (plus up to 10% jitter), so load balancers can rebalance and drains
 *     finish (default 10 minutes; zero means no limit)
 * @param httpSse where the deprecated HTTP+SSE transport (2024-11-05) is served; empty (the
 *     default) leaves it off, and requests to any path are Streamable HTTP
 * @param clock the endpoint's time: session idle expiry, stream claims, stream ages and keep-alives
 *     (default: the system clock; timers then run on the monotonic clock)
 * @param scheduler runs the endpoint's timers; empty (the default) has the endpoint create and own
 *     one (one daemon thread, started with the first request, stopped by close); a supplied one is
 *     never shut down by the endpoint
 */
public record HttpEndpointOptions(
    int maxBodyBytes,
    Duration keepAlive,
    ResponseMode responseMode,
    int maxQueuedEvents,
    OriginPolicy originPolicy,
    HostPolicy hostPolicy,
    Duration sessionIdleTimeout,
    int maxSessions,
    long retryMillis,
    Duration streamAfter,
    Duration maxStreamAge,
    SessionStore sessionStore,
    EventStore eventStore,
    SessionBus sessionBus,
    Duration sessionRevalidation,
    boolean acceptUnknownSessionIds,
    java.util.Optional<HttpSseOptions> httpSse,
    Clock clock,
    java.util.Optional<ScheduledExecutorService> scheduler) {

  /** When responses to requests use Server-Sent Events. */
  public enum ResponseMode {
    /** JSON, switching to SSE when the handler sends a notification before its result. */
    AUTO,
    /** Always SSE. */
    ALWAYS_SSE,
    /** Always JSON; notifications before the result are dropped. */
    ALWAYS_JSON
  }

  /** Validates the options. */
  public HttpEndpointOptions {
    if (maxBodyBytes < 1) {
      throw new IllegalArgumentException("maxBodyBytes must be positive");
    }
    Objects.requireNonNull(keepAlive, "keepAlive");
    if (keepAlive.isNegative()) {
      throw new IllegalArgumentException("keepAlive must not be negative");
    }
    Objects.requireNonNull(responseMode, "responseMode");
    if (maxQueuedEvents < 1) {
      throw new IllegalArgumentException("maxQueuedEvents must be positive");
    }
    Objects.requireNonNull(originPolicy, "originPolicy");
    Objects.requireNonNull(hostPolicy, "hostPolicy");
    Objects.requireNonNull(sessionIdleTimeout, "sessionIdleTimeout");
    if (maxSessions < 1) {
      throw new IllegalArgumentException("maxSessions must be positive");
    }
    Objects.requireNonNull(streamAfter, "streamAfter");
    Objects.requireNonNull(maxStreamAge, "maxStreamAge");
    Objects.requireNonNull(sessionStore, "sessionStore");
    Objects.requireNonNull(eventStore, "eventStore");
    Objects.requireNonNull(sessionBus, "sessionBus");
    Objects.requireNonNull(sessionRevalidation, "sessionRevalidation");
    if (sessionRevalidation.isNegative()) {
      throw new IllegalArgumentException("sessionRevalidation must not be negative");
    }
    Objects.requireNonNull(httpSse, "httpSse");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(scheduler, "scheduler");
  }

  /** The defaults: secure for a server on a loopback address. */
  public static HttpEndpointOptions defaults() {
    return builder().build();
  }

  /**
   * The defaults for a server bound to {@code host}: as {@link #defaults()}, except that a server
   * bound to a non-loopback address (a wildcard or public one, behind a proxy or load balancer)
   * accepts any Host header ({@link HostPolicy#any()}), since DNS rebinding targets servers on
   * loopback; set {@link Builder#hostPolicy} to your public names to restrict it anyway.
   */
  public static HttpEndpointOptions forBindAddress(String host) {
    Objects.requireNonNull(host, "host");
    return builder().hostPolicy(HostPolicy.isLoopbackAddress(host) ? HostPolicy.loopback() : HostPolicy.any()).build();
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from these options. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.maxBodyBytes = maxBodyBytes;
    b.keepAlive = keepAlive;
    b.responseMode = responseMode;
    b.maxQueuedEvents = maxQueuedEvents;
    b.originPolicy = originPolicy;
    b.hostPolicy = hostPolicy;
    b.sessionIdleTimeout = sessionIdleTimeout;
    b.maxSessions = maxSessions;
    b.retryMillis = retryMillis;
    b.streamAfter = streamAfter;
    b.maxStreamAge = maxStreamAge;
    b.sessionStore = sessionStore;
    b.eventStore = eventStore;
    b.sessionBus = sessionBus;
    b.sessionRevalidation = sessionRevalidation;
    b.acceptUnknownSessionIds = acceptUnknownSessionIds;
    b.httpSse = httpSse.orElse(null);
    b.clock = clock;
    b.scheduler = scheduler.orElse(null);
    return b;
  }

  /** Builds {@link HttpEndpointOptions}. Not thread-safe. */
  public static final class Builder {
    private int maxBodyBytes = 4 * 1024 * 1024;
    private Duration keepAlive = Duration.ofSeconds(15);
    private ResponseMode responseMode = ResponseMode.AUTO;
    private int maxQueuedEvents = 1024;
    private OriginPolicy originPolicy = OriginPolicy.localhostOnly();
    private HostPolicy hostPolicy = HostPolicy.loopback();
    private Duration sessionIdleTimeout = Duration.ofMinutes(30);
    private int maxSessions = 10_000;
    private long retryMillis = 3000;
    private Duration streamAfter = Duration.ofMillis(500);
    private Duration maxStreamAge = Duration.ofMinutes(10);
    private SessionStore sessionStore;
    private EventStore eventStore;
    private SessionBus sessionBus;
    private Duration sessionRevalidation = Duration.ZERO;
    private boolean acceptUnknownSessionIds;
    private HttpSseOptions httpSse;
    private Clock clock = Clock.systemUTC();
    private ScheduledExecutorService scheduler;

    private Builder() {}

    /** Largest request body accepted. */
    public Builder maxBodyBytes(int bytes) {
      this.maxBodyBytes = bytes;
      return this;
    }

    /** Keep-alive comment interval; {@link Duration#ZERO} turns keep-alives off. */
    public Builder keepAlive(Duration interval) {
      this.keepAlive = interval;
      return this;
    }

    /** When responses use SSE. */
    public Builder responseMode(ResponseMode mode) {
      this.responseMode = mode;
      return this;
    }

    /** Events one stream may queue for a slow reader. */
    public Builder maxQueuedEvents(int events) {
      this.maxQueuedEvents = events;
      return this;
    }

    /** Which Origin headers are allowed. */
    public Builder originPolicy(OriginPolicy policy) {
      this.originPolicy = policy;
      return this;
    }

    /**
     * Which Host headers are allowed. The default accepts loopback names only; a server bound to
     * another address or behind a proxy must set its own names (or {@link HostPolicy#any()}).
     */
    public Builder hostPolicy(HostPolicy policy) {
      this.hostPolicy = policy;
      return this;
    }

    /** Idle lifetime of 2025-era sessions. */
    public Builder sessionIdleTimeout(Duration timeout) {
      this.sessionIdleTimeout = timeout;
      return this;
    }

    /** Most 2025-era sessions held at once. */
    public Builder maxSessions(int max) {
      this.maxSessions = max;
      return this;
    }

    /** The SSE {@code retry:} hint in milliseconds. */
    public Builder retryMillis(long millis) {
      this.retryMillis = millis;
      return this;
    }

    /** How long a request may run before its response switches to SSE (AUTO mode). */
    public Builder streamAfter(Duration delay) {
      this.streamAfter = delay;
      return this;
    }

    /** Longest life of a subscription or session stream; zero means no limit. */
    public Builder maxStreamAge(Duration age) {
      this.maxStreamAge = age;
      return this;
    }

    /**
     * Where 2025-era session records live. Default: a new in-memory store per endpoint. Give every
     * instance of a deployment the same shared store so any instance can serve any session.
     */
    public Builder sessionStore(SessionStore store) {
      this.sessionStore = store;
      return this;
    }

    /** Where 2025-era stream events are kept for resumption; share it between instances. */
    public Builder eventStore(EventStore store) {
      this.eventStore = store;
      return this;
    }

    /**
     * Carries what one instance must tell another about a session: a client's answer to a
     * server-to-client request that reached an instance other than the one waiting for it, a
     * cancellation of a call running elsewhere, a session's end. Give every instance that shares
     * the {@link #sessionStore} the same bus. Default: a new in-memory bus per endpoint.
     */
    public Builder sessionBus(SessionBus bus) {
      this.sessionBus = bus;
      return this;
    }

    /**
     * How long this instance serves a 2025-era session from its own copy before reading the
     * {@link #sessionStore} again. Zero (the default) reads the store on every request, which costs
     * nothing in memory and one round trip per request on a networked store. With a shared store a
     * second or so saves that round trip: what another instance changes or ends reaches this copy
     * on the {@link #sessionBus} at once, the window only bounds how long a lost signal (or one that
     * raced this instance's read) leaves the copy stale, and while the store is not {@linkplain SessionStore#reachable() reachable} every
     * request reads it (and is refused with 503 when it cannot).
     */
    public Builder sessionRevalidation(Duration window) {
      this.sessionRevalidation = Objects.requireNonNull(window, "window");
      return this;
    }

    /**
     * Serves 2025-era requests whose {@code Mcp-Session-Id} this deployment never issued as
     * sessionless requests (the negotiated version comes from {@code MCP-Protocol-Version}, default
     * 2025-03-26; no client capabilities), instead of answering 404. For platforms that inject their
     * own session ids. Off by default.
     */
    public Builder acceptUnknownSessionIds(boolean accept) {
      this.acceptUnknownSessionIds = accept;
      return this;
    }

    /**
     * Also serves the deprecated HTTP+SSE transport (2024-11-05) for old clients: a GET stream at
     * {@code ssePath}, messages POSTed to {@code messagePath}, on the same server and handlers.
     * Off by default. Sessions of this transport live on the instance holding their stream (not
     * in the {@link SessionStore}) and end when it closes; they are not aged by {@link
     * #maxStreamAge}.
     */
    public Builder httpSse(String ssePath, String messagePath) {
      return httpSse(HttpSseOptions.at(ssePath, messagePath));
    }

    /** Serves the deprecated HTTP+SSE transport as configured; see {@link #httpSse(String, String)}. */
    public Builder httpSse(HttpSseOptions sse) {
      this.httpSse = Objects.requireNonNull(sse, "sse");
      return this;
    }

    /**
     * The endpoint's clock (tests inject one to expire sessions and age streams without waiting;
     * a clock other than the system's drives the stream timers too).
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Runs the endpoint's timers (keep-alives, stream ages, session sweeps, claim renewals, the
     * stream-after switch) on {@code scheduler} instead of a thread the endpoint owns. The endpoint
     * never shuts it down.
     */
    public Builder scheduler(ScheduledExecutorService scheduler) {
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
      return this;
    }

    /** Builds the options. */
    public HttpEndpointOptions build() {
      return new HttpEndpointOptions(
          maxBodyBytes, keepAlive, responseMode, maxQueuedEvents, originPolicy, hostPolicy,
          sessionIdleTimeout, maxSessions, retryMillis, streamAfter, maxStreamAge,
          sessionStore != null ? sessionStore : SessionStore.inMemory(),
          eventStore != null ? eventStore : EventStore.inMemory(1000, Duration.ofMinutes(10)),
          sessionBus != null ? sessionBus : SessionBus.inMemory(),
          sessionRevalidation,
          acceptUnknownSessionIds,
          java.util.Optional.ofNullable(httpSse),
          clock,
          java.util.Optional.ofNullable(scheduler));
    }
  }
}
