package org.mcpkit.server.observe;

/** Why an SSE stream ended. */
public enum StreamCloseReason {
  /** Everything it had to carry was written (the result of its call, a finished replay). */
  COMPLETED,
  /** Its call was cancelled (by the client or the server) before it answered. */
  CANCELLED,
  /** The client closed the connection or went away. */
  CLIENT_GONE,
  /** A write to the client failed. */
  WRITE_ERROR,
  /** The client read too slowly: more events waited than the stream may hold. */
  OVERFLOW,
  /** It reached the maximum stream age and was ended with a {@code retry:} hint. */
  MAX_AGE,
  /** The endpoint is draining. */
  DRAIN,
  /** Its session ended (DELETE, expiry, or on another instance). */
  SESSION_ENDED,
  /** Its claim on the session's one GET stream lapsed and another stream holds it now. */
  CLAIM_LOST,
  /** The handler closed it for the client to resume later ({@code RequestContext.closeStream()}). */
  HANDLER_CLOSED,
  /**
   * Server events stopped reaching every instance (the {@code NotificationBus} is unavailable, say
   * its Redis is down): the stream was ended with a {@code retry:} hint instead of going silent, so
   * the client reconnects, and is served again once the bus is back.
   */
  EVENTS_UNAVAILABLE,
  /** The endpoint closed. */
  SERVER_CLOSED
}
