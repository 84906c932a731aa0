package org.mcpkit.internal.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.mcpkit.internal.json.JsonRpcCodec;
import org.mcpkit.jsonrpc.JsonRpcErrorCodes;
import org.mcpkit.jsonrpc.JsonRpcMessage;
import org.mcpkit.jsonrpc.JsonRpcNotification;
import org.mcpkit.jsonrpc.JsonRpcRequest;
import org.mcpkit.jsonrpc.JsonRpcResponse;
import org.mcpkit.protocol.McpMethods;

/**
 * The one inbound path of every transport (stdio, Streamable HTTP, HTTP+SSE): what happens to a
 * decoded client message of a connection, and to a JSON-RPC batch (2025-03-26 and 2024-11-05
 * sessions only). Requests run through the transport's {@link Peer}; notifications go to the
 * dispatcher; a client's answer completes the server request waiting for it, or goes back to the
 * transport when none waits here. Batches are refused, served and answered the same way everywhere.
 */
public final class Inbound {
  /** The message for a batch sent where none is accepted. */
  public static final String BATCHES_NOT_SUPPORTED = "Invalid request: batches are not supported";
  /** The message for an empty batch. */
  public static final String EMPTY_BATCH = "Invalid request: empty batch";
  /** The message for an {@code initialize} request inside a batch. */
  public static final String INITIALIZE_IN_BATCH = "Invalid request: initialize must not be part of a batch";

  private Inbound() {}

  /** What a transport does with the messages of one connection that the dispatcher does not place. */
  public interface Peer {
    /** Runs a request with the transport's own sink. */
    void request(JsonRpcRequest request);

    /** After the dispatcher took a notification (HTTP tells other instances of a cancellation). */
    default void notified(JsonRpcNotification notification) {}

    /** A client's answer that no server request of this connection waits for. */
    default void unmatched(JsonRpcResponse response) {}
  }

  /** Delivers one client message of the connection. */
  public static void message(Dispatcher dispatcher, TransportContext context, JsonRpcMessage message, Peer peer) {
    if (message instanceof JsonRpcRequest request) {
      peer.request(request);
    } else if (message instanceof JsonRpcNotification notification) {
      dispatcher.notification(notification, context);
      peer.notified(notification);
    } else if (!dispatcher.clientResponse((JsonRpcResponse) message, context)) {
      peer.unmatched((JsonRpcResponse) message);
    }
  }

  /** Why a batch is refused as a whole; its answer is one -32600 error with the message. */
  public enum BatchRefusal {
    /** The connection has no session, or its revision takes no batches (only 2025-03-26 and 2024-11-05 do). */
    NOT_SUPPORTED(BATCHES_NOT_SUPPORTED),
    /** An empty array. */
    EMPTY(EMPTY_BATCH);

    private final String message;

    BatchRefusal(String message) {
      this.message = message;
    }

    /** The public message of the refusal. */
    public String message() {
      return message;
    }
  }

  /**
   * Why a batch is refused as a whole, or empty when it may be served: only a session that
   * negotiated a batching revision takes one, and never an empty one.
   */
  public static Optional<BatchRefusal> batchRefusal(LegacySession session, List<JsonNode> items) {
    if (session == null || !session.version().acceptsBatches()) {
      return Optional.of(BatchRefusal.NOT_SUPPORTED);
    }
    return items.isEmpty() ? Optional.of(BatchRefusal.EMPTY) : Optional.empty();
  }

  /**
   * Serves the items of an admitted batch: malformed items and {@code initialize} (which would
   * replace the session the batch was sent under) are answered at once, notifications and client
   * answers take the single-message path, and requests run through {@code run}, whose answer
   * callback takes the response or null (a cancelled call, left out of the array). Returns the JSON
   * array of every answer, in item order, once all are answered; empty when the batch held only
   * notifications and answers.
   */
  public static Optional<CompletableFuture<byte[]>> batch(
      Dispatcher dispatcher,
      TransportContext context,
      List<JsonNode> items,
      Peer peer,
      BiConsumer<JsonRpcRequest, Consumer<JsonRpcResponse>> run) {
    JsonRpcCodec codec = dispatcher.codec();
    List<CompletableFuture<JsonRpcResponse>> answers = new ArrayList<>();
    for (JsonNode item : items) {
      JsonRpcCodec.Decoded d = codec.decodeTree(item);
      if (!d.ok()) {
        answers.add(CompletableFuture.completedFuture(d.error()));
      } else if (d.message() instanceof JsonRpcRequest r) {
        if (McpMethods.INITIALIZE.equals(r.method())) {
          answers.add(CompletableFuture.completedFuture(
              JsonRpcCodec.failure(r.id(), JsonRpcErrorCodes.INVALID_REQUEST, INITIALIZE_IN_BATCH)));
        } else {
          CompletableFuture<JsonRpcResponse> f = new CompletableFuture<>();
          answers.add(f);
          run.accept(r, f::complete);
        }
      } else {
        message(dispatcher, context, d.message(), peer);
      }
    }
    if (answers.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        CompletableFuture.allOf(answers.toArray(new CompletableFuture<?>[0]))
            .handle((ignored, failure) -> {
              StringBuilder array = new StringBuilder("[");
              for (CompletableFuture<JsonRpcResponse> a : answers) {
                JsonRpcResponse r = a.getNow(null);
                if (r != null) {
                  array.append(array.length() > 1 ? "," : "").append(new String(codec.encode(r), StandardCharsets.UTF_8));
                }
              }
              return array.append(']').toString().getBytes(StandardCharsets.UTF_8);
            }));
  }
}
