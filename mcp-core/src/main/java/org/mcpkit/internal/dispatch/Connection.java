package org.mcpkit.internal.dispatch;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.mcpkit.jsonrpc.JsonRpcMessage;
import org.mcpkit.jsonrpc.RequestId;

/**
 * One client connection as a transport sees it: a stdio process, or an HTTP session. Request ids
 * are unique within it; the legacy era keeps its session here, and {@link #outbound} carries
 * messages not tied to a request (legacy list-changed and resource-updated notifications).
 *
 * <p>It also names the server's own requests to the client: ids are a prefix and a counter. An HTTP
 * endpoint gives all its connections one prefix naming the instance and one counter, so an id is
 * never reused within a session (even one rebuilt after a move between instances) and a client's
 * answer that reaches another instance can be sent to the one that asked.
 */
public final class Connection {
  private static final String DEFAULT_PREFIX = "mcpkit-";
  private final String requestIdPrefix;
  private final AtomicLong requestIds;
  private volatile LegacySession session;
  private volatile Consumer<JsonRpcMessage> outbound;
  private volatile Consumer<JsonRpcMessage> relay;

  /** A connection with its own request id counter. */
  public Connection() {
    this(DEFAULT_PREFIX, new AtomicLong());
  }

  /** A connection whose server-to-client request ids are {@code prefix} and the next {@code counter} value. */
  public Connection(String requestIdPrefix, AtomicLong requestIds) {
    this.requestIdPrefix = java.util.Objects.requireNonNull(requestIdPrefix, "requestIdPrefix");
    this.requestIds = java.util.Objects.requireNonNull(requestIds, "requestIds");
  }

  /** A fresh id for a server-to-client request. */
  public RequestId nextRequestId() {
    return RequestId.of(requestIdPrefix + requestIds.incrementAndGet());
  }

  /** The legacy session, or null before {@code initialize}. */
  public LegacySession session() {
    return session;
  }

  /** Sets the legacy session (for transports restoring a session by id). */
  public void session(LegacySession session) {
    this.session = session;
  }

  /** Where session-wide messages go; null drops them. */
  public Consumer<JsonRpcMessage> outbound() {
    return outbound;
  }

  /** Sets where session-wide messages go. */
  public void outbound(Consumer<JsonRpcMessage> outbound) {
    this.outbound = outbound;
  }

  /**
   * Sets where a message for the session's stream goes when this connection holds none (an HTTP
   * endpoint passes it to the instance holding the session's GET stream); null: nowhere.
   */
  public void relay(Consumer<JsonRpcMessage> relay) {
    this.relay = relay;
  }

  /**
   * Where a message for this one session goes (a task's status, progress or log notification):
   * its stream here, else the relay to the instance holding it; null when neither exists. Unlike
   * {@link #outbound}, which events every instance delivers itself must use, this reaches the
   * client once wherever its stream is.
   */
  public Consumer<JsonRpcMessage> sessionWide() {
    Consumer<JsonRpcMessage> out = outbound;
    return out != null ? out : relay;
  }
}
