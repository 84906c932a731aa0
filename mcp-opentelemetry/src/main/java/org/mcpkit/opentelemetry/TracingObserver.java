package org.mcpkit.opentelemetry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.mcpkit.protocol.McpMethods;
import org.mcpkit.server.observe.MdcKeys;
import org.mcpkit.server.observe.RequestObservation;
import org.mcpkit.server.observe.RequestOutcome;
import org.mcpkit.server.observe.RequestScope;
import org.mcpkit.server.observe.RequestStart;
import org.mcpkit.server.observe.ServerObserver;
import org.mcpkit.server.observe.TraceHeaders;
import org.mcpkit.server.observe.Transport;
import org.slf4j.MDC;

/** The spans of {@link McpTracing}. Thread-safe. */
final class TracingObserver implements ServerObserver {
  private static final ObjectMapper JSON = new ObjectMapper();
  // the conventions' attribute keys, made once
  private static final AttributeKey<String> METHOD = AttributeKey.stringKey("mcp.method.name");
  private static final AttributeKey<String> REQUEST_ID = AttributeKey.stringKey("jsonrpc.request.id");
  private static final AttributeKey<String> TRANSPORT = AttributeKey.stringKey("network.transport");
  private static final AttributeKey<String> PROTOCOL = AttributeKey.stringKey("network.protocol.name");
  private static final AttributeKey<String> TOOL = AttributeKey.stringKey("gen_ai.tool.name");
  private static final AttributeKey<String> PROMPT = AttributeKey.stringKey("gen_ai.prompt.name");
  private static final AttributeKey<String> OPERATION = AttributeKey.stringKey("gen_ai.operation.name");
  private static final AttributeKey<String> VERSION = AttributeKey.stringKey("mcp.protocol.version");
  private static final AttributeKey<String> SESSION = AttributeKey.stringKey("mcp.session.id");
  private static final AttributeKey<String> RESOURCE = AttributeKey.stringKey("mcp.resource.uri");
  private static final AttributeKey<String> ARGUMENTS = AttributeKey.stringKey("gen_ai.tool.call.arguments");
  private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
  private static final AttributeKey<String> STATUS_CODE = AttributeKey.stringKey("rpc.response.status_code");
  private static final AttributeKey<String> RESULT = AttributeKey.stringKey("gen_ai.tool.call.result");
  private static final TextMapGetter<TraceHeaders> GETTER = new TextMapGetter<>() {
    @Override
    public Iterable<String> keys(TraceHeaders carrier) {
      List<String> keys = new ArrayList<>(3);
      carrier.traceparent().ifPresent(v -> keys.add(TraceHeaders.TRACEPARENT));
      carrier.tracestate().ifPresent(v -> keys.add(TraceHeaders.TRACESTATE));
      carrier.baggage().ifPresent(v -> keys.add(TraceHeaders.BAGGAGE));
      return keys;
    }

    @Override
    public String get(TraceHeaders carrier, String key) {
      return carrier == null ? null : carrier.get(key).orElse(null);
    }
  };

  private final Tracer tracer;
  private final TextMapPropagator propagator;
  private final boolean recordArguments;
  private final boolean recordResults;
  private final boolean recordSessionId;
  private final boolean mdc;

  TracingObserver(McpTracing.Builder b) {
    this.tracer = b.openTelemetry.getTracer(McpTracing.INSTRUMENTATION_NAME);
    this.propagator = b.propagator;
    this.recordArguments = b.recordArguments;
    this.recordResults = b.recordResults;
    this.recordSessionId = b.recordSessionId;
    this.mdc = b.mdc;
  }

  @Override
  public RequestObservation requestStarted(RequestStart start) {
    Context ambient = Context.current();
    Context fromHttp = start.httpTrace().isEmpty() ? null : propagator.extract(Context.root(), start.httpTrace(), GETTER);
    Context parent;
    if (!start.metaTrace().isEmpty()) {
      parent = propagator.extract(Context.root(), start.metaTrace(), GETTER);
    } else if (fromHttp != null && Span.fromContext(fromHttp).getSpanContext().isValid()) {
      parent = fromHttp;
    } else {
      parent = ambient;
    }
    String method = start.method();
    String target = start.target().orElse(null);
    boolean stdio = start.transport() == Transport.STDIO;
    // What a sampler may decide on goes on the builder; the rest only onto a span that records, so
    // a request the sampler drops costs little more than the decision.
    SpanBuilder b = tracer.spanBuilder(target == null ? method : method + " " + target)
        .setSpanKind(SpanKind.SERVER)
        .setParent(parent)
        .setAttribute(METHOD, method)
        .setAttribute(TRANSPORT, stdio ? "pipe" : "tcp");
    if (!stdio) {
      b.setAttribute(PROTOCOL, "http");
    }
    if (start.toolName().isPresent()) {
      b.setAttribute(TOOL, start.toolName().get());
    } else if (start.promptName().isPresent()) {
      b.setAttribute(PROMPT, start.promptName().get());
    }
    if (McpMethods.TOOLS_CALL.equals(method)) {
      b.setAttribute(OPERATION, "execute_tool");
    }
    SpanContext parentSpan = Span.fromContext(parent).getSpanContext();
    if (fromHttp != null) {
      link(b, parentSpan, Span.fromContext(fromHttp).getSpanContext());
    }
    if (parent != ambient) {
      link(b, parentSpan, Span.fromContext(ambient).getSpanContext());
    }
    Span span = b.startSpan();
    if (span.isRecording()) {
      span.setAttribute(REQUEST_ID, String.valueOf(start.requestId().wireValue()));
      if (start.protocolVersion().isPresent()) {
        span.setAttribute(VERSION, start.protocolVersion().get().id());
      }
      Optional<String> session = recordSessionId ? start.sessionId() : start.sessionHash();
      if (session.isPresent()) {
        span.setAttribute(SESSION, session.get());
      }
      if (start.resourceUri().isPresent()) {
        span.setAttribute(RESOURCE, start.resourceUri().get());
      }
      if (recordArguments && !start.arguments().isEmpty()) {
        span.setAttribute(ARGUMENTS, json(start.arguments()));
      }
    }
    return new SpanObservation(span, parent.with(span));
  }

  /** Links a context other than the parent (the HTTP request's, the ambient one). */
  private static void link(SpanBuilder b, SpanContext parent, SpanContext other) {
    if (other != null && other.isValid() && !other.equals(parent)) {
      b.addLink(other);
    }
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      return String.valueOf(value);
    }
  }

  /** One request's span. */
  private final class SpanObservation implements RequestObservation {
    private final Span span;
    private final Context context;

    SpanObservation(Span span, Context context) {
      this.span = span;
      this.context = context;
    }

    @Override
    public RequestScope enter() {
      Scope scope = context.makeCurrent();
      if (!mdc) {
        return scope::close;
      }
      SpanContext sc = span.getSpanContext();
      String previousTrace = MDC.get(MdcKeys.TRACE_ID);
      String previousSpan = MDC.get(MdcKeys.SPAN_ID);
      MDC.put(MdcKeys.TRACE_ID, sc.getTraceId());
      MDC.put(MdcKeys.SPAN_ID, sc.getSpanId());
      return () -> {
        restore(MdcKeys.SPAN_ID, previousSpan);
        restore(MdcKeys.TRACE_ID, previousTrace);
        scope.close();
      };
    }

    @Override
    public void end(RequestOutcome outcome) {
      if (outcome.status() != RequestOutcome.Status.SUCCESS && span.isRecording()) {
        String type = outcome.errorType().orElseThrow();
        span.setAttribute(ERROR_TYPE, type);
        span.setStatus(StatusCode.ERROR, outcome.error().map(e -> e.message()).orElse(type));
        outcome.error().ifPresent(e -> span.setAttribute(STATUS_CODE, Integer.toString(e.code())));
      }
      if (recordResults && span.isRecording()) {
        outcome.result().ifPresent(r -> span.setAttribute(RESULT, json(r)));
      }
      span.end();
    }
  }

  private static void restore(String key, String value) {
    if (value == null) {
      MDC.remove(key);
    } else {
      MDC.put(key, value);
    }
  }
}
