package org.mcpkit.internal.http;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Consumer;
import org.mcpkit.internal.dispatch.Inbound;
import org.mcpkit.internal.json.JsonRpcCodec;
import org.mcpkit.jsonrpc.JsonRpcMessage;
import org.mcpkit.jsonrpc.JsonRpcNotification;
import org.mcpkit.jsonrpc.JsonRpcRequest;
import org.mcpkit.jsonrpc.JsonRpcResponse;
import org.mcpkit.jsonrpc.RequestId;
import org.mcpkit.protocol.McpMethods;

/**
 * 2025-era sessions across the instances that share a session store, over the {@link
 * org.mcpkit.server.http.SessionBus}: a client's cancellation goes to every instance (whichever
 * runs the call stops it), an answer no call here waits for goes to the instance its id names
 * ({@code mcpkit-<instance>-<n>}), and signals from the others end, refresh or complete what this
 * instance holds. Thread-safe; signal handling never blocks (it runs on the bus's thread).
 */
final class SessionReplication {
  private final EndpointCore core;
  private final LegacySessions sessions;

  SessionReplication(EndpointCore core, LegacySessions sessions) {
    this.core = core;
    this.sessions = sessions;
  }

  /** The inbound side of one session's client messages on this instance. */
  Inbound.Peer peer(String sessionId, Consumer<JsonRpcRequest> requests) {
    return new Inbound.Peer() {
      @Override
      public void request(JsonRpcRequest request) {
        requests.accept(request);
      }

      @Override
      public void notified(JsonRpcNotification n) {
        if (McpMethods.NOTIFICATIONS_CANCELLED.equals(n.method())) {
          // The call may run on another instance: whichever runs it stops it.
          core.publish(SessionSignal.clientMessage(sessionId, core.instanceId, Optional.empty(), text(n)));
        }
      }

      @Override
      public void unmatched(JsonRpcResponse response) {
        // Its id names the instance that asked; any other answer came late and is dropped.
        Optional<String> target = response.requestId().flatMap(SessionReplication::askingInstance);
        if (target.isPresent() && !target.get().equals(core.instanceId)) {
          core.publish(SessionSignal.clientMessage(sessionId, core.instanceId, target, text(response)));
        }
      }
    };
  }

  /** A server message for a session whose GET stream another instance holds. */
  void toStreamHolder(String sessionId, JsonRpcMessage message) {
    core.publish(SessionSignal.serverMessage(sessionId, core.instanceId, text(message)));
  }

  private String text(JsonRpcMessage message) {
    return new String(core.codec.encode(message), StandardCharsets.UTF_8);
  }

  /** The instance a server-to-client request id names, if it is one of ours. */
  static Optional<String> askingInstance(RequestId id) {
    if (!(id.wireValue() instanceof String s) || !s.startsWith("mcpkit-")) {
      return Optional.empty();
    }
    int dash = s.lastIndexOf('-');
    return dash > 7 ? Optional.of(s.substring(7, dash)) : Optional.empty();
  }

  /** A signal from another instance about a session. */
  void onSignal(byte[] bytes) {
    Optional<SessionSignal> decoded = SessionSignal.decode(bytes);
    if (decoded.isEmpty() || !decoded.get().isFor(core.instanceId)) {
      return;
    }
    SessionSignal signal = decoded.get();
    String id = signal.sessionId();
    switch (signal.kind()) {
      case SESSION_ENDED -> {
        sessions.endLocalCalls(id);
        sessions.dropLocal(id, org.mcpkit.server.observe.StreamCloseReason.SESSION_ENDED);
      }
      case SESSION_CHANGED -> sessions.refresh(id);
      case SERVER_MESSAGE -> {
        SessionEntry entry = held(id);
        Consumer<JsonRpcMessage> out = entry == null ? null : entry.connection.outbound();
        Optional<JsonRpcMessage> message = message(signal);
        if (out != null && message.isPresent()) {
          out.accept(message.get()); // this instance holds the session's GET stream
        }
      }
      case CLIENT_MESSAGE -> {
        SessionEntry entry = held(id);
        Optional<JsonRpcMessage> message = message(signal);
        if (entry == null || message.isEmpty()) {
          return;
        }
        if (message.get() instanceof JsonRpcResponse r) {
          core.dispatcher.clientResponse(r, entry.context);
        } else if (message.get() instanceof JsonRpcNotification n) {
          core.dispatcher.notification(n, entry.context);
        }
      }
    }
  }

  /** This instance's live copy of a session, or null (HTTP+SSE sessions never leave their instance). */
  private SessionEntry held(String id) {
    SessionEntry entry = sessions.local(id);
    return entry == null || entry.session() == null ? null : entry;
  }

  private Optional<JsonRpcMessage> message(SessionSignal signal) {
    JsonRpcCodec.Decoded d = core.codec.decode(signal.message().getBytes(StandardCharsets.UTF_8));
    return d.ok() && !d.isBatch() ? Optional.of(d.message()) : Optional.empty();
  }
}
