package org.mcpkit.protocol;

/** Reserved {@code _meta} keys. */
public final class MetaKeys {
  /** Request: the protocol revision (required in 2026-07-28). */
  public static final String PROTOCOL_VERSION = "io.modelcontextprotocol/protocolVersion";
  /** Request: the client's capabilities for this request (required in 2026-07-28). */
  public static final String CLIENT_CAPABILITIES = "io.modelcontextprotocol/clientCapabilities";
  /** Request: the client implementation, for display only. */
  public static final String CLIENT_INFO = "io.modelcontextprotocol/clientInfo";
  /** Request: opt-in log level for this request. */
  public static final String LOG_LEVEL = "io.modelcontextprotocol/logLevel";
  /** Request: opt-in progress token. */
  public static final String PROGRESS_TOKEN = "progressToken";
  /** Result: the server implementation. */
  public static final String SERVER_INFO = "io.modelcontextprotocol/serverInfo";
  /** Notification on a listen stream: the listen request's id. */
  public static final String SUBSCRIPTION_ID = "io.modelcontextprotocol/subscriptionId";
  /** W3C trace context. */
  public static final String TRACEPARENT = "traceparent";
  /** W3C trace state. */
  public static final String TRACESTATE = "tracestate";
  /** W3C baggage. */
  public static final String BAGGAGE = "baggage";

  private MetaKeys() {}
}
