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
import org.mcpkit.protocol.McpMethods;
import org.mcpkit.protocol.ProtocolVersion;
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
    SpanBuilder b = tracer.spanBuilder(start.target().map(t -> method + " " + t).orElse(method))
        .setSpanKind(SpanKind.SERVER)
        .setParent(parent)
        .setAttribute(METHOD, method)
        .setAttribute(REQUEST_ID, String.valueOf(start.requestId().wireValue()))
        .setAttribute(TRANSPORT, start.transport() == Transport.STDIO ? "pipe" : "tcp");
    if (start.transport() != Transport.STDIO) {
      b.setAttribute(PROTOCOL, "http");
    }
    start.toolName().ifPresent(t -> b.setAttribute(TOOL, t));
    start.promptName().ifPresent(p -> b.setAttribute(PROMPT, p));
    if (McpMethods.TOOLS_CALL.equals(method)) {
      b.setAttribute(OPERATION, "execute_tool");
    }
    start.protocolVersion().map(ProtocolVersion::id).ifPresent(v -> b.setAttribute(VERSION, v));
    (recordSessionId ? start.sessionId() : start.sessionHash()).ifPresent(s -> b.setAttribute(SESSION, s));
    start.resourceUri().ifPresent(u -> b.setAttribute(RESOURCE, u));
    if (recordArguments && !start.arguments().isEmpty()) {
      b.setAttribute(ARGUMENTS, json(start.arguments()));
    }
    SpanContext parentSpan = Span.fromContext(parent).getSpanContext();
    link(b, parentSpan, fromHttp == null ? null : Span.fromContext(fromHttp).getSpanContext());
    link(b, parentSpan, Span.fromContext(ambient).getSpanContext());
    Span span = b.startSpan();
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
      outcome.errorType().ifPresent(type -> {
        span.setAttribute(ERROR_TYPE, type);
        String message = outcome.error().map(e -> e.message()).orElse(type);
        span.setStatus(StatusCode.ERROR, message);
      });
      outcome.error().ifPresent(e -> span.setAttribute(STATUS_CODE, Integer.toString(e.code())));
      if (recordResults) {
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
