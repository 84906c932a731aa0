package org.mcpkit.opentelemetry;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.Objects;
import org.mcpkit.server.observe.ServerObserver;

/**
 * OpenTelemetry tracing for an mcpkit server: attach {@link #observer(OpenTelemetry)} with {@code
 * McpServer.Builder.observer}. Each request gets a SERVER span named {@code {mcp.method.name}
 * {target}} (for example {@code tools/call weather}; the target only for a tool or prompt the
 * server has) with the conventions' attributes: {@code mcp.method.name}, {@code gen_ai.tool.name}
 * or {@code gen_ai.prompt.name}, {@code gen_ai.operation.name=execute_tool} for tool calls, {@code
 * jsonrpc.request.id}, {@code mcp.protocol.version}, {@code mcp.session.id} (a hash of the session
 * id unless {@link Builder#recordSessionId} opts into the id), {@code mcp.resource.uri}, {@code
 * network.transport}, {@code network.protocol.name}; on failure {@code error.type} ({@code
 * tool_error} for an {@code isError} result), {@code rpc.response.status_code} and an error status
 * with the JSON-RPC message.
 *
 * <p>The parent is the W3C trace context in the request's {@code params._meta} ({@code
 * traceparent}, {@code tracestate}, {@code baggage}), else the HTTP request's headers, else the
 * context current where the request was dispatched; when the parent came from {@code _meta}, the
 * HTTP headers' context is linked. While the handler runs the span's context is current (and
 * {@code trace_id}/{@code span_id} are in the MDC), so spans the handler starts nest under it.
 * Arguments and results are never recorded unless {@link Builder#recordArguments} or {@link
 * Builder#recordResults} opts in: they may hold personal data.
 */
public final class McpTracing {
  /** The instrumentation scope name of the spans. */
  public static final String INSTRUMENTATION_NAME = "org.mcpkit.opentelemetry";

  private McpTracing() {}

  /** An observer tracing with {@code openTelemetry}'s tracer provider and the defaults. */
  public static ServerObserver observer(OpenTelemetry openTelemetry) {
    return builder(openTelemetry).build();
  }

  /** Starts configuring tracing with {@code openTelemetry}. */
  public static Builder builder(OpenTelemetry openTelemetry) {
    return new Builder(openTelemetry);
  }

  /** Configures tracing. Not thread-safe. */
  public static final class Builder {
    final OpenTelemetry openTelemetry;
    TextMapPropagator propagator =
        TextMapPropagator.composite(W3CTraceContextPropagator.getInstance(), W3CBaggagePropagator.getInstance());
    boolean recordArguments;
    boolean recordResults;
    boolean recordSessionId;
    boolean mdc = true;

    Builder(OpenTelemetry openTelemetry) {
      this.openTelemetry = Objects.requireNonNull(openTelemetry, "openTelemetry");
    }

    /**
     * How {@code traceparent}, {@code tracestate} and {@code baggage} are read from {@code _meta}
     * and the HTTP headers (default: W3C Trace Context and W3C Baggage, which is what those fields
     * are, whatever propagators the application configured for its own HTTP calls).
     */
    public Builder propagator(TextMapPropagator propagator) {
      this.propagator = Objects.requireNonNull(propagator, "propagator");
      return this;
    }

    /** Records tool and prompt arguments as {@code gen_ai.tool.call.arguments} (JSON). Default off. */
    public Builder recordArguments(boolean record) {
      this.recordArguments = record;
      return this;
    }

    /** Records results as {@code gen_ai.tool.call.result} (JSON). Default off. */
    public Builder recordResults(boolean record) {
      this.recordResults = record;
      return this;
    }

    /** Records the 2025-era session id itself as {@code mcp.session.id}, instead of its hash. Default off. */
    public Builder recordSessionId(boolean record) {
      this.recordSessionId = record;
      return this;
    }

    /** Puts {@code trace_id} and {@code span_id} into the SLF4J MDC while the handler runs. Default on. */
    public Builder mdc(boolean enabled) {
      this.mdc = enabled;
      return this;
    }

    /** The observer. */
    public ServerObserver build() {
      return new TracingObserver(this);
    }
  }
}
