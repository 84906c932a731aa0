package org.mcpkit.internal.dispatch;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import org.mcpkit.internal.json.ClientText;
import org.mcpkit.jsonrpc.JsonRpcError;
import org.mcpkit.jsonrpc.JsonRpcErrorCodes;
import org.mcpkit.jsonrpc.JsonRpcFailure;
import org.mcpkit.jsonrpc.JsonRpcResponse;
import org.mcpkit.jsonrpc.JsonRpcSuccess;
import org.mcpkit.jsonrpc.RequestId;
import org.mcpkit.server.McpException;
import org.mcpkit.server.observe.RequestObservation;
import org.mcpkit.server.observe.RequestScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs handler calls: a call slot each (a full server answers "busy" at once), on the {@link
 * HandlerPool} or on the caller's thread when it may run there, cancellable by the client's {@code
 * notifications/cancelled} (ids are scoped to their connection) or by the transport. The slot is
 * freed before the response goes out. Thread-safe.
 */
final class CallRunner {
  private static final Logger LOG = LoggerFactory.getLogger(CallRunner.class);
  private final HandlerPool pool;
  private final Semaphore permits;
  private final FeatureRouter router;
  private final ObjectMapper mapper;
  private final Map<ScopedId, CallImpl> inFlight = new ConcurrentHashMap<>();

  /** A request id within its transport scope (a stdio process, an HTTP session). */
  private record ScopedId(Object scope, RequestId id) {}

  CallRunner(HandlerPool pool, int maxConcurrent, FeatureRouter router, ObjectMapper mapper) {
    this.pool = pool;
    this.permits = new Semaphore(maxConcurrent);
    this.router = router;
    this.mapper = mapper;
  }

  /**
   * Runs a routed call. {@code mayRunHere}: the caller's thread may block, so the handler runs on
   * it when {@link HandlerPool#runsHere()} says so.
   */
  void run(FeatureRouter.Invocation inv, TransportContext context, boolean mayRunHere) {
    boolean inline = mayRunHere && pool.runsHere();
    RequestId id = inv.request().id();
    GuardedSink out = inv.out();
    CallImpl call = inv.call();
    if (!permits.tryAcquire()) {
      out.response(busy(id));
      return;
    }
    ScopedId key = new ScopedId(context.connection(), id);
    AtomicBoolean released = new AtomicBoolean();
    Runnable release =
        () -> {
          if (released.compareAndSet(false, true)) {
            inFlight.remove(key, call);
            permits.release();
          }
        };
    FutureTask<Void> task =
        new FutureTask<>(
            () -> {
              RequestObservation observation = inv.observation();
              // guarded already (the builder guards each observer): enter never throws
              RequestScope scope = observation == RequestObservation.none() ? null : observation.enter();
              try {
                JsonRpcResponse response = answer(inv);
                // The handler is done: free its slot before the response goes out, so a client
                // that sends its next request on receipt never sees a stale "busy".
                release.run();
                if (response != null) {
                  out.response(response);
                }
              } finally {
                if (scope != null) {
                  scope.close();
                }
              }
              return null;
            }) {
          @Override
          protected void done() {
            release.run();
          }
        };
    inFlight.put(key, call);
    call.attach(task);
    if (inline) {
      task.run();
      if (task.isCancelled()) {
        Thread.interrupted(); // a cancellation interrupted the handler: not the caller's thread
      }
      return;
    }
    try {
      pool.executor().execute(task);
    } catch (RejectedExecutionException e) {
      task.cancel(false);
      out.response(busy(id));
    }
  }

  /** Runs the handler; the response, or null when the call was cancelled. */
  private JsonRpcResponse answer(FeatureRouter.Invocation inv) {
    RequestId id = inv.request().id();
    CallImpl call = inv.call();
    try {
      if (call.isCancelled()) {
        return null;
      }
      return new JsonRpcSuccess(id, RevisionShaping.reply(router.route(inv), inv.session(), mapper));
    } catch (McpException e) {
      return new JsonRpcFailure(id, Envelopes.error(e, inv.meta().version()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    } catch (Exception e) {
      if (call.isCancelled()) {
        return null;
      }
      LOG.error("Request {} {} failed", inv.request().method(), ClientText.of(id), e);
      return new JsonRpcFailure(id, JsonRpcError.of(JsonRpcErrorCodes.INTERNAL_ERROR, "Internal error"));
    }
  }

  private static JsonRpcFailure busy(RequestId id) {
    return new JsonRpcFailure(id, JsonRpcError.of(JsonRpcErrorCodes.INTERNAL_ERROR, "Server busy, retry later"));
  }

  /** {@code notifications/cancelled}: stops the named call of the connection, if it runs. */
  void cancel(Map<String, Object> params, TransportContext context) {
    Object id = params.get("requestId");
    RequestId requestId;
    if (id instanceof String s) {
      requestId = RequestId.of(s);
    } else if (id instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
      requestId = RequestId.of(n.longValue());
    } else {
      return;
    }
    CallImpl call = inFlight.get(new ScopedId(context.connection(), requestId));
    if (call != null) {
      call.cancel();
    }
  }

  /** Number of calls holding a slot. */
  int count() {
    return inFlight.size();
  }

  /** Cancels every running call (server close). */
  void cancelAll() {
    for (CallImpl call : List.copyOf(inFlight.values())) {
      call.cancel();
    }
  }
}
