package org.mcpkit.internal.dispatch;

import java.util.Objects;
import org.mcpkit.server.observe.TraceHeaders;
import org.mcpkit.server.observe.Transport;

/**
 * Per-request facts only the transport knows, for observation: which transport carried the request
 * and the trace context headers of its HTTP request. Transports pass a shared constant when nothing
 * observes, so no header is read.
 *
 * @param transport the transport
 * @param httpTrace W3C trace headers of the HTTP request, or none
 */
public record RequestOrigin(Transport transport, TraceHeaders httpTrace) {
  /** A request read from stdio (and the default of callers that name no origin). */
  public static final RequestOrigin STDIO = new RequestOrigin(Transport.STDIO, TraceHeaders.none());
  /** A Streamable HTTP request whose headers were not read. */
  public static final RequestOrigin STREAMABLE_HTTP = new RequestOrigin(Transport.STREAMABLE_HTTP, TraceHeaders.none());
  /** An HTTP+SSE message whose headers were not read. */
  public static final RequestOrigin HTTP_SSE = new RequestOrigin(Transport.HTTP_SSE, TraceHeaders.none());

  /** Validates. */
  public RequestOrigin {
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(httpTrace, "httpTrace");
  }
}
