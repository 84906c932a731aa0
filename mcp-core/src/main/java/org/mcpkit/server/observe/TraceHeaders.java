package org.mcpkit.server.observe;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

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
   * The fields a carrier holds, read by key ({@link #TRACEPARENT}, {@link #TRACESTATE}, {@link
   * #BAGGAGE}); a blank or too long value counts as absent.
   */
  public static TraceHeaders from(Function<String, Optional<String>> carrier) {
    Objects.requireNonNull(carrier, "carrier");
    Optional<String> parent = carrier.apply(TRACEPARENT).filter(TraceHeaders::usable);
    Optional<String> state = carrier.apply(TRACESTATE).filter(TraceHeaders::usable);
    Optional<String> bag = carrier.apply(BAGGAGE).filter(TraceHeaders::usable);
    if (parent.isEmpty() && state.isEmpty() && bag.isEmpty()) {
      return NONE;
    }
    return new TraceHeaders(parent, state, bag);
  }

  private static boolean usable(String value) {
    return !value.isBlank() && value.length() <= MAX_LENGTH;
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
