package org.mcpkit.server.observe;

import java.util.Objects;

/**
 * A shared store or bus failed where the engine catches the failure and goes on (a publish, a
 * sweep, a claim renewal); what fails inside a request is answered as an internal error instead.
 *
 * @param component what failed
 * @param operation a low-cardinality name of the operation, such as {@code publish}, {@code sweep}
 *     or {@code renew_claims}
 * @param error the failure
 */
public record StoreFailure(Component component, String operation, Throwable error) {
  /** The part of a multi-instance deployment that failed. */
  public enum Component {
    /** The {@code SessionStore}. */
    SESSION_STORE,
    /** The {@code EventStore}. */
    EVENT_STORE,
    /** The {@code SessionBus}. */
    SESSION_BUS,
    /** The {@code NotificationBus}. */
    NOTIFICATION_BUS
  }

  /** Validates. */
  public StoreFailure {
    Objects.requireNonNull(component, "component");
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(error, "error");
  }
}
