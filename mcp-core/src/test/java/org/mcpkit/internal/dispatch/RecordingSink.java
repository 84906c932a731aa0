package org.mcpkit.internal.dispatch;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.mcpkit.jsonrpc.JsonRpcNotification;
import org.mcpkit.jsonrpc.JsonRpcResponse;

/** Records what the dispatcher sends for one call. */
class RecordingSink implements ResponseSink {
  final CompletableFuture<JsonRpcResponse> response = new CompletableFuture<>();
  final List<JsonRpcNotification> notifications = new CopyOnWriteArrayList<>();
  final BlockingQueue<JsonRpcNotification> notificationQueue = new LinkedBlockingQueue<>();
  volatile int responses;

  @Override
  public void notification(JsonRpcNotification notification) {
    if (response.isDone()) {
      throw new AssertionError("notification after response: " + notification);
    }
    notifications.add(notification);
    notificationQueue.add(notification);
  }

  @Override
  public void response(JsonRpcResponse r) {
    responses++;
    response.complete(r);
  }

  JsonRpcResponse await() throws Exception {
    return response.get(10, TimeUnit.SECONDS);
  }

  JsonRpcNotification nextNotification() throws InterruptedException {
    JsonRpcNotification n = notificationQueue.poll(10, TimeUnit.SECONDS);
    if (n == null) {
      throw new AssertionError("no notification within 10 s");
    }
    return n;
  }
}
