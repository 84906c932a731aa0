package org.mcpkit.internal.http;

import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.mcpkit.internal.dispatch.Call;
import org.mcpkit.internal.dispatch.ResponseSink;
import org.mcpkit.jsonrpc.JsonRpcNotification;
import org.mcpkit.jsonrpc.JsonRpcRequest;
import org.mcpkit.jsonrpc.JsonRpcResponse;
import org.mcpkit.server.http.EventStore;
import org.mcpkit.server.http.HttpEndpointOptions;
import org.mcpkit.server.observe.RequestObservation;
import org.mcpkit.server.observe.StreamCloseReason;
import org.mcpkit.server.observe.StreamKind;
import org.mcpkit.transport.spi.ResponseChannel;

/**
 * Answers one dispatched POST request: as JSON, or as SSE once a message must precede the result
 * (or the client prefers SSE, or the call runs past {@code streamAfter}). A 2025-era call's stream
 * is resumable: its events are stored first, also while the client is away. The sink methods and
 * the stream-after timer are synchronized and call the container; the methods container threads
 * call ({@link #attach}, the stream's close callback) take no lock, so a container holding its own
 * lock never waits for this one.
 */
final class Responder implements ResponseSink {
  private final EndpointCore core;
  private final HttpEndpointOptions options;
  private final Exchange exchange;
  private final Map<String, String> baseHeaders;
  private final boolean cancelOnDisconnect;
  /** A {@code subscriptions/listen} stream: ends at the maximum age and on drain. */
  final boolean subscription;
  /** The event stream id (2025-era calls: events are stored for resumption), or null. */
  final String resumableId;
  /** Whether the stream starts with a priming event (2025-11-25). */
  private final boolean prime;
  private volatile EventStream stream;
  private volatile boolean answered;
  private volatile Call call;
  private volatile ScheduledFuture<?> streamTimer;
  private volatile boolean sessionGone;
  /** The request's observation, while an observer is attached (its stream logs inside it). */
  private volatile RequestObservation observation = RequestObservation.none();

  /** A 2026-07-28 call: cancelled when the client disconnects. */
  static Responder modern(EndpointCore core, Exchange exchange, boolean subscription) {
    return new Responder(core, exchange, Map.of(), true, subscription, null, false);
  }

  /** A call of a 2025-era session: goes on after a disconnect, resumable when {@code streamId} is set. */
  static Responder legacy(EndpointCore core, Exchange exchange, Map<String, String> headers, String streamId, boolean prime) {
    return new Responder(core, exchange, headers, false, false, streamId, prime);
  }

  private Responder(
      EndpointCore core,
      Exchange exchange,
      Map<String, String> headers,
      boolean cancelOnDisconnect,
      boolean subscription,
      String resumableId,
      boolean prime) {
    this.core = core;
    this.options = core.options;
    this.exchange = exchange;
    this.baseHeaders = headers.isEmpty() ? Map.of() : headers; // a listen stream keeps no empty map
    this.cancelOnDisconnect = cancelOnDisconnect;
    this.subscription = subscription;
    this.resumableId = resumableId;
    this.prime = prime;
    if (resumableId != null) {
      core.resumable.put(resumableId, this);
    }
    core.active.add(this);
    if (subscription
        || options.responseMode() == HttpEndpointOptions.ResponseMode.ALWAYS_SSE
        || (options.responseMode() == HttpEndpointOptions.ResponseMode.AUTO
            && AcceptHeader.prefersSse(exchange.headers("Accept")))) {
      openStream(subscription);
    }
  }

  /** The dispatched call; starts the stream-after timer of an AUTO answer still owed. */
  void attach(Call call) {
    this.call = call;
    if (sessionGone) {
      call.cancel(); // the session ended while this request was dispatched
    }
    EventStream s = stream;
    if (s != null && s.isClosed() && !answered && cancelOnDisconnect) {
      call.cancel();
    }
    if (options.responseMode() == HttpEndpointOptions.ResponseMode.AUTO && !answered && s == null) {
      ScheduledFuture<?> timer =
          core.scheduler().schedule(this::streamIfStillRunning, options.streamAfter().toMillis(), TimeUnit.MILLISECONDS);
      streamTimer = timer;
      if (answered) {
        timer.cancel(false);
      }
    }
  }

  private synchronized void openStream(boolean primeNow) {
    Map<String, String> headers = Responses.sseHeaders();
    headers.putAll(baseHeaders);
    ResponseChannel channel = exchange.respond(200, headers);
    stream = core.stream(channel, subscription ? StreamKind.LISTEN : StreamKind.POST, this::gone);
    stream.observation(observation);
    if (resumableId != null && prime) {
      byte[] empty = new byte[0];
      stream.event(options.eventStore().append(resumableId, empty), empty);
    } else if (primeNow) {
      stream.send(EventStream.COMMENT);
    }
    stream.startKeepAlive(core.timers, options.keepAlive().toMillis());
    if (subscription) {
      core.limitAge(stream, () -> endStream(core.retryHint(), StreamCloseReason.MAX_AGE));
    }
  }

  private synchronized void streamIfStillRunning() {
    if (!answered && stream == null) {
      openStream(true);
    }
  }

  /** Marks the request answered (once) and stops its stream-after timer; false if it already was. */
  private boolean answerOnce() {
    if (answered) {
      return false;
    }
    answered = true;
    ScheduledFuture<?> timer = streamTimer;
    if (timer != null) {
      timer.cancel(false);
    }
    return true;
  }

  @Override
  public void observed(RequestObservation observation) {
    this.observation = observation;
    EventStream s = stream;
    if (s != null) {
      s.observation(observation);
    }
  }

  /** Drain or maximum age: tells the client when to come back, ends the stream and the call behind it. */
  void endStream(byte[] retry, StreamCloseReason reason) {
    EventStream s = stream;
    core.active.remove(this);
    if (s != null) {
      s.send(retry);
      s.finish(reason);
    }
    Call c = call;
    if (c != null) {
      c.cancel();
    }
  }

  /**
   * The call was cancelled and will not answer (the spec says no response follows a
   * cancellation): the stream ends without one, a JSON answer still owed becomes 204, and the
   * exchange, the stream and the drain count are let go.
   */
  @Override
  public void cancelled() {
    // Container threads cancel too (a disconnect): they take no lock here, the timer thread does.
    try {
      core.scheduler().execute(this::release);
    } catch (RejectedExecutionException e) {
      core.active.remove(this); // the endpoint is closing
    }
  }

  private synchronized void release() {
    if (!answerOnce()) {
      return;
    }
    EventStream s = stream;
    if (s != null) {
      s.finish(StreamCloseReason.CANCELLED);
    } else {
      core.responses.empty(exchange, 204);
    }
    if (resumableId != null) {
      core.resumable.remove(resumableId);
    }
    core.active.remove(this);
  }

  /**
   * The call's session ended: the handler is cancelled; an open stream ends with a {@code retry:}
   * hint (the client's resume then learns the session is gone), a JSON answer still owed is 404.
   */
  synchronized void sessionEnded(byte[] retry) {
    if (!answerOnce()) {
      return;
    }
    sessionGone = true;
    Call c = call;
    if (c != null) {
      c.cancel();
    }
    EventStream s = stream;
    if (s != null) {
      s.send(retry);
      s.finish(StreamCloseReason.SESSION_ENDED);
    } else {
      core.responses.fail(exchange, HttpFailure.SESSION_NOT_FOUND);
    }
    core.resumable.remove(resumableId);
    core.active.remove(this);
  }

  private void gone() {
    Call c = call;
    if (!answered && cancelOnDisconnect && c != null) {
      core.active.remove(this);
      c.cancel();
    }
    // A legacy call goes on after a disconnect: it stays active (drain waits for it) and its
    // events are stored for resumption.
  }

  /** Sends a message on the stream; resumable streams store it first, also while detached. */
  private boolean emit(byte[] json) {
    EventStream s = stream;
    if (resumableId != null) {
      String id = options.eventStore().append(resumableId, json);
      if (s != null && !s.isClosed()) {
        s.event(id, json);
      }
      return true;
    }
    return s != null && s.event(json);
  }

  @Override
  public synchronized void closeStream() {
    if (resumableId == null || answered) {
      return;
    }
    if (stream == null) {
      openStream(false);
    }
    core.endWithRetry(stream, StreamCloseReason.HANDLER_CLOSED);
  }

  /** A client resumed this stream with {@code Last-Event-ID}: replay, then continue live. */
  synchronized void reattach(EventStream resumed, String lastEventId) {
    replay(options.eventStore(), resumed, lastEventId);
    if (answered) {
      resumed.finish();
    } else {
      stream = resumed;
    }
  }

  /** Sends the stored events after {@code lastEventId}, skipping priming events. */
  static void replay(EventStore store, EventStream resumed, String lastEventId) {
    for (EventStore.Event e : store.after(lastEventId)) {
      if (e.message().length > 0) {
        resumed.event(e.id(), e.message());
      }
    }
  }

  @Override
  public synchronized void notification(JsonRpcNotification notification) {
    if (answered || options.responseMode() == HttpEndpointOptions.ResponseMode.ALWAYS_JSON) {
      return;
    }
    if (stream == null) {
      openStream(false);
    }
    emit(core.codec.encode(notification));
  }

  @Override
  public synchronized boolean request(JsonRpcRequest request) {
    if (answered) {
      return false;
    }
    if (stream == null) {
      openStream(false);
    }
    return emit(core.codec.encode(request));
  }

  @Override
  public synchronized void response(JsonRpcResponse response) {
    if (!answerOnce()) {
      return;
    }
    if (stream != null) {
      emit(core.codec.encode(response));
      if (!stream.isClosed()) {
        stream.finish();
      }
    } else {
      core.responses.json(exchange, 200, baseHeaders, response);
    }
    if (resumableId != null) {
      // Only now: a resume that no longer finds this responder must find the answer stored.
      core.resumable.remove(resumableId);
    }
    core.active.remove(this);
  }
}
