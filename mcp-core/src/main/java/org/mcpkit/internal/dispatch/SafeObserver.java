package org.mcpkit.internal.dispatch;

import java.util.concurrent.atomic.AtomicBoolean;
import org.mcpkit.server.observe.AuthFailure;
import org.mcpkit.server.observe.Rejection;
import org.mcpkit.server.observe.RequestObservation;
import org.mcpkit.server.observe.RequestOutcome;
import org.mcpkit.server.observe.RequestScope;
import org.mcpkit.server.observe.RequestStart;
import org.mcpkit.server.observe.ServerObserver;
import org.mcpkit.server.observe.SessionClosed;
import org.mcpkit.server.observe.SessionOpened;
import org.mcpkit.server.observe.StoreFailure;
import org.mcpkit.server.observe.StreamCloseReason;
import org.mcpkit.server.observe.StreamKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The user's observer as the engine calls it: a failing observer is logged (at warn the first
 * time, then at debug) and never disturbs the request or stream it observes. The observations it
 * hands out are guarded the same way, so the engine calls them directly.
 */
public final class SafeObserver implements ServerObserver {
  private static final Logger LOG = LoggerFactory.getLogger(SafeObserver.class);
  private static final AtomicBoolean WARNED = new AtomicBoolean();
  private final ServerObserver delegate;

  private SafeObserver(ServerObserver delegate) {
    this.delegate = delegate;
  }

  /** {@code observer} guarded; {@link ServerObserver#none()} stays itself, so it can be recognised. */
  public static ServerObserver of(ServerObserver observer) {
    return observer == ServerObserver.none() || observer instanceof SafeObserver ? observer : new SafeObserver(observer);
  }

  static void failed(RuntimeException e) {
    if (WARNED.compareAndSet(false, true)) {
      LOG.warn("A server observer failed; its failures are logged at debug from now on", e);
    } else {
      LOG.debug("A server observer failed", e);
    }
  }

  /** Enters {@code observation} on this thread; a failure yields a scope that does nothing. */
  private static RequestScope enter(RequestObservation observation) {
    RequestScope scope;
    try {
      scope = observation.enter();
    } catch (RuntimeException e) {
      failed(e);
      return RequestScope.none();
    }
    return () -> {
      try {
        scope.close();
      } catch (RuntimeException e) {
        failed(e);
      }
    };
  }

  /** Ends {@code observation}, never throwing. */
  private static void end(RequestObservation observation, RequestOutcome outcome) {
    try {
      observation.end(outcome);
    } catch (RuntimeException e) {
      failed(e);
    }
  }

  @Override
  public RequestObservation requestStarted(RequestStart start) {
    RequestObservation o;
    try {
      o = delegate.requestStarted(start);
    } catch (RuntimeException e) {
      failed(e);
      return RequestObservation.none();
    }
    return o == null || o == RequestObservation.none() ? RequestObservation.none() : new Guarded(o);
  }

  /** A request's observation whose failures are logged and go no further. */
  private static final class Guarded implements RequestObservation {
    private final RequestObservation delegate;

    Guarded(RequestObservation delegate) {
      this.delegate = delegate;
    }

    @Override
    public RequestScope enter() {
      return SafeObserver.enter(delegate);
    }

    @Override
    public void end(RequestOutcome outcome) {
      SafeObserver.end(delegate, outcome);
    }
  }

  @Override
  public void streamOpened(StreamKind kind) {
    try {
      delegate.streamOpened(kind);
    } catch (RuntimeException e) {
      failed(e);
    }
  }

  @Override
  public void streamClosed(StreamKind kind, StreamCloseReason reason) {
    try {
      delegate.streamClosed(kind, reason);
    } catch (RuntimeException e) {
      failed(e);
    }
  }

  @Override
  public void keepAliveSent(StreamKind kind) {
    try {
      delegate.keepAliveSent(kind);
    } catch (RuntimeException e) {
      failed(e);
    }
  }

  @Override
  public void sessionOpened(SessionOpened session) {
    try {
      delegate.sessionOpened(session);
    } catch (RuntimeException e) {
      failed(e);
    }
  }

  @Override
  public void sessionClosed(SessionClosed session) {
    try {
      delegate.sessionClosed(session);
    } catch (RuntimeException e) {
      failed(e);
    }
  }

  @Override
  public void authFailed(AuthFailure failure) {
    try {
      delegate.authFailed(failure);
    } catch (RuntimeException e) {
      failed(e);
    }
  }

  @Override
  public void rejected(Rejection rejection) {
    try {
      delegate.rejected(rejection);
    } catch (RuntimeException e) {
      failed(e);
    }
  }

  @Override
  public void storeFailed(StoreFailure failure) {
    try {
      delegate.storeFailed(failure);
    } catch (RuntimeException e) {
      failed(e);
    }
  }
}
