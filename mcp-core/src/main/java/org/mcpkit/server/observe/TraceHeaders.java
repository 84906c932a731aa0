package org.mcpkit.server.observe;

import java.util.Objects;
import java.util.Optional;

/**
 * W3C Trace Context and Baggage fields a request carried, either in its {@code params._meta}
 * (unprefixed keys, as the OpenTelemetry MCP conventions and SEP-414 ask) or as HTTP headers.
 * Values longer than {@value #MAX_LENGTH} characters are dropped.
 *
 * @param traceparent the {@code traceparent} field
 * @param tracestate the {@code tracestate} field
 * @param baggage the {@code baggage} field
 */
public record TraceHeaders(Optional<String> traceparent, Optional<String> tracestate, Optional<String> baggage) {
  /** The longest value kept (W3C baggage may be 8192 bytes). */
  public static final int MAX_LENGTH = 8192;
  /** The {@code traceparent} key. */
  public static final String TRACEPARENT = "traceparent";
  /** The {@code tracestate} key. */
  public static final String TRACESTATE = "tracestate";
  /** The {@code baggage} key. */
  public static final String BAGGAGE = "baggage";

  private static final TraceHeaders NONE = new TraceHeaders(Optional.empty(), Optional.empty(), Optional.empty());

  /** Validates. */
  public TraceHeaders {
    Objects.requireNonNull(traceparent, "traceparent");
    Objects.requireNonNull(tracestate, "tracestate");
    Objects.requireNonNull(baggage, "baggage");
  }

  /** No fields. */
  public static TraceHeaders none() {
    return NONE;
  }

  /**
   * The fields from string values, any of which may be absent ({@code null}: the raw values of a
   * carrier); a value that is not a string, blank or too long counts as absent.
   */
  public static TraceHeaders of(Object traceparent, Object tracestate, Object baggage) {
    Optional<String> parent = field(traceparent);
    Optional<String> state = field(tracestate);
    Optional<String> bag = field(baggage);
    if (parent.isEmpty() && state.isEmpty() && bag.isEmpty()) {
      return NONE;
    }
    return new TraceHeaders(parent, state, bag);
  }

  private static Optional<String> field(Object value) {
    return value instanceof String s && !s.isBlank() && s.length() <= MAX_LENGTH ? Optional.of(s) : Optional.empty();
  }

  /** Whether no field is present. */
  public boolean isEmpty() {
    return traceparent.isEmpty() && tracestate.isEmpty() && baggage.isEmpty();
  }

  /** A field by its key ({@link #TRACEPARENT}, {@link #TRACESTATE}, {@link #BAGGAGE}, any case). */
  public Optional<String> get(String key) {
    Objects.requireNonNull(key, "key");
    if (key.equalsIgnoreCase(TRACEPARENT)) {
      return traceparent;
    }
    if (key.equalsIgnoreCase(TRACESTATE)) {
      return tracestate;
    }
    return key.equalsIgnoreCase(BAGGAGE) ? baggage : Optional.empty();
  }
}
