package org.mcpkit.internal.dispatch;

import java.util.function.Consumer;
import org.mcpkit.jsonrpc.JsonRpcMessage;

/**
 * One client connection as a transport sees it: a stdio process, or an HTTP session. Request ids
 * are unique within it; the legacy era keeps its session here, and {@link #outbound} carries
 * messages not tied to a request (legacy list-changed and resource-updated notifications).
 */
public final class Connection {
  private volatile LegacySession session;
  private volatile Consumer<JsonRpcMessage> outbound;

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
}
