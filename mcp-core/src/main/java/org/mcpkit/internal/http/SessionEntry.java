package org.mcpkit.internal.http;

import java.util.function.Consumer;
import org.mcpkit.internal.dispatch.Connection;
import org.mcpkit.internal.dispatch.LegacySession;
import org.mcpkit.internal.dispatch.TransportContext;
import org.mcpkit.jsonrpc.JsonRpcMessage;

/**
 * A 2025-era session as this instance holds it: its connection, its creation time, its one GET
 * stream (the slot here and this instance's claim in the store), and the stored state it last
 * adopted. Kept small: a server holds one per idle session. As the session's change listener it
 * has the session's record saved.
 */
final class SessionEntry implements Runnable {
  final Connection connection;
  final TransportContext context;
  /** Creation time, epoch milliseconds (kept when another instance rebuilds the session). */
  final long createdAt;
  private final LegacySessions owner;
  /** The stored state this copy matches (as saved or adopted), to skip re-reading an unchanged record. */
  volatile byte[] state;
  /** When this copy was last known to match the store (read, saved), epoch ms; MIN_VALUE: re-read. */
  volatile long checkedAt = Long.MIN_VALUE;
  /** Counts the states this copy took (saved or read), guarded by this; a read it overtook is dropped. */
  long version;
  /** Counts changes signalled from other instances, so a read they raced is not trusted. */
  volatile int invalidations;
  /** When this instance last marked the session used in the store, epoch milliseconds. */
  volatile long touchedAt = Long.MIN_VALUE;

  private boolean getStreamOpen;
  volatile EventStream getStream;
  /** The holder name of this instance's claim on the GET stream, while it has one. */
  volatile String streamHolder;
  /** The session the claim is on (set with {@link #streamHolder}). */
  private String claimed;

  SessionEntry(LegacySessions owner, Connection connection, TransportContext context, long createdAt) {
    this.owner = owner;
    this.connection = connection;
    this.context = context;
    this.createdAt = createdAt;
  }

  synchronized long version() {
    return version;
  }

  /** The session, or null once it ended here. */
  LegacySession session() {
    return connection.session();
  }

  /** Claims the session's one GET stream slot here; false when it is open already. */
  synchronized boolean openGetStream() {
    if (getStreamOpen) {
      return false;
    }
    getStreamOpen = true;
    return true;
  }

  synchronized boolean hasGetStream() {
    return getStreamOpen;
  }

  /** Makes {@code stream} the session's GET stream; a stream that closed meanwhile is let go at once. */
  synchronized void attach(EventStream stream, Consumer<JsonRpcMessage> outbound) {
    getStream = stream;
    connection.outbound(outbound);
    if (stream.isClosed()) {
      detach(stream);
    }
  }

  /**
   * Releases the session from {@code stream} (closed, aged out), unless a newer GET stream already
   * took its place: an old stream's late callback must not cut off the client's new one.
   */
  synchronized void detach(EventStream stream) {
    if (getStream == stream) {
      getStream = null;
      connection.outbound(null);
      releaseClaim();
    }
  }

  /** Gives up the GET stream slot and the store claim (after a refused claim or a detach). */
  synchronized void releaseClaim() {
    String holder = streamHolder;
    streamHolder = null;
    getStreamOpen = false;
    if (holder != null) {
      owner.releaseStream(claimed, holder);
    }
    claimed = null;
  }

  synchronized void claimed(String sessionId, String holder) {
    claimed = sessionId;
    streamHolder = holder;
  }

  /** The log level, subscriptions or initialized flag changed: the record is saved. */
  @Override
  public void run() {
    owner.changed(this);
  }
}
