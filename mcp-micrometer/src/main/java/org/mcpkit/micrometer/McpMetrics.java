package org.mcpkit.micrometer;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.mcpkit.server.observe.ServerObserver;

/**
 * Micrometer metrics for an mcpkit server: attach {@link #observer(MeterRegistry)} with {@code
 * McpServer.Builder.observer}. The meters (names as Micrometer sees them; a Prometheus registry
 * writes {@code mcp_server_operation_duration_seconds} and so on):
 *
 * <ul>
 *   <li>{@value #OPERATION_DURATION}: timer (histogram) of every request, tagged {@value
 *       #METHOD_TAG}, {@value #TOOL_TAG}, {@value #PROMPT_TAG}, {@value #ERROR_TAG} ({@code
 *       tool_error} for an {@code isError} result, the JSON-RPC code for an error, {@code
 *       cancelled}) and {@value #VERSION_TAG}; absent values are {@value #NONE}, a tool or prompt
 *       the server does not have is {@value #OTHER}
 *   <li>{@value #SESSION_DURATION}: timer of 2025-era sessions this instance ended, tagged {@value
 *       #VERSION_TAG}, {@value #TRANSPORT_TAG} and {@value #REASON_TAG}
 *   <li>{@value #OPEN_STREAMS}: gauge of open SSE streams by {@value #KIND_TAG} ({@code get},
 *       {@code post}, {@code listen}, {@code http_sse}): the auto-scaling signal
 *   <li>{@value #ACTIVE_SESSIONS}: gauge of sessions opened minus ended here, by {@value
 *       #TRANSPORT_TAG}
 *   <li>{@value #STREAMS_CLOSED}: counter by {@value #KIND_TAG} and {@value #REASON_TAG}
 *   <li>{@value #KEEP_ALIVES}: counter of keep-alive comments by {@value #KIND_TAG}
 *   <li>{@value #AUTH_FAILURES}: counter by {@value #REASON_TAG}
 *   <li>{@value #REJECTIONS}: counter of refused messages by {@value #TRANSPORT_TAG}, {@value
 *       #REASON_TAG} and {@value #STATUS_TAG}
 *   <li>{@value #STORE_FAILURES}: counter by {@value #COMPONENT_TAG}, {@value #OPERATION_TAG} and
 *       {@value #ERROR_TAG} (the exception's class)
 * </ul>
 *
 * <p>The histograms' buckets default to the conventions' {@code [0.01 … 300]} seconds for
 * operations and to those plus 10 minutes to 8 hours for sessions; both can be replaced.
 */
public final class McpMetrics {
  /** Duration of requests (the OpenTelemetry MCP server metric). */
  public static final String OPERATION_DURATION = "mcp.server.operation.duration";
  /** Duration of sessions (the OpenTelemetry MCP server metric). */
  public static final String SESSION_DURATION = "mcp.server.session.duration";
  /** Open SSE streams. */
  public static final String OPEN_STREAMS = "mcp.server.streams.open";
  /** Sessions open on this instance. */
  public static final String ACTIVE_SESSIONS = "mcp.server.sessions.active";
  /** SSE streams ended. */
  public static final String STREAMS_CLOSED = "mcp.server.streams.closed";
  /** Keep-alive comments written. */
  public static final String KEEP_ALIVES = "mcp.server.keepalives";
  /** Refused credentials. */
  public static final String AUTH_FAILURES = "mcp.server.auth.failures";
  /** Messages refused before a handler. */
  public static final String REJECTIONS = "mcp.server.rejections";
  /** Store and bus failures the engine went on without. */
  public static final String STORE_FAILURES = "mcp.server.store.failures";

  /** The MCP method. */
  public static final String METHOD_TAG = "mcp.method.name";
  /** The tool of a {@code tools/call}. */
  public static final String TOOL_TAG = "gen_ai.tool.name";
  /** The prompt of a {@code prompts/get}. */
  public static final String PROMPT_TAG = "gen_ai.prompt.name";
  /** How an operation failed. */
  public static final String ERROR_TAG = "error.type";
  /** The protocol revision. */
  public static final String VERSION_TAG = "mcp.protocol.version";
  /** The transport. */
  public static final String TRANSPORT_TAG = "mcp.transport";
  /** A stream's kind. */
  public static final String KIND_TAG = "kind";
  /** Why something ended or was refused. */
  public static final String REASON_TAG = "reason";
  /** The HTTP status of a refusal. */
  public static final String STATUS_TAG = "http.response.status_code";
  /** The failing store or bus. */
  public static final String COMPONENT_TAG = "component";
  /** The failing operation. */
  public static final String OPERATION_TAG = "operation";
  /** The value of a tag that does not apply. */
  public static final String NONE = "none";
  /** The value of a tool or prompt tag for a name the server does not have. */
  public static final String OTHER = "_OTHER";

  private McpMetrics() {}

  /** An observer recording into {@code registry} with the default buckets. */
  public static ServerObserver observer(MeterRegistry registry) {
    return builder(registry).build();
  }

  /** Starts configuring the meters of {@code registry}. */
  public static Builder builder(MeterRegistry registry) {
    return new Builder(registry);
  }

  /** Configures the meters. Not thread-safe; {@link #build()} copies what it was given. */
  public static final class Builder {
    static final List<Duration> OPERATION_BUCKETS = seconds(0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 30, 60, 120, 300);
    static final List<Duration> SESSION_BUCKETS =
        seconds(0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600, 1800, 3600, 7200, 14400, 28800);
    private final MeterRegistry registry;
    private List<Duration> operationBuckets = OPERATION_BUCKETS;
    private List<Duration> sessionBuckets = SESSION_BUCKETS;

    Builder(MeterRegistry registry) {
      this.registry = Objects.requireNonNull(registry, "registry");
    }

    /** The histogram buckets of {@value McpMetrics#OPERATION_DURATION} (at least one, each positive). */
    public Builder operationBuckets(Duration... buckets) {
      this.operationBuckets = checked(buckets);
      return this;
    }

    /** The histogram buckets of {@value McpMetrics#SESSION_DURATION} (at least one, each positive). */
    public Builder sessionBuckets(Duration... buckets) {
      this.sessionBuckets = checked(buckets);
      return this;
    }

    /** The observer; its gauges are registered now, at zero. */
    public ServerObserver build() {
      return new MetricsObserver(registry, operationBuckets, sessionBuckets);
    }

    private static List<Duration> checked(Duration[] buckets) {
      if (buckets.length == 0) {
        throw new IllegalArgumentException("at least one bucket is required");
      }
      for (Duration d : buckets) {
        if (d.isNegative() || d.isZero()) {
          throw new IllegalArgumentException("buckets must be positive, got " + d);
        }
      }
      return List.copyOf(Arrays.asList(buckets));
    }

    private static List<Duration> seconds(double... values) {
      return Arrays.stream(values).mapToObj(s -> Duration.ofNanos((long) (s * 1_000_000_000L))).toList();
    }
  }
}
