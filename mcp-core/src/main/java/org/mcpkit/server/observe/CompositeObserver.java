package org.mcpkit.server.observe;

import java.util.ArrayList;
import java.util.List;

/** Several observers as one: each is called in order; scopes close in reverse order. */
final class CompositeObserver implements ServerObserver {
  private final List<ServerObserver> observers;

  CompositeObserver(List<ServerObserver> observers) {
    this.observers = observers;
  }

  @Override
  public RequestObservation requestStarted(RequestStart start) {
    List<RequestObservation> started = new ArrayList<>(observers.size());
    for (ServerObserver o : observers) {
      RequestObservation r = o.requestStarted(start);
      if (r != Noop.OBSERVATION) {
        started.add(r);
      }
    }
    return switch (started.size()) {
      case 0 -> Noop.OBSERVATION;
      case 1 -> started.get(0);
      default -> new Observations(started.toArray(new RequestObservation[0]));
    };
  }

  /** The observations of one request. */
  private static final class Observations implements RequestObservation {
    private final RequestObservation[] all;

    Observations(RequestObservation[] all) {
      this.all = all;
    }

    @Override
    public RequestScope enter() {
      RequestScope[] scopes = new RequestScope[all.length];
      for (int i = 0; i < all.length; i++) {
        scopes[i] = all[i].enter();
      }
      return () -> {
        for (int i = scopes.length - 1; i >= 0; i--) {
          scopes[i].close();
        }
      };
    }

    @Override
    public void end(RequestOutcome outcome) {
      for (RequestObservation o : all) {
        o.end(outcome);
      }
    }
  }

  @Override
  public void streamOpened(StreamKind kind) {
    for (ServerObserver o : observers) {
      o.streamOpened(kind);
    }
  }

  @Override
  public void streamClosed(StreamKind kind, StreamCloseReason reason) {
    for (ServerObserver o : observers) {
      o.streamClosed(kind, reason);
    }
  }

  @Override
  public void keepAliveSent(StreamKind kind) {
    for (ServerObserver o : observers) {
      o.keepAliveSent(kind);
    }
  }

  @Override
  public void sessionOpened(SessionOpened session) {
    for (ServerObserver o : observers) {
      o.sessionOpened(session);
    }
  }

  @Override
  public void sessionClosed(SessionClosed session) {
    for (ServerObserver o : observers) {
      o.sessionClosed(session);
    }
  }

  @Override
  public void authFailed(AuthFailure failure) {
    for (ServerObserver o : observers) {
      o.authFailed(failure);
    }
  }

  @Override
  public void rejected(Rejection rejection) {
    for (ServerObserver o : observers) {
      o.rejected(rejection);
    }
  }

  @Override
  public void storeFailed(StoreFailure failure) {
    for (ServerObserver o : observers) {
      o.storeFailed(failure);
    }
  }
}
