package org.mcpkit.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.mcpkit.internal.dispatch.BatchRules;
import org.mcpkit.internal.dispatch.Dispatcher;
import org.mcpkit.internal.dispatch.TransportContext;
import org.mcpkit.internal.json.JsonRpcCodec;
import org.mcpkit.jsonrpc.JsonRpcNotification;
import org.mcpkit.jsonrpc.JsonRpcRequest;
import org.mcpkit.jsonrpc.JsonRpcResponse;

/**
 * Serves the items of a JSON-RPC batch of a 2025-03-26 or 2024-11-05 session for both HTTP
 * transports: malformed and refused items are answered at once, notifications and client
 * responses go to the caller's {@code inbound} (as a single message would), and requests run
 * through the caller's {@code run}; a request answered with null (cancelled) is left out.
 */
final class Batches {
  private Batches() {}

  /**
   * Serves {@code items}; returns the JSON array of every answer, in item order, once all requests
   * are answered, or empty when the batch held only notifications and responses.
   */
  static Optional<CompletableFuture<byte[]>> serve(
      JsonRpcCodec codec,
      Dispatcher dispatcher,
      TransportContext context,
      List<JsonNode> items,
      Consumer<org.mcpkit.jsonrpc.JsonRpcMessage> inbound,
      BiConsumer<JsonRpcRequest, Consumer<JsonRpcResponse>> run) {
    List<CompletableFuture<JsonRpcResponse>> answers = new ArrayList<>();
    for (JsonNode item : items) {
      JsonRpcCodec.Decoded d = codec.decodeTree(item);
      if (!d.ok()) {
        answers.add(CompletableFuture.completedFuture(d.error()));
      } else if (d.message() instanceof JsonRpcRequest r) {
        Optional<JsonRpcResponse> refused = BatchRules.refusal(r);
        if (refused.isPresent()) {
          answers.add(CompletableFuture.completedFuture(refused.get()));
        } else {
          CompletableFuture<JsonRpcResponse> f = new CompletableFuture<>();
          answers.add(f);
          run.accept(r, f::complete);
        }
      } else {
        inbound.accept(d.message()); // a notification or a client response
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
                  array.append(array.length() > 1 ? "," : "")
                      .append(new String(codec.encode(r), StandardCharsets.UTF_8));
                }
              }
              return array.append(']').toString().getBytes(StandardCharsets.UTF_8);
            }));
  }
}
